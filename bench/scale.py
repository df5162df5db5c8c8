"""Scale benchmark (issue 8), run on demand: prints figures, asserts nothing.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/careerpath_bench \
        .venv/bin/python bench/scale.py --candidates 100000

Builds (once; reused while the database holds it) a role with 30 requirements, one opening
holding N candidates with an assessment per requirement each (2 for every tenth candidate, so
"the latest counts" has work to do), and a 10-candidate opening for the query-count check. Then
it times, in the same run:

* the old way: scoring the whole pool in Python (``rank_candidates_for_role`` over every
  candidate), and the per-candidate rescoring loop (measured on a sample, extrapolated);
* the new way: rescoring the pool set-based (``scores_rescore_role``), the top-50 ranking from
  stored scores (selector, and GET through the API), the opening page and the candidate list.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careerpath.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from candidates import score_queries, selectors, services  # noqa: E402
from candidates.models import Assessment, Candidate, CandidateRoleScore, Opening  # noqa: E402
from roles.models import Role, RoleRequirement  # noqa: E402
from skills.models import Competency  # noqa: E402

BENCH_ROLE = "bench-director"
REQUIREMENTS = 30


def timed(func: Callable[[], Any], repeat: int) -> tuple[float, int, Any]:
    """Median seconds over ``repeat`` runs, the query count of one more run, and its result."""
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        timings.append(time.perf_counter() - start)
    with CaptureQueriesContext(connection) as queries:
        result = func()
    return statistics.median(timings), len(queries), result


def report(label: str, seconds: float, queries: int | None = None, extra: str = "") -> None:
    shown = f"{seconds * 1000:10.1f} ms" if seconds < 10 else f"{seconds:10.2f} s "
    counted = f"   queries {queries:3d}" if queries is not None else ""
    print(f"{label:<58} {shown}{counted}{extra}", flush=True)


def build(count: int) -> tuple[Role, Opening, Opening]:
    role = Role.objects.filter(slug=BENCH_ROLE).first()
    if role is not None and Opening.objects.filter(role=role, title="Bench pool").exists():
        big = Opening.objects.get(role=role, title="Bench pool")
        if big.candidates.count() == count:
            return role, big, Opening.objects.get(role=role, title="Bench small")
    print(f"building {count} candidates × {REQUIREMENTS} requirements …", flush=True)
    start = time.perf_counter()
    Opening.objects.filter(role__slug=BENCH_ROLE).delete()
    Candidate.objects.filter(email__startswith="bench-").delete()
    Role.objects.filter(slug=BENCH_ROLE).delete()
    competencies = list(Competency.objects.order_by("slug")[:REQUIREMENTS])
    role = Role.objects.create(
        slug=BENCH_ROLE, title="Bench Director", level="director", min_years_experience=5
    )
    RoleRequirement.objects.bulk_create(
        RoleRequirement(
            role=role,
            competency=competency,
            required_level=1 + index % 5,
            weight=1 + index % 7,
            essential=index % 6 == 0,
        )
        for index, competency in enumerate(competencies)
    )
    with transaction.atomic():
        people = Candidate.objects.bulk_create(
            (
                Candidate(
                    name=f"Bench {i:06d}",
                    email=f"bench-{i}@example.com",
                    source="internal" if i % 3 == 0 else "external",
                    years_experience=i % 15,
                )
                for i in range(count + 10)
            ),
            batch_size=5000,
        )
        ids = [person.pk for person in people]
        # In slices: bulk_create lists a whole generator in memory first (3 million objects).
        for start_at in range(0, len(ids), 2000):
            Assessment.objects.bulk_create(
                (
                    Assessment(
                        candidate_id=pk,
                        competency_id=competency.pk,
                        level=(pk * 7 + index * 3 + repeat) % 6,
                        assessed_at=f"2026-0{1 + repeat}-15",
                    )
                    for pk in ids[start_at : start_at + 2000]
                    for index, competency in enumerate(competencies)
                    for repeat in range(2 if pk % 10 == 0 else 1)
                ),
                batch_size=10_000,
            )
        big = Opening.objects.create(title="Bench pool", role=role)
        small = Opening.objects.create(title="Bench small", role=role)
        through = Opening.candidates.through
        through.objects.bulk_create(
            (through(opening_id=big.pk, candidate_id=pk) for pk in ids[:count]), batch_size=10_000
        )
        through.objects.bulk_create(
            through(opening_id=small.pk, candidate_id=pk) for pk in ids[count:]
        )
    print(f"built in {time.perf_counter() - start:.0f} s", flush=True)
    return role, big, small


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--candidates", type=int, default=100_000)
    parser.add_argument("--sample", type=int, default=500, help="per-candidate loop sample")
    parser.add_argument(
        "--skip-old", action="store_true", help="skip the old way (minutes): no speed-up ratios"
    )
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    call_command("load_framework", verbosity=0)
    role, big, small = build(args.candidates)
    print(f"database: {connection.vendor}; pool: {big.candidates.count()} candidates")

    # --- The old way ---------------------------------------------------------------------
    old_rank = old_rescore = 0.0
    if not args.skip_old:
        everyone = list(selectors.opening_candidates(big))
        tracemalloc.start()
        old_rank, _, _ = timed(lambda: selectors.rank_candidates_for_role(role, everyone), 1)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        report("OLD scoring the whole pool in Python", old_rank, extra=f"   peak {peak >> 20} MiB")

        sample = everyone[: args.sample]
        start = time.perf_counter()
        for candidate in sample:  # what the per-candidate task did: one fit per candidate
            selectors.candidate_fit(candidate, role)
        per_candidate = (time.perf_counter() - start) / len(sample)
        old_rescore = per_candidate * len(everyone)
        report(
            f"OLD per-candidate loop (sample {len(sample)}, extrapolated)",
            old_rescore,
            extra=f"   {per_candidate * 1000:.1f} ms each",
        )

    # --- Stored scores -------------------------------------------------------------------
    # Each measured rescoring follows a real requirement change (a weight flipping between two
    # values moves nearly every fit), so every run rewrites the whole pool's scores.
    requirement = RoleRequirement.objects.filter(role=role).order_by("pk").first()
    assert requirement is not None
    marks, rescorings, rescore_queries = [], [], 0
    for flip in range(3):
        RoleRequirement.objects.filter(pk=requirement.pk).update(weight=7 + flip % 2)
        start = time.perf_counter()
        with transaction.atomic():  # what HR's save adds to its own transaction
            score_queries.mark_inputs_changed(role_ids=[role.pk])
        marks.append(time.perf_counter() - start)
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            services.scores_rescore_role(role_id=role.pk)
            rescorings.append(time.perf_counter() - start)
        rescore_queries = len(queries)
    report("NEW marking a role change (inside HR's save)", statistics.median(marks))
    rescore = statistics.median(rescorings)
    report("NEW rescoring the whole pool (set-based)", rescore, rescore_queries)
    stale = CandidateRoleScore.objects.filter(role=role, computed_at__isnull=True).count()
    print(f"    rows: {CandidateRoleScore.objects.filter(role=role).count()}, unscored: {stale}")

    def top_50() -> list[Any]:
        return selectors.ranking_entries(role, list(selectors.opening_scores(big)[:50]))

    top, top_queries, _ = timed(top_50, 21)
    report("NEW top-50 ranking (selector)", top, top_queries)

    user, _ = User.objects.get_or_create(username="bench-hr", defaults={"is_superuser": True})
    client = Client(HTTP_HOST="localhost")  # an allowed host without touching settings
    client.force_login(user)

    def get(url: str) -> Callable[[], Any]:
        def call() -> Any:
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            return response

        return call

    api_url = f"/api/v1/roles/{role.slug}/ranking/?opening={{}}&page_size=50"
    api, api_queries, _ = timed(get(api_url.format(big.pk)), 21)
    report("NEW GET ranking API (top 50)", api, api_queries)
    _, api_small_queries, _ = timed(get(api_url.format(small.pk)), 1)

    page, page_queries, _ = timed(get(f"/openings/{big.pk}/"), 11)
    report("NEW opening page", page, page_queries)
    _, page_small_queries, _ = timed(get(f"/openings/{small.pk}/"), 1)

    listing, list_queries, _ = timed(get("/candidates/"), 11)
    report("NEW candidate list page", listing, list_queries)

    compare, compare_queries, _ = timed(get(f"/openings/{big.pk}/compare/"), 5)
    report("NEW opening compare page (top 10)", compare, compare_queries)

    print()
    if not args.skip_old:
        print(f"top-50 selector vs Python pool scoring: {old_rank / top:,.0f}× faster")
        print(f"set-based rescoring vs per-candidate loop: {old_rescore / rescore:,.0f}× faster")
    print(
        f"query counts, 10 vs {big.candidates.count()} candidates: ranking API "
        f"{api_small_queries} vs {api_queries}, opening page {page_small_queries} vs "
        f"{page_queries}"
    )


if __name__ == "__main__":
    main()
