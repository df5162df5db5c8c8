"""Enqueue Celery tasks after commit, without ever failing the request that asked for them.

Every service that hands work to a worker goes through ``enqueue_on_commit``. Use it only for
work a periodic reconciler can find again in the database — as a stored score stays stale until
a task recomputes it, and ``candidates.tasks.reconcile_scores`` (Celery beat) queues every stale
one — so that a broker that is down is not the user's problem: the write commits, one warning
is logged, and the reconciler enqueues the work once the broker is back.
"""

from __future__ import annotations

import logging
import reprlib
import time
from typing import Any

from celery import Task
from django.conf import settings
from django.db import InterfaceError, transaction
from django.db import OperationalError as DatabaseOperationalError
from kombu.exceptions import OperationalError as KombuOperationalError
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# What a publish raises when the broker is unreachable: kombu wraps most transport errors in its
# OperationalError; a refused or timed-out socket can surface as an OSError
# (ConnectionRefusedError, TimeoutError) and redis-py's own errors as RedisError.
BROKER_ERRORS: tuple[type[BaseException], ...] = (KombuOperationalError, RedisError, OSError)


def enqueue(task: Task, *args: Any, **kwargs: Any) -> bool:
    """Send ``task(*args, **kwargs)`` to the broker now; False (and one warning) if it is down.

    The publish is bounded: short socket timeouts and one quick retry
    (``CELERY_TASK_PUBLISH_RETRY_POLICY``, ``CELERY_BROKER_CONNECT_TIMEOUT``), so an unreachable
    broker costs the caller about a second, never a hang. In eager mode (no broker configured)
    the task runs here, in-process.
    """
    try:
        task.apply_async(args=args, kwargs=kwargs)
    except BROKER_ERRORS as error:
        logger.warning(
            "Broker unavailable, %s%s not queued (left for its reconciler): %s",
            task.name,
            reprlib.repr(args),
            error,
        )
        return False
    return True


def enqueue_on_commit(task: Task, *args: Any, **kwargs: Any) -> None:
    """Enqueue ``task(*args, **kwargs)`` once the current transaction commits.

    After commit, because the worker must see the rows this transaction wrote; ``robust`` so that
    anything else going wrong in the callback is logged rather than turned into an error for a
    request whose write has already committed (a client retrying it would write twice).
    """

    def enqueue_committed() -> None:
        enqueue(task, *args, **kwargs)

    transaction.on_commit(enqueue_committed, robust=True)


# Options for every task that works on the database: a database that is briefly unreachable
# (failover, restart, connection limit) is retried with exponential backoff and jitter instead of
# losing the work; what still fails after the last retry stays stale for the reconciler.
DATABASE_RETRY_OPTIONS: dict[str, Any] = {
    "autoretry_for": (DatabaseOperationalError, InterfaceError),
    "retry_backoff": 2,
    "retry_backoff_max": 60,
    "retry_jitter": True,
    "max_retries": 5,
}


def task_test_delay() -> None:
    """Sleep ``CAREERPATH_TASK_DELAY_MS`` (a test hook, unset in deployments) so that a test can
    kill a worker while a task runs."""
    delay_ms = settings.CAREERPATH_TASK_DELAY_MS
    if delay_ms:
        time.sleep(delay_ms / 1000)
