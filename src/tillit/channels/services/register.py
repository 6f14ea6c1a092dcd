"""Creating and editing channels and their plans (R2)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tillit.access.actor import Actor, allowed, as_actor, person_of
from tillit.audit.services import audit_record
from tillit.core.exceptions import NotFound
from tillit.core.messages import Message
from tillit.organisation.access import may_propose_in
from tillit.organisation.models import Department, Person
from tillit.organisation.notify import notify
from tillit.organisation.selectors import managers_of

from ..models import Channel, ChannelEvent, Platform
from ..permissions import can_edit
from .signature import signature_validate
from .urls import check_url_matches_platform, normalise_channel_url

EDITABLE_FIELDS = (
    "name",
    "platform",
    "url",
    "purpose",
    "plan_why",
    "plan_goal",
    "plan_audience",
    "plan_outcome",
    "plan_operation",
    "signature_template",
    "post_approval",
    "reply_approval",
)


def _validate(channel: Channel) -> None:
    """Check the address, the platform decision and the plan; raise one error with every problem."""
    errors: dict[str, list[str]] = {}
    try:
        channel.signature_template = signature_validate(channel.signature_template)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    try:
        channel.url = normalise_channel_url(channel.url)
    except ValidationError:
        errors["url"] = [_("Enter a complete web address starting with https://.")]
    platform: Platform | None = channel.platform if channel.platform_id else None
    if platform is None:
        errors["platform"] = [_("Choose a platform from the catalogue.")]
    elif not platform.is_open:
        errors["platform"] = [
            _("The organisation has not allowed channels on %(platform)s.")
            % {"platform": platform.name}
        ]
    elif "url" not in errors:
        try:
            check_url_matches_platform(channel.url, platform)
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if (
        "url" not in errors
        and Channel.objects.filter(url=channel.url).exclude(pk=channel.pk).exists()
    ):
        errors["url"] = [_("A channel with this address is already registered.")]
    try:
        channel.full_clean(exclude=["url", "platform", "created_by"])
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def channel_create(*, actor: Actor | Person, department: Department, **fields) -> Channel:
    """Start a channel as a draft in a department the person works for."""
    who = as_actor(actor)
    if department is None or not may_propose_in(who, department.pk):
        raise NotFound
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    channel = Channel(department=department, created_by=person_of(actor), **fields)
    _validate(channel)
    channel.save()
    ChannelEvent.objects.create(
        channel=channel, actor=person_of(actor), action="create", to_status=channel.status
    )
    audit_record(actor=actor, action="channel.create", obj=channel, detail={"name": channel.name})
    return channel


@transaction.atomic
def channel_update(*, actor: Actor | Person, channel: Channel, **fields) -> Channel:
    """Change a channel's name, address or plan."""
    channel = Channel.objects.select_for_update().get(pk=channel.pk)
    if not can_edit(as_actor(actor), channel):
        raise NotFound
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    changed = {}
    for name, value in fields.items():
        if getattr(channel, name) != value:
            changed[name] = str(value.pk if hasattr(value, "pk") else value)
            setattr(channel, name, value)
    if not changed:
        return channel
    _validate(channel)
    channel.save()
    audit_record(actor=actor, action="channel.update", obj=channel, detail=changed)
    from tillit.core.cache import namespace_bump_on_commit

    namespace_bump_on_commit("directory")
    return channel


@transaction.atomic
def channel_set_dormant(*, actor, channel: Channel, quiet: bool, days: int) -> None:
    """Flag a running channel as dormant (R8) and ask its manager to act, or clear the flag."""
    if not allowed(as_actor(actor), "channel.flag_dormant", lambda a: False):
        raise NotFound
    Channel.objects.filter(pk=channel.pk).update(dormant_since=timezone.now() if quiet else None)
    audit_record(
        actor=actor,
        action="channel.dormant" if quiet else "channel.revived",
        obj=channel,
        detail={"days": days},
    )
    if quiet:
        notify(
            people=managers_of(channel.department),
            subject=Message(gettext_lazy("%(name)s is dormant"), name=channel.name),
            body=Message(
                gettext_lazy(
                    "No posts or replies for %(days)s days. Revive the channel or close it."
                ),
                days=days,
            ),
            url=f"/register/{channel.public_id}/",
        )
