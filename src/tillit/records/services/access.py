"""Public access requests (begäran om allmän handling): select, hold, mask, release, close.

Invariants:
- While a request is open it holds every item selected for it (a retention Hold on the
  request, placed when it opens and released when it closes): nothing is disposed of.
- Masks are character spans of the item's text as stored; a release replaces each masked
  character with █ before anything is written, so masked text never reaches a file.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tillit.access.actor import Actor, as_actor, person_of
from tillit.audit.services import audit_record
from tillit.core.registry import registry
from tillit.inbox.models import Attachment, Item
from tillit.organisation.models import Person

from ..choices import AccessRequestState
from ..models import AccessRequest, AccessRequestItem, AttachmentMask
from ..permissions import require_registrar

MASK_CHAR = "█"


def _open(request: AccessRequest) -> AccessRequest:
    fresh = AccessRequest.objects.select_for_update().get(pk=request.pk)
    if fresh.state != AccessRequestState.OPEN:
        raise ValidationError(_("The request is closed."))
    return fresh


@transaction.atomic
def access_request_open(
    *, actor: Actor | Person, description: str, requester: str = "", received_at=None
) -> AccessRequest:
    """Record a request and hold what it will cover until it is closed."""
    require_registrar(as_actor(actor))
    if not description.strip():
        raise ValidationError({"description": _("Describe what is asked for.")})
    request = AccessRequest.objects.create(
        description=description.strip(),
        requester=requester.strip()[:300],
        received_at=received_at or timezone.now(),
        opened_by=person_of(actor),
    )
    # Retention holds the request's documents while it is open (it subscribes here).
    for subscriber in registry.values("access_request_opened"):
        subscriber(request=request, actor=actor)
    audit_record(
        actor=actor,
        action="records.access_open",
        obj=request,
        detail={"requester": request.requester},
    )
    return request


@transaction.atomic
def access_request_add_items(
    *, actor: Actor | Person, request: AccessRequest, items: list[Item]
) -> int:
    """Select items for the request; they are held from now on. Returns how many were new."""
    require_registrar(as_actor(actor))
    request = _open(request)
    added = []
    for item in items:
        _entry, created = AccessRequestItem.objects.get_or_create(
            request=request,
            item=item,
            defaults={
                "label": f"{item.get_kind_display()} {item.platform_id} ({item.channel.name})"[:400]
            },
        )
        if created:
            added.append(item.pk)
    audit_record(actor=actor, action="records.access_add", obj=request, detail={"items": added})
    return len(added)


@transaction.atomic
def access_request_remove_item(*, actor: Actor | Person, entry: AccessRequestItem) -> None:
    """Take an item out of an open request."""
    require_registrar(as_actor(actor))
    _open(entry.request)
    audit_record(
        actor=actor,
        action="records.access_remove",
        obj=entry.request,
        detail={"item": entry.item_id},
    )
    entry.delete()


@transaction.atomic
def access_entry_mask(
    *, actor: Actor | Person, entry: AccessRequestItem, start: int, end: int, ground: str
) -> AccessRequestItem:
    """Mask characters start..end (end exclusive) of the item's text, citing the legal ground."""
    require_registrar(as_actor(actor))
    _open(entry.request)
    entry = (
        AccessRequestItem.objects.select_for_update(of=("self",))
        .select_related("item")
        .get(pk=entry.pk)
    )
    length = len(entry.item.text) if entry.item else 0
    if not ground.strip():
        raise ValidationError({"ground": _("Give the legal ground for the masking.")})
    if not (0 <= start < end <= length):
        raise ValidationError(
            {"start": _("The span must lie within the text (0 to %(n)s).") % {"n": length}}
        )
    entry.masks = sorted(
        [*entry.masks, {"start": start, "end": end, "ground": ground.strip()[:200]}],
        key=lambda m: m["start"],
    )
    entry.save(update_fields=["masks"])
    audit_record(
        actor=actor,
        action="records.access_mask",
        obj=entry.request,
        detail={"item": entry.item_id, "start": start, "end": end, "ground": ground.strip()[:200]},
    )
    return entry


