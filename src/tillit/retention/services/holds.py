"""Placing and releasing legal holds; every step audited."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tillit.access.actor import Actor, as_actor, person_of
from tillit.audit.services import audit_record
from tillit.organisation.models import Person

from ..models import Hold
from ..permissions import can_hold, require


@transaction.atomic
def hold_place(
    *, actor: Actor | Person, reason: str, item=None, channel=None, access_request=None
) -> Hold:
    """Hold one item, a whole channel, or everything selected for an access request."""
    require(can_hold(as_actor(actor)))
    if sum(x is not None for x in (item, channel, access_request)) != 1:
        raise ValidationError(_("A hold is on exactly one item, channel or access request."))
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the hold is needed.")})
    target = item or channel or access_request
    hold = Hold(
        item=item,
        channel=channel,
        access_request=access_request,
        reason=reason.strip(),
        placed_by=person_of(actor),
        label=f"{target._meta.verbose_name}: {target}"[:400],
    )
    hold.full_clean()
    hold.save()
    audit_record(actor=actor, action="retention.hold_place", obj=hold, detail={"on": hold.label})
    return hold


@transaction.atomic
def hold_release(*, actor: Actor | Person, hold: Hold) -> Hold:
    """Release a hold; what it covered may be disposed of again under its decisions."""
    require(can_hold(as_actor(actor)))
    hold = Hold.objects.select_for_update().get(pk=hold.pk)
    if hold.released_at is not None:
        raise ValidationError(_("The hold is already released."))
    hold.released_at = timezone.now()
    hold.released_by = person_of(actor)
    hold.save(update_fields=["released_at", "released_by"])
    audit_record(actor=actor, action="retention.hold_release", obj=hold, detail={"on": hold.label})
    return hold


def holds_release_for_request(*, actor: Actor | Person, access_request) -> int:
    """Release the holds of a closed access request (inside the caller's transaction)."""
    count = 0
    for hold in Hold.objects.filter(access_request=access_request, released_at__isnull=True):
        hold_release(actor=actor, hold=hold)
        count += 1
    return count
