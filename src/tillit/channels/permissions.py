"""Who may do what to a channel: the channel's access rule and its step-level predicates."""

from django.db.models import Q, QuerySet

from tillit.access.actor import Actor
from tillit.access.queryset import AccessRule, access_rule, allows
from tillit.access.roles import SEE_ALL_CHANNELS, SEE_DECIDED_CHANNELS, MandateRole, Role

from .choices import PRE_DECISION_STATES, ChannelStatus
from .models import Channel, SavedReply


@access_rule(Channel)
class ChannelRule(AccessRule):
    """Drafts and proposals stay within the department; decided channels are wider.

    ``moderate``: the channels whose inbox a person works: a valid mandate, or managing
    the department.
    """

    actions = ("view", "moderate")

    def filter(self, qs: QuerySet, actor: Actor, action: str) -> QuerySet:
        person = actor.person
        if person is None:
            return qs.none()
        if action == "moderate":
            return qs.filter(
                Q(pk__in=list(actor.mandates))
                | Q(department_id__in=actor.departments(Role.MANAGER))
            )
        if actor.is_org_wide(*SEE_ALL_CHANNELS):
            return qs
        depts = actor.departments(Role.MANAGER, Role.INFORMATOR)
        cond = Q(department_id__in=depts) | Q(pk__in=list(actor.mandates)) | Q(created_by=person)
        if actor.is_org_wide(*SEE_DECIDED_CHANNELS):
            cond |= ~Q(status__in=PRE_DECISION_STATES)
        return qs.filter(cond)

    def allows(self, actor: Actor, action: str, obj: Channel) -> bool:
        if actor.person is None:
            return False
        if action == "moderate":
            return bool(actor.mandate_roles(obj)) or actor.is_manager_of(obj)
        if actor.is_org_wide(*SEE_ALL_CHANNELS):
            return True
        if actor.is_manager_of(obj) or actor.is_informator_of(obj):
            return True
        if actor.mandate_roles(obj):
            return True
        if obj.created_by_id == actor.person.pk:
            return True
        return obj.status not in PRE_DECISION_STATES and actor.is_org_wide(*SEE_DECIDED_CHANNELS)


def can_view(actor: Actor, channel: Channel) -> bool:
    """Whether the person may see the channel (the channel rule on one object)."""
    return allows(actor, "view", channel)


def can_edit(actor: Actor, channel: Channel) -> bool:
    """The plan is edited by the proposer before the decision, by the department after it."""
    if channel.status == ChannelStatus.ARCHIVED or actor.person is None:
        return False
    if channel.status in PRE_DECISION_STATES and channel.created_by_id == actor.person.pk:
        return True
    return (
        actor.is_manager_of(channel)
        or actor.is_informator_of(channel)
        or actor.is_administrator_of(channel)
    )


def can_manage_mandates(actor: Actor, channel: Channel) -> bool:
    """Only the department's manager grants or revokes mandates (R6)."""
    return channel.status != ChannelStatus.ARCHIVED and actor.is_manager_of(channel)


@access_rule(SavedReply)
class SavedReplyRule(AccessRule):
    """Saved replies: used by whoever works the channel's inbox, managed by its administrators."""

    actions = ("use", "manage")

    def filter(self, qs: QuerySet, actor: Actor, action: str) -> QuerySet:
        if actor.person is None:
            return qs.none()
        if action == "manage":
            mine = [
                pk for pk, roles in actor.mandates.items() if MandateRole.ADMINISTRATOR in roles
            ]
            return qs.filter(channel_id__in=mine).exclude(channel__status=ChannelStatus.ARCHIVED)
        return qs.filter(channel__in=Channel.objects.restrict(actor, "moderate").values("pk"))

    def allows(self, actor: Actor, action: str, obj: SavedReply) -> bool:
        if actor.person is None:
            return False
        if action == "manage":
            return can_manage_saved_replies(actor, obj.channel)
        return allows(actor, "moderate", obj.channel)


def can_manage_saved_replies(actor: Actor, channel: Channel) -> bool:
    """Only the channel's administrators keep its saved replies (they answer in its name)."""
    return (
        actor.person is not None
        and channel.status != ChannelStatus.ARCHIVED
        and actor.is_administrator_of(channel)
    )
