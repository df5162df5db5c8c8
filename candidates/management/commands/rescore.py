"""``manage.py rescore``: bring every stored score up to date now, in this process.

For operators: after restoring a backup, after data was changed outside the app, or on an
installation upgraded to stored scores. The periodic reconciler does the same in the
background, a stale row at a time; this does it at once, set-based, role by role.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from candidates import services
from roles.models import Role


class Command(BaseCommand):
    help = "Rescore the stored fit of every candidate for every role (or one role) now."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--role", help="Only this role (its slug).")

    def handle(self, *args: Any, **options: Any) -> None:
        roles = Role.objects.order_by("rank", "title")
        if options["role"]:
            roles = roles.filter(slug=options["role"])
            if not roles:
                raise CommandError(f"No role with the slug “{options['role']}”.")
        services.scores_reconcile_missing()
        for role in roles:
            written = services.scores_rescore_role(role_id=role.pk)
            self.stdout.write(f"{role.title}: {written} score{'s' if written != 1 else ''}")
