"""``manage.py purge_inactive_candidates [--dry-run] [--months N]``: the retention rule now.

Erases, through ``candidates.erasure.candidate_erase`` (reason "retention", by nobody), every
candidate inactive for ``CANDIDATE_RETENTION_MONTHS`` months (or ``--months``); the daily beat
task does the same. ``--dry-run`` lists them (by id and page address, no names: the output
may end up in a log) and erases nothing.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from candidates.erasure import candidates_purge_inactive
from candidates.personal_data import inactive_candidates, retention_cutoff


class Command(BaseCommand):
    help = "Erase candidates inactive for CANDIDATE_RETENTION_MONTHS months (--dry-run: list)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="List who would be erased; erase nothing."
        )
        parser.add_argument(
            "--months",
            type=int,
            help="Use this many months instead of CANDIDATE_RETENTION_MONTHS.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        months = options["months"]
        if months is None:
            months = settings.CANDIDATE_RETENTION_MONTHS
        if months <= 0:
            raise CommandError(
                "Retention is off: set CANDIDATE_RETENTION_MONTHS (or pass --months) above 0."
            )
        cutoff = retention_cutoff(months)
        if options["dry_run"]:
            found = inactive_candidates(months).only("id", "created_at", "updated_at")
            count = 0
            for candidate in found.iterator(chunk_size=2_000):
                count += 1
                self.stdout.write(
                    f"#{candidate.pk}\tcreated {candidate.created_at:%Y-%m-%d}\t"
                    f"last edited {candidate.updated_at:%Y-%m-%d}\t"
                    f"{reverse('candidates:candidate-detail', args=[candidate.pk])}"
                )
            self.stdout.write(
                f"Would erase {count} candidate{'s' if count != 1 else ''} inactive since "
                f"{cutoff:%Y-%m-%d} (dry run: nothing erased)."
            )
            return
        records = candidates_purge_inactive(months=months)
        self.stdout.write(
            f"Erased {len(records)} candidate{'s' if len(records) != 1 else ''} inactive since "
            f"{cutoff:%Y-%m-%d}."
        )
