"""Personal data requests: access exports and erasure requests, decided against the archive duty.

An erasure request is never carried out silently: it is recorded, and a registrar decides it.
Official documents must be kept (GDPR art. 17.3 b, archive law), so the usual answer is a
refusal with that ground; what is granted is carried out only through a disposal decision.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tillit.access.actor import Actor, as_actor, person_of
from tillit.audit.services import audit_record
from tillit.inbox.models import Author
from tillit.organisation.models import Person

from ..choices import ErasureOutcome, PersonalDataKind
from ..models import PersonalDataRequest
from ..permissions import require_registrar


def _label(author: Author) -> str:
    return (author.display_name or author.handle or author.platform_id)[:300]


@transaction.atomic
def personal_request_record(
    *, actor: Actor | Person, author: Author, kind: str, note: str = "", received_at=None
) -> PersonalDataRequest:
    """Record a data subject's access or erasure request about an author."""
    require_registrar(as_actor(actor))
    if kind not in PersonalDataKind.values:
        raise ValidationError({"kind": _("Unknown kind of request.")})
    request = PersonalDataRequest.objects.create(
        kind=kind,
        author=author,
        author_label=_label(author),
        requester_note=note.strip(),
        received_at=received_at or timezone.now(),
        recorded_by=person_of(actor),
    )
    audit_record(
        actor=actor, action=f"records.personal_{kind}", obj=request, detail={"author": author.pk}
    )
    return request


@transaction.atomic
def personal_request_decide(
    *, actor: Actor | Person, request: PersonalDataRequest, outcome: str, reason: str
) -> PersonalDataRequest:
    """Decide an erasure request; a refusal or grant always states its reason."""
    require_registrar(as_actor(actor))
    request = PersonalDataRequest.objects.select_for_update().get(pk=request.pk)
    if request.kind != PersonalDataKind.ERASURE:
        raise ValidationError(_("Only erasure requests are decided here."))
    if request.outcome != ErasureOutcome.PENDING:
        raise ValidationError(_("The request has already been decided."))
    if outcome not in (ErasureOutcome.REFUSED, ErasureOutcome.GRANTED):
        raise ValidationError({"outcome": _("Choose refused or granted.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the decision.")})
    request.outcome = outcome
    request.decision_reason = reason.strip()
    request.decided_by = person_of(actor)
    request.decided_at = timezone.now()
    request.save(
        update_fields=["outcome", "decision_reason", "decided_by", "decided_at", "updated_at"]
    )
    audit_record(
        actor=actor,
        action="records.erasure_decide",
        obj=request,
        detail={"outcome": outcome, "reason": request.decision_reason[:300]},
    )
    return request


@transaction.atomic
def personal_export_recorded(*, actor: Actor | Person, author: Author, count: int) -> None:
    """Audit that a registrar exported everything stored about one author."""
    require_registrar(as_actor(actor))
    audit_record(actor=actor, action="records.personal_export", obj=author, detail={"items": count})
