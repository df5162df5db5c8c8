"""Chaos: kill a pool child mid-task, then the whole worker, then restart Redis empty — and every
candidate still ends scored exactly once.

This runs what an operator runs: its own ``redis-server`` (no persistence, so a restart loses
every queued message), real ``celery worker`` processes (prefork, two children) and finally
``celery beat`` driving the reconciler, all against the PostgreSQL test database (the workers
are other processes, so the data must be committed and the database shared: PostgreSQL only).

Each phase proves the fault happened (the worker logged the lost child, messages sat
unacknowledged in Redis, queued messages were lost) before the end state is checked: one
current score per candidate equal to the Python rules, and exactly one fit snapshot each.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from django.db import connection

from candidates.models import CandidateRoleScore, FitSnapshot
from candidates.tasks import rescore_candidates
from tests import factories
from tests.careerpath.celery_support import (
    assert_matches_the_rules,
    current_scores,
    free_port,
    use_broker,
)
from tests.conftest import require_service

pytestmark = [pytest.mark.redis, pytest.mark.postgres]

ROOT = Path(__file__).resolve().parents[2]
REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"
CANDIDATES = 60
# Each task sleeps this long first (the CAREERPATH_TASK_DELAY_MS test hook), so a kill lands
# mid-task; time limit < visibility timeout, as the settings require.
TASK_DELAY_MS = 600
VISIBILITY_TIMEOUT = 5
TASK_TIME_LIMIT = 4
# The whole test stays within this many seconds of waiting.
BUDGET_SECONDS = 90


class Deadline:
    def __init__(self, seconds: float) -> None:
        self.end = time.monotonic() + seconds

    def wait_for(self, predicate, what: str, logs: list[Path]) -> None:
        while not predicate():
            if time.monotonic() > self.end:
                tails = "\n".join(
                    f"--- {log.name}:\n{log.read_text(errors='replace')[-3000:]}"
                    for log in logs
                    if log.exists()
                )
                raise AssertionError(f"chaos test out of time waiting for {what}\n{tails}")
            time.sleep(0.2)


class RedisServer:
    """A private, memory-only redis-server that can be killed and started again, empty."""

    def __init__(self, directory: Path) -> None:
        self.port = free_port()
        self.directory = directory
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def client(self) -> redis.Redis:
        return redis.Redis(host="127.0.0.1", port=self.port, socket_connect_timeout=1)

    def start(self, deadline: Deadline) -> None:
        self.process = subprocess.Popen(  # noqa: S603 — fixed arguments
            [
                REDIS_SERVER,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.directory),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

        def up() -> bool:
            try:
                return bool(self.client().ping())
            except redis.RedisError:
                return False

        deadline.wait_for(up, "redis-server to start", [])

    def kill(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)


class Celery:
    """``celery -A careerpath <command>`` in its own process group, logging to a file."""

    def __init__(self, name: str, args: list[str], env: dict[str, str], log: Path) -> None:
        self.name = name
        self.log = log
        self.process = subprocess.Popen(  # noqa: S603 — fixed arguments
            [sys.executable, "-m", "celery", "-A", "careerpath", *args],
            cwd=ROOT,
            env=env,
            stdout=log.open("w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def text(self) -> str:
        return self.log.read_text(errors="replace")

    def pool_children(self) -> list[int]:
        children = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            with contextlib.suppress(OSError):
                fields = stat.read_text().rsplit(")", 1)[1].split()
                if int(fields[1]) == self.process.pid:
                    children.append(int(stat.parent.name))
        return children

    def kill_all(self) -> None:
        """SIGKILL the process and everything it started (the container dies)."""
        if self.process.poll() is None or self.pool_children():
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=10)


def _database_url() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return (
        f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
        f"/{db['NAME']}"
    )


def _process_env(broker_url: str, queue: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("CELERY_", "REDIS_", "SCORE_", "CAREERPATH_"))
    }
    env.update(
        DATABASE_URL=_database_url(),
        CELERY_BROKER_URL=broker_url,
        CELERY_TASK_DEFAULT_QUEUE=queue,
        CELERY_VISIBILITY_TIMEOUT=str(VISIBILITY_TIMEOUT),
        CELERY_TASK_TIME_LIMIT=str(TASK_TIME_LIMIT),
        CELERY_TASK_SOFT_TIME_LIMIT=str(TASK_TIME_LIMIT - 1),
        CAREERPATH_TASK_DELAY_MS=str(TASK_DELAY_MS),
        SCORE_RECONCILE_SECONDS="5",
        CELERY_LOG_LEVEL="INFO",
        DEBUG="1",
    )
    return env


@pytest.fixture
def chaos_services(transactional_db, tmp_path) -> Iterator[tuple[RedisServer, list[Celery]]]:
    require_service(
        connection.vendor == "postgresql",
        "the chaos test needs PostgreSQL (DATABASE_URL): its workers are other processes",
    )
    require_service(Path(REDIS_SERVER).exists(), f"redis-server is not installed ({REDIS_SERVER})")
    server = RedisServer(tmp_path)
    started: list[Celery] = []
    try:
        yield server, started
    finally:
        for process in started:
            process.kill_all()
        server.kill()


def _message_candidates(payload: dict) -> list[int]:
    args, _kwargs, _embed = json.loads(base64.b64decode(payload["body"]))
    return list(args[0])


def _unacked_candidates(client: redis.Redis) -> set[int]:
    """Candidate ids of the messages Redis holds as delivered but not acknowledged."""
    ids: set[int] = set()
    for raw in client.hvals("unacked"):
        ids.update(_message_candidates(json.loads(raw)[0]))
    return ids


def _held_candidates(client: redis.Redis, queue: str) -> set[int]:
    """Candidate ids of every message Redis holds, queued or unacknowledged, read atomically."""
    pipe = client.pipeline(transaction=True)
    pipe.lrange(queue, 0, -1)
    pipe.hvals("unacked")
    queued, unacked = pipe.execute()
    ids: set[int] = set()
    for raw in queued:
        ids.update(_message_candidates(json.loads(raw)))
    for raw in unacked:
        ids.update(_message_candidates(json.loads(raw)[0]))
    return ids


def _assert_nothing_lost(client: redis.Redis, queue: str, role_id: int, ids: list[int]) -> None:
    """While Redis lives, every candidate is scored or still has its message in Redis (read
    Redis first: a message leaves it only after its score is committed, acks being late)."""
    held = _held_candidates(client, queue)
    missing = set(ids) - held - set(current_scores(role_id))
    assert not missing, f"messages lost while Redis was up, for candidates {sorted(missing)}"


def test_every_candidate_ends_scored_exactly_once_through_worker_and_redis_failures(
    chaos_services, director_role, tmp_path
):
    server, started = chaos_services
    deadline = Deadline(BUDGET_SECONDS)
    queue = f"chaos-{os.getpid()}-{int(time.time())}"
    role = director_role
    requirements = list(role.requirements.order_by("pk"))

    # Given 60 candidates with assessments, put on an opening while no broker answers: their
    # score rows exist but were never computed, and nothing is queued
    candidates = factories.CandidateFactory.create_batch(CANDIDATES, years_experience=6)
    for index, candidate in enumerate(candidates):
        for offset, requirement in enumerate(requirements):
            factories.AssessmentFactory(
                candidate=candidate,
                competency=requirement.competency,
                level=(index + offset) % 6,
            )
    with use_broker(f"redis://127.0.0.1:{free_port()}/0"):
        factories.OpeningFactory(role=role, candidates=candidates)
    ids = sorted(candidate.pk for candidate in candidates)
    assert CandidateRoleScore.objects.filter(role=role, computed_version=0).count() == CANDIDATES
    assert not FitSnapshot.objects.filter(role=role).exists()

    server.start(deadline)
    env = _process_env(server.url, queue)
    logs = [tmp_path / "worker-1.log", tmp_path / "worker-2.log", tmp_path / "beat.log"]
    worker_args = [
        "worker",
        "--pool=prefork",
        "--concurrency=2",
        "-Q",
        queue,
        "--without-heartbeat",
        "--without-gossip",
        "--without-mingle",
        "--loglevel=INFO",
    ]

    def scored() -> int:
        return len(current_scores(role.pk))

    # When a worker starts on one message per candidate...
    first = Celery("worker-1", [*worker_args, "-n", f"{queue}-1@%h"], env, logs[0])
    started.append(first)
    with use_broker(server.url):
        for candidate_id in ids:
            rescore_candidates.apply_async(args=[[candidate_id]], queue=queue)
    deadline.wait_for(lambda: scored() >= 2, "the first worker to score", logs)

    # ... one of its pool children is killed mid-task (the worker logs the lost job) ...
    child = first.pool_children()[0]
    os.kill(child, signal.SIGKILL)
    deadline.wait_for(
        lambda: re.search(r"WorkerLostError", first.text()) is not None,
        "the worker to report its killed child",
        logs,
    )
    done_before_worker_kill = scored() + 4
    deadline.wait_for(lambda: scored() >= done_before_worker_kill, "the worker to score on", logs)

    _assert_nothing_lost(server.client(), queue, role.pk, ids)

    # ... then the whole worker is killed, stranding its reserved messages unacknowledged ...
    first.kill_all()
    stranded = _unacked_candidates(server.client())
    _assert_nothing_lost(server.client(), queue, role.pk, ids)
    assert stranded, "killing the worker should leave unacknowledged messages in Redis"

    # ... a new worker takes over and, after the visibility timeout, runs the stranded ones ...
    second = Celery("worker-2", [*worker_args, "-n", f"{queue}-2@%h"], env, logs[1])
    started.append(second)
    deadline.wait_for(
        lambda: stranded <= set(current_scores(role.pk)),
        "the stranded messages to be redelivered and run",
        logs,
    )

    # ... then Redis dies and comes back empty, losing every queued message ...
    _assert_nothing_lost(server.client(), queue, role.pk, ids)
    lost = server.client().llen(queue)
    server.kill()
    server.start(deadline)
    assert lost > 0, "Redis should have been holding queued messages when it died"
    assert server.client().llen(queue) == 0

    # ... and beat's reconciler finds what was lost
    started.append(Celery("beat", ["beat", "-s", str(tmp_path / "beat-schedule")], env, logs[2]))
    deadline.wait_for(lambda: scored() == CANDIDATES, "the reconciler to finish", logs)

    # Then every candidate has exactly one current score, equal to the rules, and exactly one
    # fit snapshot (the first computation; reruns and redeliveries added none)
    scores = CandidateRoleScore.objects.filter(role=role).select_related("candidate", "role")
    assert sorted(score.candidate_id for score in scores) == ids
    for score in scores:
        assert not score.stale
        assert_matches_the_rules(score)
    snapshots = FitSnapshot.objects.filter(role=role).values_list("candidate_id", flat=True)
    assert sorted(snapshots) == ids
