"""Reads of channels, always filtered by what the person may see."""

from django.db.models import Q, QuerySet
from django.utils import timezone

from tillit.access.actor import Actor
from tillit.access.queryset import get_restricted
from tillit.access.roles import MandateRole
from tillit.core.exceptions import NotFound
from tillit.organisation.models import Department, Person

from .choices import ChannelStatus
from .models import Channel, Mandate, Platform, ProfileAudit, SavedReply


def channels_visible_to(actor: Actor) -> QuerySet[Channel]:
    """Every channel the person may see, as one query (the channel access rule)."""
    return Channel.objects.select_related(
        "platform", "department", "department__committee"
    ).restrict(actor)


def channel_get_for(actor: Actor, public_id) -> Channel:
    """One channel the person may see; NotFound whether it is missing or not theirs."""
    qs = Channel.objects.select_related(
        "platform", "department", "department__committee", "created_by"
    )
    return get_restricted(qs, actor, public_id=public_id)


def valid_mandates_of(person: Person) -> dict[int, frozenset[str]]:
    """channel id -> the mandate roles the person holds there today (for the Actor)."""
    found: dict[int, set[str]] = {}
    rows = Mandate.objects.valid_on(timezone.localdate()).filter(person=person)
    for channel_id, role in rows.values_list("channel_id", "role"):
        found.setdefault(channel_id, set()).add(role)
    return {channel_id: frozenset(roles) for channel_id, roles in found.items()}


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


def platform_catalogue() -> QuerySet[Platform]:
    """The platform catalogue with its decisions (R1): reference data for every signed-in person."""
    return Platform.objects.select_related("decided_by")


def departments_creatable_by(actor: Actor) -> QuerySet[Department]:
    """Departments where the person may propose a channel."""
    return Department.objects.restrict(actor, "propose").select_related("committee")


def platform_get(slug: str) -> Platform:
    """One platform of the catalogue; NotFound when there is none by that name."""
    platform = Platform.objects.filter(slug=slug).first()
    if platform is None:
        raise NotFound
    return platform


def mandate_of_channel(channel: Channel, mandate_id) -> Mandate:
    """One mandate of a channel the caller has already fetched through the access rule."""
    mandate = channel.mandates.filter(pk=mandate_id).first() if str(mandate_id).isdigit() else None
    if mandate is None:
        raise NotFound
    return mandate


def mandate_holders(channel: Channel, role: str | None = None) -> QuerySet[Person]:
    """The people holding a valid mandate on the channel today (R5), of one role or any."""
    valid = Mandate.objects.valid_on(timezone.localdate()).filter(channel=channel)
    if role is not None:
        valid = valid.filter(role=role)
    return Person.objects.filter(mandates__in=valid).distinct()


def channel_administrators(channel: Channel) -> QuerySet[Person]:
    """The people holding a valid administrator mandate on the channel today (R5)."""
    return mandate_holders(channel, MandateRole.ADMINISTRATOR)


def saved_replies_for(actor: Actor, channel: Channel, action: str = "use") -> QuerySet[SavedReply]:
    """A channel's saved replies, by title, that the person may use (or manage)."""
    return SavedReply.objects.restrict(actor, action).filter(channel=channel)


def saved_reply_get_for(
    actor: Actor, channel: Channel, reply_id, action: str = "use"
) -> SavedReply:
    """One saved reply of the channel; NotFound whether missing or not the person's to use."""
    qs = SavedReply.objects.select_related("channel").filter(channel=channel)
    return get_restricted(qs, actor, action, pk=reply_id)


def profile_audits_of(channel: Channel) -> QuerySet[ProfileAudit]:
    """A channel's profile audits, newest first (the channel was reached through access)."""
    return ProfileAudit.objects.filter(channel=channel)
