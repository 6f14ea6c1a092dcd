"""Reads of channels, always filtered by what the person may see."""

from django.db.models import Q, QuerySet
from django.utils import timezone

from tillit.core.exceptions import NotFound
from tillit.organisation.models import Person, Role

from .choices import PRE_DECISION_STATES, ChannelStatus
from .models import Channel, Mandate
from .permissions import Actor, can_view


def channels_visible_to(actor: Actor) -> QuerySet[Channel]:
    """Every channel the person may see, as one query (mirrors `permissions.can_view`)."""
    qs = Channel.objects.select_related("platform", "department", "department__committee")
    person = actor.person
    if person is None:
        return qs.none()
    if actor.is_org_wide(Role.ORG_ADMIN, Role.AUDITOR):
        return qs
    depts = {d for r, d in actor.roles if r in (Role.MANAGER, Role.INFORMATOR) and d}
    cond = Q(department_id__in=depts) | Q(pk__in=list(actor.mandates)) | Q(created_by=person)
    if actor.is_org_wide(Role.WEBMASTER, Role.REGISTRAR, Role.ARCHIVIST):
        cond |= ~Q(status__in=PRE_DECISION_STATES)
    return qs.filter(cond)


def channel_get_for(actor: Actor, public_id) -> Channel:
    """One channel the person may see; NotFound whether it is missing or not theirs."""
    try:
        channel = Channel.objects.select_related(
            "platform", "department", "department__committee", "created_by"
        ).get(public_id=public_id)
    except (Channel.DoesNotExist, ValueError, TypeError) as exc:
        raise NotFound from exc
    if not can_view(actor, channel):
        raise NotFound
    return channel


def channels_filter(
    qs: QuerySet[Channel], *, department=None, platform=None, status=None, q=None
) -> QuerySet[Channel]:
    """Apply the register's filters."""
    if department:
        qs = qs.filter(department__slug=department)
    if platform:
        qs = qs.filter(platform__slug=platform)
    if status:
        qs = qs.filter(status=status)
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(url__icontains=q) | Q(purpose__icontains=q))
    return qs


def channels_public() -> QuerySet[Channel]:
    """Active channels for the public link collection."""
    return (
        Channel.objects.filter(status=ChannelStatus.ACTIVE)
        .select_related("platform", "department")
        .order_by("department__name", "platform__name", "name")
    )


def mandates_for_channel(channel: Channel) -> QuerySet[Mandate]:
    """All mandates of a channel, newest first, with their holders."""
    return channel.mandates.select_related("person", "granted_by").order_by("-valid_from", "-id")


def channels_awaiting(actor: Actor) -> list[Channel]:
    """Channels waiting for a step this person may take (the home page's to-do list)."""
    from .workflow import transitions_available

    pending = channels_visible_to(actor).exclude(
        status__in=[ChannelStatus.ACTIVE, ChannelStatus.ARCHIVED, ChannelStatus.PAUSED]
    )
    return [c for c in pending if transitions_available(actor, c)]


def mandates_of(person: Person) -> QuerySet[Mandate]:
    """A person's mandates in force today."""
    return (
        Mandate.objects.valid_on(timezone.localdate())
        .filter(person=person)
        .select_related("channel", "channel__platform")
    )
