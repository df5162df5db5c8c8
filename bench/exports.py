"""Export benchmark, run on demand (`make bench`): prints figures and asserts nothing.

Builds a throwaway SQLite database (or uses DATABASE_URL if set) with 100,000 candidates and
about 200,000 assessments, then times the candidate list as CSV (streamed, read to the end) and
as XLSX (openpyxl write-only), with query counts and peak Python memory, and the PDF report of
an opening with ten candidates.
"""

from __future__ import annotations

import os
import random
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

from django.contrib.auth.models import User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from candidates import exports, selectors  # noqa: E402
from candidates.models import Assessment, Candidate, Opening  # noqa: E402
from roles.models import Role  # noqa: E402

ROWS = int(os.environ.get("BENCH_EXPORT_ROWS", "100000"))


def measure(label: str, func, memory_func=None) -> None:
    """Time one run (and count its queries); then trace peak Python memory on ``memory_func``
    (a smaller run: tracing slows Python down several times over)."""
    start = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        size = func()
    elapsed = time.perf_counter() - start
    tracemalloc.start()
    (memory_func or func)()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"{label:<34} {elapsed:7.2f} s   {size / 1e6:6.1f} MB   queries {len(queries):3d}"
        f"   peak {peak / 2**20:6.1f} MiB{' (on 10,000 rows)' if memory_func else ''}"
    )


def main() -> None:
    call_command("migrate", verbosity=0)
    call_command("load_framework", verbosity=0)
    rng = random.Random(8)
    role = Role.objects.get(slug="ecommerce-director")
    competencies = [req.competency_id for req in role.requirements.all()]
    if Candidate.objects.count() < ROWS:
        people = Candidate.objects.bulk_create(
            Candidate(
                name=f"Bench Person {i}",
                email=f"bench{i}@example.com",
                source=rng.choice(["internal", "external"]),
                years_experience=rng.randint(0, 20),
                notes="Prefers remote work; speaks English and Vietnamese." if i % 3 else "",
            )
            for i in range(ROWS)
        )
        Assessment.objects.bulk_create(
            Assessment(
                candidate=person,
                competency_id=rng.choice(competencies),
                level=rng.randint(0, 5),
                assessed_at="2025-01-01",
            )
            for person in people
            for _ in range(2)
        )
    candidates = Candidate.objects.order_by("name", "id")
    sample = Candidate.objects.filter(pk__in=candidates.values("pk")[:10_000]).order_by("name")
    print(f"{candidates.count():,} candidates")

    def csv_size(rows):
        return lambda: sum(len(line) for line in exports.candidate_csv_lines(rows))

    measure("candidate CSV (streamed)", csv_size(candidates), csv_size(sample))
    measure(
        "candidate XLSX (write-only)",
        lambda: len(exports.candidate_xlsx(candidates)),
        lambda: len(exports.candidate_xlsx(sample)),
    )

    user = User.objects.filter(is_superuser=True).first() or User.objects.create_superuser(
        "bench", "bench@example.com", "bench-password-not-secret"
    )
    opening = Opening.objects.create(title="Bench opening", role=role)
    opening.candidates.set(list(Candidate.objects.order_by("id")[:10]))
    measure(
        "opening PDF report (10 candidates)",
        lambda: len(exports.opening_report_pdf(selectors.opening_report(opening, made_by=user))),
    )


if __name__ == "__main__":
    main()
