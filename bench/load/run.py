"""Load bench (issue 9): gunicorn on 127.0.0.1 under 50 locust users for 2 minutes.

    .venv/bin/python bench/load/run.py                 # builds careerpath_load once, then runs
    .venv/bin/python bench/load/run.py --users 50 --duration 2m --workers 5

1. Creates the database ``careerpath_load`` if missing (``LOAD_DATABASE_URL`` names another),
   migrates it, loads the framework and builds 10,000 candidates on one opening with
   ``bench/scale.py``'s bulk build (reused while the database holds them), plus a 10-candidate
   opening, their stored scores, and the cast: HR and a recruiter on each opening, each with a
   token and a session.
2. Starts a Celery worker and gunicorn (``--workers``, sync; 2 × cores + 1 by default) on
   127.0.0.1 with ``bench/load/settings.py``: the product's settings with ``DEBUG=0``, plus the
   bench-only plain JSON twin of the DRF candidate list. ``API_THROTTLE_USER`` is raised to
   1,000,000/minute so the figures measure the app, not the throttle (the product's default,
   2,000/minute per user, is what three users at this rate would hit).
3. Runs locust headless (``bench/load/locustfile.py``), then prints, per request kind, the
   count, errors (429 counted apart), median, p95 and p99, and the DRF-vs-plain ratio, with
   the machine's load average before and after. Asserts nothing.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/careerpath_load"
CANDIDATES = 10_000
REDIS_URL = os.environ.get("LOAD_REDIS_URL", "redis://127.0.0.1:6379/7")


def ensure_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')
            print(f"created database {name}", flush=True)


def build_world(path: Path) -> None:
    """Migrate, build, and write what the locust users need to ``path``."""
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.models import Group, User
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command
    from django.db import connection
    from rest_framework.authtoken.models import Token

    from bench.scale import build
    from candidates import selectors, services
    from candidates.models import CandidateRoleScore
    from careerpath.access import HR_GROUP, RECRUITER_GROUP
    from roles.models import Role

    call_command("migrate", verbosity=0)
    call_command("load_framework", verbosity=0)
    role, big, small = build(CANDIDATES)
    scored = CandidateRoleScore.objects.filter(role=role).count()
    if scored < CANDIDATES:
        print("scoring the pool …", flush=True)
        services.scores_rescore_role(role_id=role.pk)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")

    cast = {"hr": (HR_GROUP, big), "recruiter-pool": (RECRUITER_GROUP, big),
            "recruiter-small": (RECRUITER_GROUP, small)}
    users = {}
    for name, (group, opening) in cast.items():
        user, _ = User.objects.get_or_create(username=f"load-{name}")
        user.groups.set([Group.objects.get(name=group)])
        if group == RECRUITER_GROUP:
            opening.hiring_team.add(user)
        token, _ = Token.objects.get_or_create(user=user)
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        visible = selectors.candidates_visible_to(user)
        users[name] = {
            "token": token.key,
            "session": session.session_key,
            "opening": opening.pk,
            "candidates": list(
                opening.candidates.order_by("?").values_list("pk", flat=True)[:500]
            ),
            "api_pages": max(1, visible.count() // 50),
        }
    world = {
        "users": users,
        "role": role.slug,
        "roles": list(Role.objects.order_by("slug").values_list("slug", flat=True)[:20]),
        "competencies": list(role.requirements.values_list("competency__slug", flat=True)),
    }
    path.write_text(json.dumps(world))


def wait_for(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - 127.0.0.1 only
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def percentile_table(prefix: Path) -> None:
    with open(f"{prefix}_stats.csv", encoding="utf-8") as stats:
        rows = list(csv.DictReader(stats))
    with open(f"{prefix}_failures.csv", encoding="utf-8") as failed:
        failures = list(csv.DictReader(failed))
    throttled = {f["Name"]: int(f["Occurrences"]) for f in failures if "429" in f["Error"]}
    print(f"\n{'request':<24} {'count':>7} {'errors':>7} {'429':>5} {'median':>7} "
          f"{'p95':>7} {'p99':>7} {'req/s':>7}")
    by_name = {}
    for row in rows:
        name = row["Name"]
        by_name[name] = row
        errors = int(row["Failure Count"]) - throttled.get(name, 0)
        print(f"{name:<24} {row['Request Count']:>7} {errors:>7} {throttled.get(name, 0):>5} "
              f"{row['50%']:>7} {row['95%']:>7} {row['99%']:>7} "
              f"{float(row['Requests/s']):>7.1f}")
    for failure in failures:
        if "429" not in failure["Error"]:
            print(f"  error: {failure['Method']} {failure['Name']}: {failure['Error']} "
                  f"× {failure['Occurrences']}")
    drf, plain = by_name.get("pair: DRF list"), by_name.get("pair: plain Django")
    if drf and plain:
        for column, label in (("50%", "median"), ("95%", "p95"), ("Average Response Time", "mean")):
            ratio = float(drf[column]) / max(float(plain[column]), 0.001)
            print(f"DRF list vs plain Django, {label}: {float(drf[column]):.0f} ms vs "
                  f"{float(plain[column]):.0f} ms = {ratio:.2f}×")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--spawn-rate", type=float, default=10)
    parser.add_argument("--duration", default="2m")
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument("--port", type=int, default=8177)
    parser.add_argument(
        "--wait", default="1,5", help="seconds a user waits between requests: low,high"
    )
    args = parser.parse_args()

    url = os.environ.get("LOAD_DATABASE_URL", DEFAULT_URL)
    ensure_database(url)
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "REDIS_URL": REDIS_URL,
        "CACHE_URL": REDIS_URL,
        "DJANGO_SETTINGS_MODULE": "bench.load.settings",
        "PYTHONPATH": str(ROOT),
        "DEBUG": "0",
        "SECRET_KEY": "load-bench-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
        # Plain HTTP on loopback: no redirect to HTTPS, cookies sent without TLS.
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "API_THROTTLE_USER": "1000000/minute",
    }
    os.environ.update(env)
    work = Path(tempfile.mkdtemp(prefix="careerpath-load-"))
    world = work / "world.json"
    build_world(world)

    python = sys.executable
    processes = [
        subprocess.Popen(  # noqa: S603
            [python, "-m", "celery", "-A", "careerpath", "worker", "-c", "1", "-l", "WARNING"],
            cwd=ROOT, env=env,
        ),
        subprocess.Popen(  # noqa: S603
            [python, "-m", "gunicorn", "careerpath.wsgi", "-b", f"127.0.0.1:{args.port}",
             "-w", str(args.workers), "--log-level", "warning"],
            cwd=ROOT, env=env,
        ),
    ]
    host = f"http://127.0.0.1:{args.port}"
    try:
        wait_for(f"{host}/accounts/login/")
        print(f"load average before: {os.getloadavg()}", flush=True)
        prefix = work / "locust"
        subprocess.run(  # noqa: S603
            [python, "-m", "locust", "-f", str(Path(__file__).with_name("locustfile.py")),
             "--headless", "-u", str(args.users), "-r", str(args.spawn_rate),
             "-t", args.duration, "--host", host, "--csv", str(prefix), "--only-summary"],
            cwd=ROOT, env={**env, "LOAD_WORLD": str(world), "LOAD_WAIT": args.wait}, check=False,
        )
        print(f"load average after: {os.getloadavg()}")
        print(f"gunicorn: {args.workers} sync workers; {args.users} users for {args.duration}, "
              f"waiting {args.wait} s between requests")
        percentile_table(prefix)
    finally:
        for process in processes:
            process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


if __name__ == "__main__":
    main()
