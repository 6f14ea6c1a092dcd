"""`moderate TEXT` explains one verdict; `moderate --jsonl` moderates stdin to stdout."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from tillit.moderation import jsonl


class Command(BaseCommand):
    """Run the moderation detectors from the command line."""

    help = "Moderate one text (explained) or JSONL lines from stdin (--jsonl)."

    def add_arguments(self, parser):
        """Declare TEXT, --jsonl and --threshold."""
        jsonl.add_arguments(parser)

    def handle(self, *args, **options):
        """Explain the text, or stream JSONL verdicts."""
        error = jsonl.run(
            options["text"],
            jsonl=options["jsonl"],
            threshold=options["threshold"],
            out=self.stdout,
            tty=self.stdout.isatty(),
        )
        if error:
            raise CommandError(error)
