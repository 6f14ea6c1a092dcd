"""Registering direct messages (R20): into a case, as of little importance, or as secret.

Invariants:
- A message gets at most one registration (the OneToOne on the item), decided by a registrar.
- Replies sent from Tillit (outbox replies to a registered message) and the organisation's
  own messages in the same thread join the same case as outgoing documents.
- A registration number (diarienummer) is unique among cases once it is known.
"""

from typing import cast

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tillit.access.actor import SCHEDULER, Actor, as_actor, person_of
from tillit.audit.services import audit_record
from tillit.inbox.choices import ActionKind, ItemKind
from tillit.inbox.models import ActionRequest, Item
from tillit.organisation.models import Person

from ..choices import Direction, HandoverState, Outcome
from ..models import Case, Registration
from ..permissions import require_registrar
from ..selectors import thread_of


def _locked_dm(item: Item) -> Item:
    fresh = Item.objects.select_for_update().get(pk=item.pk)
    if fresh.kind != ItemKind.DIRECT_MESSAGE or fresh.is_own:
        raise ValidationError(_("Only received direct messages are registered here."))
    if Registration.objects.filter(item=fresh).exists():
        raise ValidationError(_("This message has already been decided on."))
    return fresh


@transaction.atomic
def dm_register(
    *,
    actor: Actor | Person,
    item: Item,
    subject: str,
    case: Case | None = None,
    new_case_title: str = "",
    secret: bool = False,
    secrecy_ground: str = "",
) -> Registration:
    """Register a received message into an existing case or a new one."""
    require_registrar(as_actor(actor))
    item = _locked_dm(item)
    subject = subject.strip()[:300]
    if not subject:
        raise ValidationError({"subject": _("A registered document needs a short subject.")})
    if secret and not secrecy_ground.strip():
        raise ValidationError(
            {"secrecy_ground": _("Give the secrecy ground (OSL chapter and section).")}
        )
    if case is None:
        case = Case.objects.create(
            title=(new_case_title.strip() or subject)[:300], created_by=person_of(actor)
        )
        audit_record(
            actor=actor, action="records.case_create", obj=case, detail={"title": case.title}
        )
    registration = Registration.objects.create(
        item=item,
        outcome=Outcome.REGISTERED,
        direction=Direction.INCOMING,
        case=case,
        received_at=item.received_at,
        subject=subject,
        secret=secret,
        secrecy_ground=secrecy_ground.strip()[:200],
        decided_by=person_of(actor),
        handover_state=HandoverState.READY,
    )
    audit_record(
        actor=actor,
        action="records.register",
        obj=registration,
        detail={"item": item.pk, "case": case.pk, "secret": secret},
    )
    case_collect_replies(case=case)
    return registration


@transaction.atomic
def dm_mark_little_importance(*, actor: Actor | Person, item: Item, reason: str) -> Registration:
    """Record that a message is of obviously little importance (OSL 5:1 fourth paragraph)."""
    require_registrar(as_actor(actor))
    item = _locked_dm(item)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the message is of little importance.")})
    registration = Registration.objects.create(
        item=item,
        outcome=Outcome.LITTLE_IMPORTANCE,
        direction=Direction.INCOMING,
        received_at=item.received_at,
        reason=reason.strip(),
        decided_by=person_of(actor),
        handover_state=HandoverState.NOT_APPLICABLE,
    )
    audit_record(
        actor=actor,
        action="records.little_importance",
        obj=registration,
        detail={"item": item.pk, "reason": registration.reason},
    )
    return registration


@transaction.atomic
def registration_mark_secret(
    *, actor: Actor | Person, registration: Registration, ground: str
) -> Registration:
    """Withhold sender and subject in every hand-over and export of the registration."""
    require_registrar(as_actor(actor))
    if not ground.strip():
        raise ValidationError(
            {"secrecy_ground": _("Give the secrecy ground (OSL chapter and section).")}
        )
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    registration.secret = True
    registration.secrecy_ground = ground.strip()[:200]
    registration.save(update_fields=["secret", "secrecy_ground", "updated_at"])
    audit_record(
        actor=actor,
        action="records.mark_secret",
        obj=registration,
        detail={"ground": registration.secrecy_ground},
    )
    return registration


@transaction.atomic
def case_set_reference(
    *, actor: Actor | Person, case: Case, reference: str, via: str = "manual"
) -> Case:
    """Store the registration number the records system gave the case."""
    require_registrar(as_actor(actor))
    reference = reference.strip()[:100]
    if not reference:
        raise ValidationError({"reference": _("Enter the registration number.")})
    case = Case.objects.select_for_update().get(pk=case.pk)
    if Case.objects.filter(reference=reference).exclude(pk=case.pk).exists():
        raise ValidationError(
            {"reference": _("Another case already has this registration number.")}
        )
    before = case.reference
    case.reference = reference
    case.save(update_fields=["reference", "updated_at"])
    case.registrations.exclude(handover_state=HandoverState.NOT_APPLICABLE).update(
        handover_state=HandoverState.CONFIRMED, handed_over_at=timezone.now()
    )
    audit_record(
        actor=actor,
        action="records.case_reference",
        obj=case,
        detail={"reference": reference, "before": before, "via": via},
    )
    return case


def case_collect_replies(*, case: Case) -> int:
    """Join the case's outgoing replies (outbox and own messages in the thread); return how many."""
    added = 0
    incoming = list(
        Registration.objects.filter(
            case=case, direction=Direction.INCOMING, item__isnull=False
        ).select_related("item")
    )
    for reg in incoming:
        item = cast(Item, reg.item)  # item__isnull=False above
        for own in thread_of(item).filter(is_own=True, registration__isnull=True):
            Registration.objects.create(
                item=own,
                outcome=Outcome.REGISTERED,
                direction=Direction.OUTGOING,
                case=case,
                received_at=own.received_at,
                subject=reg.subject,
                secret=reg.secret,
                secrecy_ground=reg.secrecy_ground,
                handover_state=HandoverState.READY,
            )
            added += 1
        replies = ActionRequest.objects.filter(
            item_id__in=thread_of(item).values("pk"),
            kind=ActionKind.REPLY,
            registration__isnull=True,
        )
        for action in replies:
            Registration.objects.create(
                action=action,
                outcome=Outcome.REGISTERED,
                direction=Direction.OUTGOING,
                case=case,
                received_at=action.completed_at or action.created_at,
                subject=reg.subject,
                secret=reg.secret,
                secrecy_ground=reg.secrecy_ground,
                handover_state=HandoverState.READY,
            )
            added += 1
    if added:
        audit_record(
            actor=SCHEDULER, action="records.replies_joined", obj=case, detail={"count": added}
        )
    return added


@transaction.atomic
def cases_collect_all_replies() -> int:
    """Join new replies to every case with a registered message (run before exports and hourly)."""
    total = 0
    for case in Case.objects.filter(registrations__direction=Direction.INCOMING).distinct():
        total += case_collect_replies(case=case)
    return total
