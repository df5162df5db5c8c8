"""Benchmarks, run on demand (`make bench`): they print figures and assert nothing.

Builds a throwaway SQLite database in a temporary folder (or uses DATABASE_URL if set), loads
the default framework, creates candidates with assessments against the Director's profile, and
times the recruiting reads the product leans on: ranking/comparison for 50 and 500 candidates,
a development plan, and a career route — with query counts and peak Python memory.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careerpath.settings")
_tmp = tempfile.TemporaryDirectory()
os.environ.setdefault("DATABASE_URL", f"sqlite:///{_tmp.name}/bench.sqlite3")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from candidates import selectors, services  # noqa: E402
from candidates.models import Assessment, Candidate  # noqa: E402
from roles.models import Role  # noqa: E402


def measure(label: str, func, repeat: int = 5) -> None:
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        timings.append(time.perf_counter() - start)
    tracemalloc.start()
    with CaptureQueriesContext(connection) as queries:
        func()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"{label:<42} median {statistics.median(timings) * 1000:8.1f} ms"
        f"   queries {len(queries):3d}   peak {peak / 1024:8.0f} KiB"
    )


def make_candidates(role: Role, count: int, rng: random.Random) -> list[Candidate]:
    requirements = list(role.requirements.select_related("competency"))
    people = Candidate.objects.bulk_create(
        Candidate(
            name=f"Bench {i}",
            email=f"bench-{role.slug}-{count}-{i}@example.com",
            source=rng.choice(["internal", "external"]),
            years_experience=rng.randint(0, 20),
        )
        for i in range(count)
    )
    Assessment.objects.bulk_create(
        Assessment(candidate=person, competency=req.competency, level=rng.randint(0, 5))
        for person in people
        for req in requirements
    )
    return people


def main() -> None:
    call_command("migrate", verbosity=0)
    call_command("load_framework", verbosity=0)
    rng = random.Random(42)
    director = Role.objects.get(slug="ecommerce-director")
    staff = Role.objects.get(slug="ecommerce-staff")
    print(f"database: {connection.vendor}")
    for count in (50, 500):
        people = make_candidates(director, count, rng)
        ids = [p.pk for p in people]
        measure(
            f"compare_candidates, {count} candidates",
            lambda ids=ids: selectors.compare_candidates(
                director, Candidate.objects.filter(pk__in=ids)
            ),
        )
        measure(
            f"rank_candidates_for_role, {count} candidates",
            lambda ids=ids: selectors.rank_candidates_for_role(
                director, Candidate.objects.filter(pk__in=ids)
            ),
        )
    internal = services.candidate_create(
        created_by=None, name="Plan", email="plan@example.com", source="internal"
    )
    measure(
        "development_plan (every gap open)", lambda: selectors.development_plan(internal, director)
    )
    measure(
        "career_route staff → CCO",
        lambda: selectors.candidate_career_route(
            start=staff, target=Role.objects.get(slug="chief-customer-officer"), candidate=internal
        ),
    )


if __name__ == "__main__":
    main()
