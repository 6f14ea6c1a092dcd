"""The `tillit` console script: Django's management commands under one name."""

import os
import sys

from tillit.core.fsmodes import harden_process
from tillit.settings import settings_module

# `tillit moderate`'s own options (declared in tillit.moderation.jsonl.add_arguments, not
# imported here so that the other commands' start-up does not load the detectors).
MODERATE_OPTIONS = ("--jsonl", "--threshold", "-h", "--help")


def main(argv: list[str] | None = None) -> None:
    """Run a Tillit command (`tillit demo`, `tillit worker`, `tillit audit verify`, ...)."""
    # Before settings: they create var/, the secret files and the SQLite database.
    harden_process()
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["moderate"] and all(
        not a.startswith("-") or a.split("=", 1)[0] in MODERATE_OPTIONS for a in args[1:]
    ):
        # Pure Python (no settings, apps or database): start-up in well under a second.
        # Django's own options (--settings, --verbosity, ...) take the management command.
        from tillit.moderation.jsonl import main as moderate

        sys.exit(moderate(args[1:]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings_module())
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(["tillit", *args])
    except ImproperlyConfigured as exc:
        # A missing production setting: the deployer gets what to set, not a traceback.
        print(f"tillit: {exc}", file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()
