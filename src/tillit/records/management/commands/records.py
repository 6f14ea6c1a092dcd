"""`tillit records export --format erms --out DIR` and `tillit records reindex`."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from tillit.audit.services import audit_record


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
        self._export(Path(opts["out"]))

    def _export(self, out: Path) -> None:
        from tillit.records.choices import HandoverMethod
        from tillit.records.export import ErmsInvalid, erms_document, erms_validate, group_by_case
        from tillit.records.selectors import ready_for_handover
        from tillit.records.services.handover import handover_record
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
            document = erms_document([(case, registrations)])
            try:
                validated = erms_validate(document)
            except ErmsInvalid as exc:
                failures += 1
                self.stderr.write(f"case {case.pk}: not valid ERMS, nothing written: {exc}")
                for reg in registrations:
                    handover_record(
                        actor=None,
                        registration=reg,
                        method=HandoverMethod.ERMS,
                        ok=False,
                        detail=str(exc)[:500],
                    )
                continue
            path = out / f"erms-arende-{case.pk}.xml"
            tmp = path.with_suffix(".xml.part")
            tmp.write_bytes(document)
            tmp.replace(path)  # a reader never sees half a file
            for reg in registrations:
                handover_record(
                    actor=None,
                    registration=reg,
                    method=HandoverMethod.ERMS,
                    ok=True,
                    detail=str(path)[:500],
                )
            with transaction.atomic():
                audit_record(
                    actor=None,
                    action="records.erms_export",
                    obj=case,
                    detail={"file": str(path), "validated": validated},
                )
            self.stdout.write(
                f"{path} ({len(registrations)} documents{'' if validated else ', schema not found: not validated'})"
            )
        if failures:
            raise CommandError(f"{failures} case(s) did not validate; see above")
