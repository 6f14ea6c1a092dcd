"""What a person does with an outbox action: try again, confirm doing it by hand, withdraw it.

Invariants:
- Each move is one conditional UPDATE from the states the table below allows, so two
  clicks (or a click and a worker) can never both win: a retry re-queues the same row and
  idempotency key, never a second action.
- A retry of an action whose outcome is unknown asks the platform first (``needs_lookup``):
  a reply that did arrive is found, not posted again; a hide that took effect is recorded.
- Confirming a manual action is audited with the person and their note, and settles the
  item like a done action.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tillit.access.actor import Actor, person_of
from tillit.audit.services import audit_record
from tillit.core.messages import Message, foreign, stored
from tillit.organisation.models import Person

from ..choices import PERSON_ACTIONABLE, RETRY_FROM, ActionState
from ..models import ActionRequest
from .outbox import announce_outcome, apply_effect, item_settle

#: Who may go where: a person retries or confirms only what no worker will finish. A worker
#: has not claimed these, or they ended without an effect (or an unknown one that the caller
#: reverses): a superseding decision withdraws them.
CONFIRM_FROM = WITHDRAW_FROM = PERSON_ACTIONABLE
CONFIRM_NOTE_MAX = 2000


@transaction.atomic
def action_retry(*, actor: Actor | Person, action: ActionRequest) -> ActionRequest:
    """Queue a failed, refused, unsupported or unknown action again under the same key."""
    before = ActionRequest.objects.filter(pk=action.pk).values_list("state", "attempts").first()
    won = ActionRequest.objects.filter(pk=action.pk, state__in=RETRY_FROM).update(
        state=ActionState.RETRY,
        next_attempt_at=timezone.now(),
        attempts=0,
        # Unknown outcome: look on the platform before sending (never a second effect).
        needs_lookup=before is not None and before[0] == ActionState.UNKNOWN,
        completed_at=None,
        verify_after=None,
        escalation_level=0,
        escalated_at=None,
        claimed_by="",
        claimed_at=None,
    )
    if not won or before is None:
        raise ValidationError(_("This action is not waiting for a retry: nothing was queued."))
    action.refresh_from_db()
    audit_record(
        actor=actor,
        action="outbox.retry",
        obj=action,
        detail={"from": before[0], "attempts_before": before[1], "key": action.idempotency_key},
    )
    item_settle(action)
    announce_outcome(action)
    from ..tasks import run_action

    transaction.on_commit(lambda: run_action.enqueue(action.pk))
    return action


@transaction.atomic
def action_confirm_manual(
    *, actor: Actor | Person, action: ActionRequest, note: str = ""
) -> ActionRequest:
    """A person did the action by hand on the platform and says so; recorded and audited."""
    note = note.strip()
    if len(note) > CONFIRM_NOTE_MAX:
        raise ValidationError(
            _("The note is %(length)d characters; at most %(limit)d fit.")
            % {"length": len(note), "limit": CONFIRM_NOTE_MAX}
        )
    before = ActionRequest.objects.filter(pk=action.pk).values_list("state", flat=True).first()
    now = timezone.now()
    won = ActionRequest.objects.filter(pk=action.pk, state__in=CONFIRM_FROM).update(
        state=ActionState.MANUAL_DONE,
        confirmed_by=person_of(actor),
        confirmed_note=note,
        completed_at=now,
        needs_lookup=False,
        verify_after=None,
        claimed_by="",
        claimed_at=None,
    )
    if not won:
        raise ValidationError(
            _("This action is done or being sent right now: there is nothing to confirm.")
        )
    action.refresh_from_db()
    apply_effect(action)
    item_settle(action)
    announce_outcome(action)
    audit_record(
        actor=actor,
        action="outbox.manual_done",
        obj=action,
        detail={"from": before, "note": note[:500], "key": action.idempotency_key},
    )
    return action


@transaction.atomic
def action_withdraw(*, actor: Actor | Person, action: ActionRequest, reason: str) -> str | None:
    """Cancel an action a newer decision replaces; the state it had, or None if too late.

    Too late means a worker holds it or it took effect (sending, done, manual_done): the
    caller then queues the reverse instead.
    """
    before = ActionRequest.objects.filter(pk=action.pk).values_list("state", flat=True).first()
    won = ActionRequest.objects.filter(pk=action.pk, state__in=WITHDRAW_FROM).update(
        state=ActionState.CANCELLED,
        completed_at=timezone.now(),
        detail=stored(
            Message(
                gettext_lazy("Replaced by a newer decision: %(reason)s"), reason=foreign(reason)
            ),
            max_length=2000,
        ),
        reason_code="superseded",
        needs_lookup=False,
        verify_after=None,
    )
    if not won:
        return None
    action.refresh_from_db()
    audit_record(
        actor=actor,
        action="outbox.cancelled",
        obj=action,
        detail={"from": before, "reason": reason[:500], "key": action.idempotency_key},
    )
    return before
