"""Helpers for the tests that run Celery against a real (or a deliberately dead) broker."""

from __future__ import annotations

import contextlib
import os
import socket
import time
from collections.abc import Callable, Iterator

from celery.contrib.testing.worker import start_worker
from django.db import OperationalError
from django.db.models import F

from candidates.models import CandidateRoleScore
from candidates.selectors import candidate_fit
from careerpath.celery import app


def redis_reachable(url: str) -> bool:
    if not url:
        return False
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=2).ping())
    except redis.RedisError:
        return False


def free_port() -> int:
    """A local TCP port nothing listens on (the kernel's pick for a socket just closed)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _forget_broker_connections() -> None:
    # The app keeps a pool of producer connections for the broker it first used; a new broker
    # URL needs a new pool (what Celery itself resets after a fork).
    app._pool = None
    app.amqp._producer_pool = None


@contextlib.contextmanager
def use_broker(url: str) -> Iterator[None]:
    """Send tasks to the broker at ``url`` instead of running them eagerly, for this block."""
    previous = (app.conf.task_always_eager, app.conf.broker_url)
    previous_env = os.environ.get("CELERY_BROKER_URL")
    # Celery prefers CELERY_BROKER_URL in the environment to its configuration.
    os.environ["CELERY_BROKER_URL"] = url
    app.conf.update(task_always_eager=False, broker_url=url)
    _forget_broker_connections()
    try:
        yield
    finally:
        if previous_env is None:
            os.environ.pop("CELERY_BROKER_URL", None)
        else:
            os.environ["CELERY_BROKER_URL"] = previous_env
        app.conf.update(task_always_eager=previous[0], broker_url=previous[1])
        _forget_broker_connections()


def wait_until(predicate: Callable[[], bool], *, timeout: float, what: str) -> None:
    """Poll ``predicate`` until it holds; fail the test after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not _holds(predicate):
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(0.2)


def _holds(predicate: Callable[[], bool]) -> bool:
    try:
        return predicate()
    except OperationalError:
        # SQLite (tests without DATABASE_URL) refuses a read while the worker thread writes
        # ("database table is locked"); ask again.
        return False


@contextlib.contextmanager
def real_worker(redis_url: str) -> Iterator[None]:
    """Tasks go to Redis and a real worker (solo pool, in a thread) runs them, for this block.

    Start it after the test's data is in place: on SQLite a worker writing while the test
    writes makes one of them fail with "database table is locked".
    """
    with use_broker(redis_url):
        app.control.purge()  # messages an interrupted earlier run left behind
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            yield


def current_scores(role_id: int) -> dict[int, CandidateRoleScore]:
    """The role's score rows that are up to date, by candidate id."""
    rows = CandidateRoleScore.objects.filter(role_id=role_id, computed_version=F("input_version"))
    return {row.candidate_id: row for row in rows}


def assert_matches_the_rules(score: CandidateRoleScore) -> None:
    """The stored score equals what the Python rules compute from the current data."""
    result = candidate_fit(score.candidate, score.role)
    assert (score.fit, score.eligible, score.shortfall) == (
        result.fit,
        result.eligible,
        result.shortfall,
    )
