"""Benchmark of the bulk import (run on demand: it prints figures and asserts nothing).

Generates a CSV of 10,000 candidates × 30 competency columns in a temporary folder, then
imports it through the same path the page and the API use (``candidate_import_start`` → the
job's task → check every row → write in batches → one refresh of stored scores), and prints the
time of each phase. Then imports the same file again, which must add nothing.

Uses a throwaway SQLite database unless DATABASE_URL is set (the target, under 60 s, is for
PostgreSQL). ``--rows`` and ``--columns`` change the size.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careerpath.settings")
_tmp = tempfile.TemporaryDirectory()
os.environ.setdefault("DATABASE_URL", f"sqlite:///{_tmp.name}/bench.sqlite3")
os.environ["MEDIA_ROOT"] = str(Path(_tmp.name) / "media")  # job files: thrown away after
os.environ.setdefault("IMPORT_MAX_BYTES", str(64 * 1_048_576))

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import Group, User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from candidates import imports, services  # noqa: E402
from candidates.models import Assessment, Candidate  # noqa: E402
from careerpath.access import HR_GROUP  # noqa: E402
from jobs.models import Job  # noqa: E402
from skills.models import Competency  # noqa: E402


def write_csv(path: Path, rows: int, slugs: list[str], rng: random.Random) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([*imports.BASE_COLUMNS, *slugs])
        for i in range(rows):
            writer.writerow(
                [
                    f"Bench Person {i}",
                    f"bench-{i}@example.com",
                    rng.choice(["internal", "external"]),
                    "ecommerce-manager",  # everyone in one role's pool: its scores are computed
                    rng.randint(0, 25),
                    "",
                    *(rng.randint(0, 5) for _ in slugs),
                ]
            )


def timed_job(user: User, path: Path) -> tuple[float, Job]:
    start = time.perf_counter()
    # Celery runs eagerly here (no broker): the task runs when the start commits.
    job = services.candidate_import_start(user=user, file_name=path.name, content=path.read_bytes())
    elapsed = time.perf_counter() - start
    job.refresh_from_db()
    if job.state != Job.State.SUCCEEDED:
        raise SystemExit(f"import failed: {job.message} {job.result.get('errors', [])[:5]}")
    return elapsed, job


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--columns", type=int, default=30)
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    call_command("load_framework", verbosity=0)
    Candidate.objects.filter(email__startswith="bench-").delete()
    user, _ = User.objects.get_or_create(username="bench-importer")
    user.groups.add(Group.objects.get(name=HR_GROUP))
    slugs = list(Competency.objects.order_by("slug").values_list("slug", flat=True))
    if len(slugs) < args.columns:
        raise SystemExit(f"only {len(slugs)} competencies in the framework")
    slugs = slugs[: args.columns]

    path = Path(_tmp.name) / "bench-import.csv"
    write_csv(path, args.rows, slugs, random.Random(42))
    size = path.stat().st_size
    print(f"database: {connection.vendor}")
    print(f"file: {args.rows:,} rows × {args.columns} competency columns, {size / 1e6:.1f} MB")

    start = time.perf_counter()
    table = imports.read_table(path.name, path.read_bytes())
    read_s = time.perf_counter() - start
    start = time.perf_counter()
    checked = imports.validate_table(table, user=user)
    check_s = time.perf_counter() - start
    assert not checked.errors, checked.errors[:5]
    print(f"  read the file                       {read_s:7.2f} s")
    print(f"  check every row                     {check_s:7.2f} s")

    first_s, first = timed_job(user, path)
    print(
        f"first import, whole job               {first_s:7.2f} s   "
        f"created {first.result['created']:,}, assessments {first.result['assessments_added']:,}"
    )
    again_s, again = timed_job(user, path)
    print(
        f"same file again (adds nothing)        {again_s:7.2f} s   "
        f"unchanged {again.result['unchanged']:,}, assessments {again.result['assessments_added']}"
    )
    print(
        f"rows now: {Candidate.objects.filter(email__startswith='bench-').count():,} candidates, "
        f"{Assessment.objects.filter(candidate__email__startswith='bench-').count():,} assessments"
    )


if __name__ == "__main__":
    main()