@transaction.atomic
def access_entry_mask_text(
    *, actor: Actor | Person, entry: AccessRequestItem, phrase: str, ground: str
) -> AccessRequestItem:
    """Mask every occurrence of a phrase in the item's text."""
    text = entry.item.text if entry.item else ""
    phrase = phrase.strip()
    if not phrase or phrase not in text:
        raise ValidationError({"phrase": _("The phrase does not occur in the text.")})
    start = text.find(phrase)
    while start != -1:
        entry = access_entry_mask(
            actor=actor, entry=entry, start=start, end=start + len(phrase), ground=ground
        )
        start = text.find(phrase, start + len(phrase))
    return entry


@transaction.atomic
def access_entry_withhold(
    *, actor: Actor | Person, entry: AccessRequestItem, ground: str
) -> AccessRequestItem:
    """Withhold the whole item (its text and attachments) on a legal ground."""
    require_registrar(as_actor(actor))
    _open(entry.request)
    if not ground.strip():
        raise ValidationError({"ground": _("Give the legal ground for withholding.")})
    entry = AccessRequestItem.objects.select_for_update().get(pk=entry.pk)
    entry.withheld = True
    entry.withheld_ground = ground.strip()[:200]
    entry.save(update_fields=["withheld", "withheld_ground"])
    audit_record(
        actor=actor,
        action="records.access_withhold",
        obj=entry.request,
        detail={"item": entry.item_id, "ground": entry.withheld_ground},
    )
    return entry


@transaction.atomic
def access_attachment_withhold(
    *, actor: Actor | Person, entry: AccessRequestItem, attachment: Attachment, ground: str
) -> AttachmentMask:
    """Withhold one whole attachment of a selected item."""
    require_registrar(as_actor(actor))
    _open(entry.request)
    if attachment.item_id != entry.item_id:
        raise ValidationError(_("The attachment belongs to another item."))
    if not ground.strip():
        raise ValidationError({"ground": _("Give the legal ground for withholding.")})
    mask, _created = AttachmentMask.objects.update_or_create(
        entry=entry, attachment=attachment, defaults={"ground": ground.strip()[:200]}
    )
    audit_record(
        actor=actor,
        action="records.access_withhold_attachment",
        obj=entry.request,
        detail={"attachment": attachment.pk, "ground": mask.ground},
    )
    return mask


@transaction.atomic
def access_request_exported(*, actor: Actor | Person, request: AccessRequest, fmt: str) -> None:
    """Record that a release was exported (who, when, which format)."""
    require_registrar(as_actor(actor))
    audit_record(actor=actor, action="records.access_export", obj=request, detail={"format": fmt})


@transaction.atomic
def access_request_close(
    *, actor: Actor | Person, request: AccessRequest, outcome_note: str
) -> AccessRequest:
    """Close the request and release its hold; the release record stays."""
    require_registrar(as_actor(actor))
    request = _open(request)
    request.state = AccessRequestState.CLOSED
    request.closed_at = timezone.now()
    request.outcome_note = outcome_note.strip()
    request.save(update_fields=["state", "closed_at", "outcome_note", "updated_at"])
    for subscriber in registry.values("access_request_closed"):
        subscriber(request=request, actor=actor)
    audit_record(
        actor=actor,
        action="records.access_close",
        obj=request,
        detail={"note": request.outcome_note[:300]},
    )
    return request


def masked_text(text: str, masks: list[dict]) -> str:
    """The text with every masked character replaced by █ (lengths kept, content gone)."""
    chars = list(text)
    for m in masks:
        for i in range(max(0, m["start"]), min(len(chars), m["end"])):
            chars[i] = MASK_CHAR
    return "".join(chars)
