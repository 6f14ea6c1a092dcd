"""`tillit records export --format erms --out DIR` and `tillit records reindex`."""

import logging
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import translation

from tillit.access.actor import OPERATOR

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    """Hand registrations over as ERMS files, or rebuild the search index."""

    help = "Records: export ready registrations as CITS ERMS v3 files, or reindex search."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        export = sub.add_parser(
            "export", help="write one ERMS file per case with documents ready for hand-over"
        )
        export.add_argument("--format", choices=["erms"], default="erms")
        export.add_argument("--out", required=True)
        sub.add_parser("reindex", help="index items stored before records was installed")

    def handle(self, *args, **opts):
        if opts["action"] == "reindex":
            from tillit.records.search import search_reindex

            with transaction.atomic():
                self.stdout.write(f"{search_reindex()} items indexed")
            return
        # Failure reasons are stored and shown to the registrar, so in the site's language.
        with translation.override(settings.LANGUAGE_CODE):
            self._export(Path(opts["out"]))

    def _export(self, out: Path) -> None:
        from tillit.records.export import group_by_case
        from tillit.records.selectors import ready_for_handover
        from tillit.records.services.handover import handover_erms_failed, handover_erms_file
        from tillit.records.services.registration import cases_collect_all_replies

        cases_collect_all_replies()
        out.mkdir(parents=True, exist_ok=True)
        ready = list(
            ready_for_handover()
            .select_related(
                "item", "item__author", "item__channel__platform", "action__channel__platform"
            )
            .prefetch_related("item__attachments")
            .order_by("case_id", "received_at", "pk")
        )
        failures = 0
        for case, registrations in group_by_case(ready):
            try:
                path, validated = handover_erms_file(
                    actor=OPERATOR, case=case, registrations=registrations, out=out
                )
            # One case that cannot be written must not hold back the others: its reason is
            # recorded on its registrations (FAILED, shown to the registrar) and retried next run.
            except Exception as exc:  # noqa: BLE001
                failures += 1
                error = f"{type(exc).__name__}: {exc}"
                logger.exception("ERMS export of case %s failed", case.pk)
                self.stderr.write(f"case {case.pk}: nothing written, {error[:2000]}")
                handover_erms_failed(actor=OPERATOR, registrations=registrations, error=error)
                continue
            self.stdout.write(
                f"{path} ({len(registrations)} documents{'' if validated else ', schema not found: not validated'})"
            )
        if failures:
            raise CommandError(
                f"{failures} case(s) could not be written; see above. "
                "The others are handed over; run again to retry."
            )
