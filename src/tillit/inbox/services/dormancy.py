"""Continuous activity (R8): a running channel with no own posts or replies for the
organisation's period is flagged as dormant and its manager asked to revive or close it."""

from datetime import timedelta

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from tillit.audit.services import audit_record
from tillit.channels.choices import ChannelStatus
from tillit.channels.models import Channel
from tillit.organisation.notify import notify
from tillit.organisation.selectors import managers_of, organisation_get

from ..choices import ActionKind, ActionState
from ..models import ActionRequest, Item


def last_activity(channel: Channel):
    """The latest own post, own reply or reply sent from Tillit; else when it became active."""
    own = Item.objects.filter(channel=channel, is_own=True).aggregate(at=Max("received_at"))["at"]
    sent = ActionRequest.objects.filter(
        channel=channel, kind=ActionKind.REPLY, state=ActionState.DONE
    ).aggregate(at=Max("completed_at"))["at"]
    return max(t for t in (own, sent, channel.status_changed_at) if t is not None)


def channels_check_dormancy() -> int:
    """Flag newly dormant active channels and clear revived ones; return how many are dormant."""
    organisation = organisation_get()
    if organisation is None:
        return 0
    cutoff = timezone.now() - timedelta(days=organisation.dormant_after_days)
    dormant = 0
    for channel in Channel.objects.filter(status=ChannelStatus.ACTIVE).select_related("department"):
        quiet = last_activity(channel) < cutoff
        dormant += quiet
        if quiet != bool(channel.dormant_since):
            _set_dormant(channel, quiet, organisation.dormant_after_days)
    return dormant


@transaction.atomic
def _set_dormant(channel: Channel, quiet: bool, days: int) -> None:
    Channel.objects.filter(pk=channel.pk).update(dormant_since=timezone.now() if quiet else None)
    audit_record(
        actor=None,
        action="channel.dormant" if quiet else "channel.revived",
        obj=channel,
        detail={"days": days},
    )
    if quiet:
        notify(
            people=managers_of(channel.department),
            subject=_("%(name)s is dormant") % {"name": channel.name},
            body=_("No posts or replies for %(days)s days. Revive the channel or close it.")
            % {"days": days},
            url=f"/register/{channel.public_id}/",
        )
