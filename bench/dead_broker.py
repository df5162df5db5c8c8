"""What a broker outage costs a writer (`make bench`): prints figures, asserts nothing.

Builds a throwaway SQLite database with the framework and demo data, points Celery at a broker
that refuses connections (nothing listens on the port) and then at one that accepts connections
but never answers, and times `POST /api/v1/assessments/` against each: the status, the time, and
how many rows one request wrote. Before issue 8 the refused case answered 500 after about 20 s,
having saved the row (a retrying client wrote it twice).
"""

from __future__ import annotations

import os
import socket
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


_tmp = tempfile.TemporaryDirectory()
os.environ["DJANGO_SETTINGS_MODULE"] = "careerpath.settings"
os.environ["DATABASE_URL"] = f"sqlite:///{_tmp.name}/bench.sqlite3"
os.environ["CELERY_BROKER_URL"] = f"redis://127.0.0.1:{_free_port()}/0"
os.environ.pop("REDIS_URL", None)
os.environ.pop("CELERY_RESULT_BACKEND", None)
os.environ.setdefault("LOG_LEVEL", "ERROR")

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from candidates.models import Assessment, Candidate, CandidateRoleScore  # noqa: E402
from careerpath.celery import app  # noqa: E402


def silent_listener() -> int:
    """A local port that accepts connections and never answers (a hung broker)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(64)
    held: list[socket.socket] = []

    def accept() -> None:
        while True:
            connection, _ = server.accept()
            held.append(connection)

    threading.Thread(target=accept, daemon=True).start()
    return int(server.getsockname()[1])


def use_broker(url: str) -> None:
    # Celery reads CELERY_BROKER_URL from the environment before its configuration.
    os.environ["CELERY_BROKER_URL"] = url
    app.conf.broker_url = url
    app._pool = None
    app.amqp._producer_pool = None


def post_assessments(label: str, repeat: int = 5) -> None:
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(User.objects.get(username="hr"))
    candidate = Candidate.objects.order_by("pk").first()
    assert candidate is not None
    score = CandidateRoleScore.objects.filter(candidate=candidate).first()
    statuses, timings, written = [], [], []
    for level in range(repeat):
        before = Assessment.objects.count()
        start = time.perf_counter()
        response = client.post(
            "/api/v1/assessments/",
            {"candidate": candidate.pk, "competency": "adaptability-resilience", "level": level},
            content_type="application/json",
        )
        timings.append(time.perf_counter() - start)
        statuses.append(response.status_code)
        written.append(Assessment.objects.count() - before)
    body = response.json() if response.status_code == 201 else {}
    stale = CandidateRoleScore.objects.get(pk=score.pk).stale if score else None
    print(
        f"{label:<44} status {sorted(set(statuses))}  median {statistics.median(timings):6.2f} s"
        f"  max {max(timings):6.2f} s  rows per request {sorted(set(written))}"
        f"  scoring={body.get('scoring')!r}  score stale={stale}"
    )


def main() -> None:
    call_command("migrate", verbosity=0)
    call_command("load_framework", verbosity=0)
    # The demo data is scored while loading; with the broker down that only leaves it stale.
    app.conf.task_always_eager = True
    call_command("load_demo", verbosity=0)
    app.conf.task_always_eager = False
    post_assessments("POST assessment, broker refuses connections")
    use_broker(f"redis://127.0.0.1:{silent_listener()}/0")
    post_assessments("POST assessment, broker accepts but hangs", repeat=3)


if __name__ == "__main__":
    main()
