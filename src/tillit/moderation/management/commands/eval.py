"""`eval [FILE] --labels PATH [--benign PATH]`: score moderation output against labelled data."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from tillit.moderation.evaluation import evaluate, format_report

DEFAULT_LABELS = "../shared/eval/rtplx-sv-dev.jsonl.gz"
DEFAULT_BENIGN = "../shared/eval/rtplx-sv-benign-dev.jsonl.gz"


def _repo_root() -> Path:
    base = Path(getattr(settings, "BASE_DIR", Path.cwd()))
    # BASE_DIR may point at src/tillit; the repository root holds pyproject.toml.
    for candidate in (base, *base.parents):
        if (candidate / "pyproject.toml").exists():
            return candidate
    return Path.cwd()


class Command(BaseCommand):
    """Evaluate the detectors, or a JSONL of verdicts, against a labelled set."""

    help = "Evaluate moderation: P/R/F1/AUC per category beside Azure, benign false positives."

    def add_arguments(self, parser):
        """Declare FILE, --labels, --benign and --threshold."""
        parser.add_argument("file", nargs="?", help="moderate --jsonl output; omit to run now")
        parser.add_argument("--labels", help=f"labelled JSONL(.gz); default {DEFAULT_LABELS}")
        parser.add_argument("--benign", help=f"benign JSONL(.gz); default {DEFAULT_BENIGN}")
        parser.add_argument("--threshold", type=float, default=0.5)

    def handle(self, *args, **options):
        """Print the evaluation table."""
        root = _repo_root()
        labels = options["labels"] or root / DEFAULT_LABELS
        if not Path(labels).exists():
            raise CommandError(f"labels not found: {labels}")
        benign = options["benign"]
        if benign is None and (root / DEFAULT_BENIGN).exists():
            benign = root / DEFAULT_BENIGN
        report = evaluate(
            options["file"], labels, benign_path=benign, threshold=options["threshold"]
        )
        self.stdout.write(format_report(report))
