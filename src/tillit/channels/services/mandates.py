"""Granting and revoking mandates (R6): only the department's manager does either."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tillit.access.actor import Actor, as_actor, person_of
from tillit.access.roles import MandateRole
from tillit.audit.services import audit_record
from tillit.core.exceptions import NotFound
from tillit.core.messages import Message
from tillit.organisation.models import Person
from tillit.organisation.notify import notify

from ..models import Channel, Mandate
from ..permissions import can_manage_mandates
from .staffing import channel_check_staffing


@transaction.atomic
def mandate_grant(
    *,
    actor: Actor | Person,
    channel: Channel,
    person: Person,
    role: str,
    valid_from: date,
    valid_until: date | None = None,
    note: str = "",
) -> Mandate:
    """Give a person the administrator or substitute role on a channel for a period."""
    if not can_manage_mandates(as_actor(actor), channel):
        raise NotFound
    errors = {}
    if role not in MandateRole.values:
        errors["role"] = [_("Choose administrator or substitute.")]
    if valid_from is None:
        errors["valid_from"] = [_("Enter the first day of the mandate.")]
    elif valid_until is not None and valid_until < valid_from:
        errors["valid_until"] = [_("The mandate cannot end before it starts.")]
    if not person.is_active:
        errors["person"] = [_("This person is no longer active.")]
    if errors:
        raise ValidationError(errors)
    mandate = Mandate(
        channel=channel,
        person=person,
        role=role,
        valid_from=valid_from,
        valid_until=valid_until,
        note=note,
        granted_by=person_of(actor),
    )
    mandate.full_clean()
    mandate.save()
    audit_record(
        actor=actor,
        action="mandate.grant",
        obj=mandate,
        detail={
            "channel": channel.pk,
            "person": person.pk,
            "role": role,
            "valid_from": valid_from,
            "valid_until": valid_until,
        },
    )
    notify(
        people=[person],
        subject=Message(gettext_lazy("You have a mandate on %(name)s"), name=channel.name),
        body=Message(
            gettext_lazy("Role: %(role)s, from %(start)s until %(end)s."),
            role=Message(MandateRole(mandate.role).label),
            start=str(valid_from),
            end=str(valid_until or "–"),
        ),
        url=f"/register/{channel.public_id}/",
    )
    channel_check_staffing(channel=channel, actor=actor)
    return mandate


@transaction.atomic
def mandate_revoke(*, actor: Actor | Person, mandate: Mandate) -> Mandate:
    """End a mandate now; a running channel that loses its staffing is flagged at once."""
    mandate = Mandate.objects.select_for_update().select_related("channel").get(pk=mandate.pk)
    if not can_manage_mandates(as_actor(actor), mandate.channel):
        raise NotFound
    if mandate.revoked_at is not None:
        return mandate
    mandate.revoked_at = timezone.now()
    mandate.revoked_by = person_of(actor)
    mandate.save(update_fields=["revoked_at", "revoked_by", "updated_at"])
    audit_record(actor=actor, action="mandate.revoke", obj=mandate)
    channel_check_staffing(channel=mandate.channel, actor=actor)
    return mandate
