"""Who may do what in the archive: predicates over an Actor, like the channel register's."""

from tillit.access.actor import Actor
from tillit.access.roles import ARCHIVE_KEEPERS
from tillit.channels.choices import ChannelStatus
from tillit.channels.models import Channel
from tillit.channels.permissions import can_view

#: States whose public page may still be captured on request.
CAPTURABLE_STATES = {ChannelStatus.ACTIVE, ChannelStatus.PAUSED, ChannelStatus.CLOSED}


def can_request_capture(actor: Actor, channel: Channel) -> bool:
    """The channel's department, its mandate holders, archivists and org admins may capture."""
    if channel.status not in CAPTURABLE_STATES or not can_view(actor, channel):
        return False
    return bool(
        actor.is_manager_of(channel)
        or actor.is_informator_of(channel)
        or actor.mandate_roles(channel)
        or actor.is_org_wide(*ARCHIVE_KEEPERS)
    )


def can_set_schedule(actor: Actor, channel: Channel) -> bool:
    """The department's manager, archivists and org admins set how often to capture."""
    if not can_view(actor, channel):
        return False
    return actor.is_manager_of(channel) or actor.is_org_wide(*ARCHIVE_KEEPERS)


def can_export(actor: Actor, channel: Channel) -> bool:
    """Packages hold every item, direct messages included: archivists and org admins only."""
    return can_view(actor, channel) and actor.is_org_wide(*ARCHIVE_KEEPERS)
