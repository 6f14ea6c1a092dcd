"""Moving a channel through its lifecycle (R3, R7): guarded, timestamped, audited, notified."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tillit.access.actor import Actor, as_actor, person_of
from tillit.access.roles import Role
from tillit.audit.services import audit_record
from tillit.core.cache import namespace_bump_on_commit
from tillit.core.exceptions import NotFound
from tillit.core.messages import Message
from tillit.core.registry import registry
from tillit.organisation.models import Person
from tillit.organisation.notify import notify
from tillit.organisation.selectors import managers_of, people_with_role

from ..choices import ChannelStatus as S
from ..models import Channel, ChannelEvent
from ..permissions import can_view
from ..selectors import mandate_holders
from ..workflow import TRANSITIONS
from .staffing import channel_check_staffing, staffing_problems


class TransitionRefused(ValidationError):
    """The move is not allowed from the channel's current state or lacks what it needs."""


# Who hears about each step, following the guideline's chain of people (R7); each group is
# named here and fetched only when the step needs it.
_AUDIENCES = {
    "propose": ("managers",),
    "return": ("creator",),
    "approve": ("creator", "holders"),
    "notify_informator": ("informators",),
    "acknowledge": ("creator", "holders", "managers"),
    "send_link": ("webmasters",),
    "publish": ("managers", "informators", "holders"),
    "pause": ("managers", "informators", "holders"),
    "resume": ("managers", "informators", "holders"),
    "close": ("managers", "informators", "holders", "archivists"),
    "archive": ("managers",),
}


def _recipients(channel: Channel, name: str) -> list[Person]:
    """The people told about one step."""
    dept = channel.department
    groups = {
        "creator": lambda: [channel.created_by],
        "holders": lambda: mandate_holders(channel),
        "informators": lambda: people_with_role(Role.INFORMATOR, dept),
        "managers": lambda: managers_of(dept),
        "webmasters": lambda: people_with_role(Role.WEBMASTER),
        "archivists": lambda: people_with_role(Role.ARCHIVIST),
    }
    return [person for group in _AUDIENCES.get(name, ()) for person in groups[group]()]


@transaction.atomic
def channel_transition(
    *, actor: Actor | Person, channel: Channel, name: str, comment: str = ""
) -> Channel:
    """Make one lifecycle move, or refuse it with a reason and change nothing."""
    channel = (
        Channel.objects.select_for_update()
        .select_related("department", "platform", "created_by")
        .get(pk=channel.pk)
    )
    who = as_actor(actor)
    if not can_view(who, channel):
        raise NotFound
    transition = TRANSITIONS.get(name)
    if transition is None:
        raise TransitionRefused(_("Unknown step."))
    if channel.status not in transition.sources:
        raise TransitionRefused(
            _("The channel is %(status)s; this step is not possible now.")
            % {"status": channel.get_status_display()}
        )
    if not transition.allowed(who, channel):
        raise TransitionRefused(_("You may not take this step for this channel."))
    if transition.needs_comment and not comment.strip():
        raise TransitionRefused(_("Write a comment explaining this step."))
    if transition.target == S.PROPOSED and not channel.platform.is_open:
        raise TransitionRefused(_("The platform is no longer allowed."))
    if transition.needs_staffing:
        problems = staffing_problems(channel)
        if problems:
            raise TransitionRefused(" ".join(problems))
    # Apps above the register take part in a step through the registry: the archive
    # refuses to archive a channel without its closing snapshot (LEGAL.md) and queues that
    # snapshot inside a close's transaction, so a refused close leaves no capture behind.
    problems = [p for check in registry.values("transition_checks") for p in check(channel, name)]
    if problems:
        raise TransitionRefused(" ".join(problems))
    for effect in registry.values("transition_effects"):
        effect(channel, name, actor)
    previous = channel.status
    channel.status = transition.target
    channel.status_changed_at = timezone.now()
    channel.save(update_fields=["status", "status_changed_at", "updated_at"])
    ChannelEvent.objects.create(
        channel=channel,
        actor=person_of(actor),
        action=name,
        from_status=previous,
        to_status=channel.status,
        comment=comment,
    )
    audit_record(
        actor=actor,
        action=f"channel.{name}",
        obj=channel,
        detail={"from": previous, "to": channel.status, "comment": comment},
    )
    notify(
        people=[p for p in _recipients(channel, name) if p.pk != actor.pk],
        subject=Message(
            gettext_lazy("%(channel)s: %(step)s"),
            channel=channel.name,
            step=Message(S(channel.status).label),
        ),
        body=_("%(who)s: %(step)s.") % {"who": str(actor), "step": transition.label}
        + (f"\n\n{comment}" if comment else ""),
        url=f"/register/{channel.public_id}/",
    )
    channel_check_staffing(channel=channel, actor=actor)
    namespace_bump_on_commit("directory")
    return channel
