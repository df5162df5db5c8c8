from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from candidates.demo import load_demo_data


class Command(BaseCommand):
    help = "Load demo users, candidates, assessments and openings (for trying CareerPath out)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load even with DEBUG off (demo users have a published password).",
        )

    def handle(self, *args, force: bool = False, **options) -> None:
        if not settings.DEBUG and not force:
            raise CommandError(
                "Refusing to create demo users with a published password while DEBUG is off; "
                "pass --force if this really is a demo installation."
            )
        try:
            message = load_demo_data()
        except LookupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(self.style.SUCCESS(message))
