"""Settings fail loudly on bad values and refuse unsafe production setups."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _import_settings(**env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    return subprocess.run(
        [sys.executable, "-c", "import careerpath.settings"],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_debug_off_without_secret_key_refuses_to_start():
    result = _import_settings(DEBUG="0", ALLOWED_HOSTS="example.com")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_debug_off_with_weak_secret_key_refuses_to_start():
    result = _import_settings(DEBUG="0", SECRET_KEY="short", ALLOWED_HOSTS="example.com")
    assert "too weak" in result.stderr


def test_malformed_boolean_is_reported():
    result = _import_settings(DEBUG="maybe")
    assert "DEBUG must be a boolean" in result.stderr


def test_debug_off_with_real_key_starts():
    result = _import_settings(DEBUG="0", SECRET_KEY="x" * 50, ALLOWED_HOSTS="example.com")
    assert result.returncode == 0, result.stderr


def test_embedded_secret_key_is_generated_once_into_a_private_file(tmp_path):
    from careerpath.settings import embedded_secret_key

    path = tmp_path / ".secret_key"
    first = embedded_secret_key(path)
    assert len(first) >= 50
    assert path.stat().st_mode & 0o077 == 0
    assert embedded_secret_key(path) == first


def test_a_visibility_timeout_not_longer_than_the_task_time_limit_is_refused():
    result = _import_settings(CELERY_TASK_TIME_LIMIT="300", CELERY_VISIBILITY_TIMEOUT="300")
    assert result.returncode != 0
    assert "CELERY_VISIBILITY_TIMEOUT must be longer than CELERY_TASK_TIME_LIMIT" in result.stderr


def test_a_soft_time_limit_above_the_hard_one_is_refused():
    result = _import_settings(CELERY_TASK_TIME_LIMIT="60", CELERY_TASK_SOFT_TIME_LIMIT="90")
    assert "CELERY_TASK_SOFT_TIME_LIMIT must not exceed" in result.stderr


def test_a_malformed_reconcile_interval_is_reported():
    result = _import_settings(SCORE_RECONCILE_SECONDS="often")
    assert "SCORE_RECONCILE_SECONDS must be a whole number" in result.stderr


def test_tasks_keep_their_message_until_they_ran_and_the_broker_fails_fast():
    from django.conf import settings

    assert settings.CELERY_TASK_ACKS_LATE is True
    assert settings.CELERY_TASK_REJECT_ON_WORKER_LOST is True
    assert settings.CELERY_WORKER_PREFETCH_MULTIPLIER == 1
    options = settings.CELERY_BROKER_TRANSPORT_OPTIONS
    assert options["visibility_timeout"] > settings.CELERY_TASK_TIME_LIMIT
    assert options["socket_connect_timeout"] <= 2
    assert options["socket_timeout"] <= 2
    assert settings.CELERY_TASK_PUBLISH_RETRY_POLICY["max_retries"] <= 1


def _setup_django(**env: str) -> subprocess.CompletedProcess:
    code = (
        "import os, django; os.environ['DJANGO_SETTINGS_MODULE'] = 'careerpath.settings'; "
        "django.setup()"
    )
    return subprocess.run(  # noqa: S603 — our own interpreter and a fixed script
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_a_log_level_given_as_a_number_starts():
    """An in-process Celery worker exports CELERY_LOG_LEVEL=40 to every process it starts."""
    result = _setup_django(CELERY_LOG_LEVEL="40", LOG_LEVEL="info")
    assert result.returncode == 0, result.stderr


def test_a_malformed_log_level_names_the_variable():
    result = _setup_django(CELERY_LOG_LEVEL="loud")
    assert "CELERY_LOG_LEVEL must be a logging level" in result.stderr
