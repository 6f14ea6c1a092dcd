"""`tillit publish check --channel ID TEXT`: what the pre-publication check finds (R18).

Exits 0 when the text may go out on the channel, 3 when it is blocked (2 for bad usage).
What stops the channel itself now (no connection, paused) is printed but decides nothing:
the question is whether the text may go out.
The channel's signature rule is applied as the composer would: filled for ``--author``, or,
without an author, the text must already end with a signature of the rule's shape.
"""

from __future__ import annotations

import json
import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from tillit.channels.models import Channel
from tillit.core.messages import shown
from tillit.moderation.jsonl import highlight
from tillit.organisation.models import Person

from ...services.evaluate import CATEGORY_LABELS, evaluate

BLOCKED = 3


def _channel(value: str) -> Channel:
    channels = Channel.objects.select_related("platform", "department")
    found = channels.filter(pk=int(value)).first() if value.isdigit() else None
    if found is None:
        try:
            found = channels.filter(public_id=value).first()
        except (ValueError, Exception):  # noqa: BLE001 - not a UUID either
            found = None
    if found is None:
        raise CommandError(f"No channel {value!r} (give its number or its public id).")
    return found


def _author(value: str | None) -> Person | None:
    if not value:
        return None
    person = Person.objects.filter(user__username=value).first()
    if person is None:
        person = Person.objects.filter(user__email__iexact=value).first()
    if person is None:
        raise CommandError(f"No person with the user name or e-mail {value!r}.")
    return person


class Command(BaseCommand):
    """Run the pre-publication check on a text for one channel."""

    help = "Check a post before publishing: `publish check --channel ID [--author USER] [--json] TEXT`."

    def add_arguments(self, parser):
        """Declare the ``check`` sub-command and its options."""
        sub = parser.add_subparsers(dest="step", required=True)
        check = sub.add_parser("check", help="What the check finds in TEXT for the channel.")
        check.add_argument(
            "text", help="The post's text (the signature is added as the composer would)."
        )
        check.add_argument("--channel", required=True, help="The channel's number or public id.")
        check.add_argument(
            "--author", help="User name or e-mail of the person who would publish it."
        )
        check.add_argument("--link", default="", help="A link that goes with the post.")
        check.add_argument("--json", action="store_true", help="Write one JSON object.")

    def handle(self, *args, **options):
        """Print the findings and exit 0 (may go out) or 3 (blocked)."""
        channel = _channel(options["channel"])
        author = _author(options.get("author"))
        evaluation = evaluate(
            text=options["text"],
            link=options["link"],
            images=[],
            channels=[channel],
            author=author,
        )
        verdict = evaluation.channels[0]
        with translation.override(settings.LANGUAGE_CODE):
            reasons = [shown(r, html=False) for r in evaluation.reasons()]
            if options["json"]:
                body = {
                    "allowed": evaluation.text_allowed,
                    "signature": verdict.signature,
                    "text": verdict.text,
                    "findings": [f.as_dict() for f in evaluation.findings],
                    "reasons": reasons,
                }
                self.stdout.write(json.dumps(body, ensure_ascii=False))
            else:
                tty = self.stdout.isatty()
                spans = [(f.start, f.end) for f in evaluation.findings if not f.where]
                self.stdout.write(highlight(options["text"], spans, tty))
                self.stdout.write("")
                for f in evaluation.findings:
                    label = str(CATEGORY_LABELS.get(f.category, f.category))
                    where = f" ({f.where})" if f.where else ""
                    stop = _("blocks") if f.blocking else _("noted")
                    self.stdout.write(
                        f"  [{f.start}:{f.end}]{where} {label}: {f.evidence!r} – {stop}"
                    )
                if verdict.signature:
                    self.stdout.write(_("Signature: %(s)s") % {"s": verdict.signature})
                self.stdout.write(
                    _("May be published.") if evaluation.text_allowed else _("Blocked:")
                )
                for reason in reasons:
                    self.stdout.write(f"  - {reason}")
        if not evaluation.text_allowed:
            sys.exit(BLOCKED)
