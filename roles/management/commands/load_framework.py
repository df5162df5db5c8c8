from django.core.management.base import BaseCommand

from roles.framework import load_default_framework


class Command(BaseCommand):
    help = (
        "Load the default e-commerce career framework (roles, competencies, requirements, "
        "promotion paths, learning resources). Safe to run repeatedly: existing objects are "
        "left as they are unless --reset is given."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Bring every default object back to the shipped content.",
        )

    def handle(self, *args, reset: bool = False, **options) -> None:
        report = load_default_framework(reset=reset)
        self.stdout.write(self.style.SUCCESS(report.summary()))
