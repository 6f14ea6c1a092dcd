"""The channel lifecycle as data: each transition, its source states, target and who may make it."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from tillit.access.actor import Actor
from tillit.access.roles import Role

from .choices import ChannelStatus as S
from .models import Channel
from .permissions import can_edit


@dataclass(frozen=True)
class Transition:
    """One allowed move in the lifecycle."""

    name: str
    label: object
    sources: frozenset[str]
    target: str
    allowed: Callable[[Actor, Channel], bool]
    needs_staffing: bool = False
    needs_comment: bool = False


TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in [
        Transition("propose", _("Propose"), frozenset({S.DRAFT}), S.PROPOSED, can_edit),
        Transition(
            "return",
            _("Return to proposer"),
            frozenset({S.PROPOSED}),
            S.DRAFT,
            lambda a, c: a.is_manager_of(c),
            needs_comment=True,
        ),
        Transition(
            "approve",
            _("Approve"),
            frozenset({S.PROPOSED}),
            S.APPROVED,
            lambda a, c: a.is_manager_of(c),
        ),
        Transition(
            "notify_informator",
            _("Notify the communications officer"),
            frozenset({S.APPROVED}),
            S.INFORMATOR_NOTIFIED,
            lambda a, c: a.is_manager_of(c) or a.is_administrator_of(c),
        ),
        Transition(
            "acknowledge",
            _("Acknowledge"),
            frozenset({S.INFORMATOR_NOTIFIED}),
            S.INFORMATOR_ACKNOWLEDGED,
            lambda a, c: a.is_informator_of(c),
        ),
        Transition(
            "send_link",
            _("Send the link to the webmaster"),
            frozenset({S.INFORMATOR_ACKNOWLEDGED}),
            S.LINK_SENT,
            lambda a, c: a.is_informator_of(c),
        ),
        Transition(
            "publish",
            _("Publish in the link collection and activate"),
            frozenset({S.LINK_SENT}),
            S.ACTIVE,
            lambda a, c: a.is_org_wide(Role.WEBMASTER),
            needs_staffing=True,
        ),
        Transition(
            "pause",
            _("Pause"),
            frozenset({S.ACTIVE}),
            S.PAUSED,
            lambda a, c: a.is_manager_of(c) or a.is_administrator_of(c),
        ),
        Transition(
            "resume",
            _("Resume"),
            frozenset({S.PAUSED}),
            S.ACTIVE,
            lambda a, c: a.is_manager_of(c),
            needs_staffing=True,
        ),
        Transition(
            "close",
            _("Close"),
            frozenset({S.ACTIVE, S.PAUSED}),
            S.CLOSED,
            lambda a, c: a.is_manager_of(c),
            needs_comment=True,
        ),
        Transition(
            "archive",
            _("Archive"),
            frozenset({S.CLOSED}),
            S.ARCHIVED,
            lambda a, c: a.is_org_wide(Role.ARCHIVIST),
        ),
    ]
}


def transitions_available(actor: Actor, channel: Channel) -> list[Transition]:
    """The moves this person may make on this channel now."""
    return [
        t for t in TRANSITIONS.values() if channel.status in t.sources and t.allowed(actor, channel)
    ]
