"""`moderate TEXT` explains one verdict; `moderate --jsonl` moderates stdin to stdout."""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandError

from tillit.moderation.jsonl import explain, moderate_jsonl


class Command(BaseCommand):
    """Run the moderation detectors from the command line."""

    help = "Moderate one text (explained) or JSONL lines from stdin (--jsonl)."

    def add_arguments(self, parser):
        """Declare TEXT, --jsonl and --threshold."""
        parser.add_argument("text", nargs="?", help="the text to explain")
        parser.add_argument(
            "--jsonl", action="store_true", help='read {"id","text"} lines on stdin'
        )
        parser.add_argument("--threshold", type=float, default=0.5, help="flag threshold (0..1)")

    def handle(self, *args, **options):
        """Explain the text, or stream JSONL verdicts."""
        threshold = options["threshold"]
        if not 0.0 <= threshold <= 1.0:
            raise CommandError("--threshold must be between 0 and 1")
        if options["jsonl"]:
            moderate_jsonl(sys.stdin, self.stdout, threshold)
            return
        if not options["text"]:
            raise CommandError("give a TEXT to moderate, or --jsonl to read stdin")
        self.stdout.write(explain(options["text"], threshold, tty=self.stdout.isatty()))
