"""`tillit channels audit-profiles [CHANNEL]`: read and judge channel profiles now (R10, R11)."""

import uuid

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _


class Command(BaseCommand):
    """The weekly profile audit, on demand, for one channel or every running one."""

    help = (
        "Channels: 'audit-profiles' reads each running channel's public profile, stores the "
        "audit and tells of new failures (one channel by id or public id, or all)."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["audit-profiles"])
        parser.add_argument("channel", nargs="?", help="the channel's number or public id")

    def handle(self, *args, **opts):
        from tillit.channels.models import Channel
        from tillit.channels.profile_audit import CHECK_LABELS
        from tillit.core.messages import shown_text
        from tillit.inbox.services.profile_audits import (
            channel_audit_profile,
            channels_due_for_profile_audit,
        )

        with translation.override(settings.LANGUAGE_CODE):
            if opts["channel"]:
                ids = [self._channel_id(opts["channel"])]
            else:
                ids = channels_due_for_profile_audit()
            failing = 0
            for channel in Channel.objects.filter(pk__in=ids).select_related("department"):
                audit = channel_audit_profile(channel=channel)
                missing = ", ".join(str(CHECK_LABELS.get(c, c)) for c in audit.failing)
                line = f"{channel.pk} {channel.name}: {audit.get_outcome_display()}"
                if missing:
                    line += f" ({missing})"
                if audit.problem:
                    line += f" – {shown_text(audit.problem, html=False)}"
                self.stdout.write(line)
                failing += audit.outcome != audit.Outcome.PASSED
            self.stdout.write(
                _("%(count)d channels checked, %(failing)d lack something or could not be read.")
                % {"count": len(ids), "failing": failing}
            )

    def _channel_id(self, value: str) -> int:
        from tillit.channels.models import Channel

        try:
            lookup = {"public_id": uuid.UUID(value)} if "-" in value else {"pk": int(value)}
        except ValueError as exc:
            raise CommandError(_("Give the channel's number or public id.")) from exc
        found = Channel.objects.filter(**lookup).values_list("pk", flat=True).first()
        if found is None:
            raise CommandError(_("No such channel."))
        return found
