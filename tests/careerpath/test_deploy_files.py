"""docker-compose.yml runs the stack the README documents, with the same commands."""

from __future__ import annotations

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def _compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_runs_web_worker_beat_postgres_and_redis_with_healthchecks():
    services = _compose()["services"]
    assert set(services) == {"web", "worker", "beat", "db", "redis"}
    for name in ("web", "worker", "db", "redis"):
        assert "healthcheck" in services[name], name
    for name in ("worker", "beat"):
        needs = services[name]["depends_on"]
        assert needs["db"]["condition"] == "service_healthy"
        assert needs["redis"]["condition"] == "service_healthy"
        # The web container applies the migrations before it reports healthy.
        assert needs["web"]["condition"] == "service_healthy"


def test_the_worker_and_beat_commands_are_the_readmes():
    services = _compose()["services"]
    readme = (ROOT / "README.md").read_text()
    for name in ("worker", "beat"):
        assert f".venv/bin/{services[name]['command']} &" in readme, name
    assert "gunicorn careerpath.wsgi:application" in services["web"]["command"]
    assert "gunicorn careerpath.wsgi:application --bind 127.0.0.1:8000 --workers 3" in readme
