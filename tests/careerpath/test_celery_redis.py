"""Celery through a real Redis broker and a real worker (needs REDIS_URL; CI provides it)."""

import os

import pytest
from celery.contrib.testing.worker import start_worker

from candidates.models import FitSnapshot
from candidates.tasks import record_fit_snapshots
from careerpath.celery import app
from tests import factories
from tests.conftest import require_service


def _redis_reachable(url: str) -> bool:
    if not url:
        return False
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=2).ping())
    except redis.RedisError:
        return False


@pytest.fixture
def redis_worker(transactional_db):
    url = os.environ.get("REDIS_URL", "")
    require_service(_redis_reachable(url), f"Redis is not reachable (REDIS_URL={url!r})")
    previous = (app.conf.task_always_eager, app.conf.broker_url, app.conf.result_backend)
    app.conf.update(task_always_eager=False, broker_url=url, result_backend=url)
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            yield
    finally:
        app.conf.update(
            task_always_eager=previous[0], broker_url=previous[1], result_backend=previous[2]
        )


def test_snapshot_task_runs_on_a_real_worker_and_is_idempotent(redis_worker, director_role):
    candidate = factories.CandidateFactory()
    factories.OpeningFactory(role=director_role, candidates=[candidate])

    first = record_fit_snapshots.delay(candidate.pk).get(timeout=30)
    second = record_fit_snapshots.delay(candidate.pk).get(timeout=30)

    assert (first, second) == (1, 0)
    assert FitSnapshot.objects.filter(candidate=candidate, role=director_role).count() == 1


def test_settings_run_eagerly_without_a_broker():
    from django.conf import settings

    assert settings.CELERY_TASK_ALWAYS_EAGER is settings.CELERY_BROKER_URL.startswith("memory:")
