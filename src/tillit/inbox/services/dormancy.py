"""Continuous activity (R8): a running channel with no own posts or replies for the
organisation's period is flagged as dormant and its manager asked to revive or close it.

The inbox knows the activity; the channel's flag is the channels app's, set through its
service."""

from datetime import timedelta

from django.db.models import Max
from django.utils import timezone

from tillit.access.actor import SCHEDULER
from tillit.channels.choices import ChannelStatus
from tillit.channels.models import Channel
from tillit.channels.services.register import channel_set_dormant
from tillit.organisation.selectors import organisation_get

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
            channel_set_dormant(
                actor=SCHEDULER, channel=channel, quiet=quiet, days=organisation.dormant_after_days
            )
    return dormant
