"""`tillit report --scope org|department:ID|channel:ID --from D --to D --format pdf|csv|json --out FILE`."""

import json
import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _


class Command(BaseCommand):
    """A follow-up report (R23) written to a file, as the page's downloads would give it."""

    help = "Follow-up report for the organisation, a department or a channel, as PDF, CSV or JSON."

    def add_arguments(self, parser):
        parser.add_argument("--scope", default="org", help="org, department:ID or channel:ID")
        parser.add_argument("--from", dest="start", required=True, help="first day, YYYY-MM-DD")
        parser.add_argument("--to", dest="end", required=True, help="last day, YYYY-MM-DD")
        parser.add_argument("--format", dest="fmt", choices=["pdf", "csv", "json"], default="pdf")
        parser.add_argument("--out", help="the file to write (default: standard output)")

    def handle(self, *args, **opts):
        from tillit.access.actor import OPERATOR
        from tillit.core.exceptions import NotFound
        from tillit.core.messages import shown_text
        from tillit.organisation.selectors import organisation_get
        from tillit.reports.exports import report_csv, report_json, report_pdf
        from tillit.reports.periods import PeriodError, parse_day, period_checked
        from tillit.reports.scopes import scope_for
        from tillit.reports.selectors import report_build

        with translation.override(settings.LANGUAGE_CODE):
            try:
                period, notes = period_checked(parse_day(opts["start"]), parse_day(opts["end"]))
                scope = scope_for(OPERATOR, opts["scope"])
            except PeriodError as exc:
                raise CommandError(shown_text(exc.message, html=False)) from exc
            except NotFound as exc:
                raise CommandError(
                    _("No such scope: write org, department:ID or channel:ID.")
                ) from exc
            for note in notes:
                self.stderr.write(shown_text(note, html=False))
            report = report_build(scope, period, notes=notes)
            if opts["fmt"] == "pdf":
                name = getattr(organisation_get(), "name", "")
                data: bytes = report_pdf(report, organisation=name)
            elif opts["fmt"] == "csv":
                data = report_csv(report).encode("utf-8")
            else:
                data = (
                    json.dumps(report_json(report), ensure_ascii=False, indent=2) + "\n"
                ).encode()
        if opts["out"]:
            path = Path(opts["out"])
            try:
                path.write_bytes(data)
            except OSError as exc:
                raise CommandError(
                    _("The file could not be written: %(reason)s") % {"reason": exc}
                ) from exc
            self.stderr.write(_("Written: %(path)s") % {"path": path})
        else:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
