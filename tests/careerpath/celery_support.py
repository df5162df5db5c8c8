"""Helpers for the tests that run Celery against a real (or a deliberately dead) broker."""

from __future__ import annotations

import contextlib
import socket
import time
from collections.abc import Callable, Iterator

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
    app.conf.update(task_always_eager=False, broker_url=url)
    _forget_broker_connections()
    try:
        yield
    finally:
        app.conf.update(task_always_eager=previous[0], broker_url=previous[1])
        _forget_broker_connections()


def wait_until(predicate: Callable[[], bool], *, timeout: float, what: str) -> None:
    """Poll ``predicate`` until it holds; fail the test after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(0.2)


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
