"""Reading the platform back: an action is what the platform shows, not what Tillit recorded.

Runs as the periodic job ``inbox.reconcile_outbox``. It takes:
- done hide, unhide and delete actions whose read-back is due (``verify_after``): the
  platform confirms (``verified_at``), or the effect is missing and the action goes back
  to retry (at most MAX_REOPEN times, then failed, for a person);
- actions whose outcome is unknown: the effect is there (done), or it is not and the action
  is retried after a lookup (``needs_lookup``), so a reply is never posted twice;
- actions left "sending" by a dead worker (stale lease): handed to the outbox's recovery,
  which reads the platform before it sends anything again.

Invariant: every change is a conditional UPDATE on the state the job read, so a person's
retry or confirmation in between wins and the job's answer is dropped.
"""

import logging
from datetime import timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy

from tillit.access.actor import SCHEDULER
from tillit.audit.services import audit_record
from tillit.connectors.errors import ConnectorError
from tillit.core.messages import Message, stored

from ..choices import ActionKind, ActionState
from ..models import ActionRequest, Connection
from .connections import connector_for
from .outbox import (
    READ_BACK_KINDS,
    apply_effect,
    effect_on_platform,
    item_settle,
    lease,
    outbox_execute,
    read_state,
)

logger = logging.getLogger(__name__)

MAX_REOPEN = 2
MAX_REPLY_LOOKUPS = 6
BATCH = 50
RECHECK_AFTER_ERROR = timedelta(minutes=5)


def reconcile_due(limit: int = BATCH) -> dict[str, int]:
    """Read back what is due; return how many were confirmed, reopened, settled or left."""
    now = timezone.now()
    counts = {"confirmed": 0, "reopened": 0, "failed": 0, "recovered": 0, "unknown": 0}
    due = list(
        ActionRequest.objects.filter(
            state__in=[ActionState.DONE, ActionState.UNKNOWN], verify_after__lte=now
        )
        .select_related("channel", "item")
        .order_by("verify_after")[:limit]
    )
    for action in due:
        outcome = _reconcile_one(action)
        counts[outcome] = counts.get(outcome, 0) + 1
    stale = ActionRequest.objects.filter(
        state=ActionState.SENDING, claimed_at__lt=now - lease()
    ).values_list("pk", flat=True)[:limit]
    for action_id in list(stale):
        if outbox_execute(action_id, worker_id="reconcile") is not None:
            counts["recovered"] += 1
    return counts


def _reconcile_one(action: ActionRequest) -> str:
    try:
        connection = action.channel.connection
    except Connection.DoesNotExist:
        _set(action, verify_after=None)
        return "unknown"
    if action.kind == ActionKind.REPLY and action.state == ActionState.UNKNOWN:
        # The outbox's recovery looks for the reply before sending; a lookup that fails
        # leaves it unknown again. After an hour of that it waits for a person.
        if action.reopened >= MAX_REPLY_LOOKUPS:
            _set(action, verify_after=None)
            return "unknown"
        return _reopen(
            action,
            Message(gettext_lazy("Looking on the platform for the reply again.")),
            lookup=True,
        )
    if action.kind not in READ_BACK_KINDS:
        _set(action, verify_after=None)
        return "unknown"
    connector = connector_for(connection)
    try:
        seen = effect_on_platform(action, read_state(connector, action))
    except ConnectorError as exc:
        logger.info("reconcile %s: platform not readable now (%s)", action.pk, exc)
        _set(action, verify_after=timezone.now() + RECHECK_AFTER_ERROR)
        return "unknown"
    finally:
        connector.close()
    if seen is None:
        _set(action, verify_after=None)
        return "unknown"
    if seen:
        return _confirm(action)
    if action.reopened >= MAX_REOPEN:
        return _give_up(action)
    return _reopen(
        action,
        Message(gettext_lazy("The platform does not show the effect; Tillit sends it again.")),
        lookup=False,
    )


def _set(action: ActionRequest, **fields) -> int:
    return ActionRequest.objects.filter(pk=action.pk, state=action.state).update(**fields)


@transaction.atomic
def _confirm(action: ActionRequest) -> str:
    now = timezone.now()
    won = _set(action, state=ActionState.DONE, verified_at=now, verify_after=None, reason_code="")
    if not won:
        return "unknown"
    if action.state == ActionState.UNKNOWN:
        action.state = ActionState.DONE
        apply_effect(action)
        item_settle(action)
    audit_record(
        actor=SCHEDULER,
        action="outbox.verified",
        obj=action,
        detail={"kind": action.kind, "key": action.idempotency_key},
    )
    return "confirmed"


@transaction.atomic
def _reopen(action: ActionRequest, detail: Message, *, lookup: bool) -> str:
    before = action.state
    won = _set(
        action,
        state=ActionState.RETRY,
        next_attempt_at=timezone.now(),
        needs_lookup=lookup,
        verify_after=None,
        completed_at=None,
        detail=stored(detail, max_length=2000),
        reason_code="not_confirmed" if not lookup else action.reason_code,
        reopened=F("reopened") + 1,
    )
    if not won:
        return "unknown"
    if before == ActionState.DONE:
        apply_effect(action, undo=True)
    action.state = ActionState.RETRY
    item_settle(action)
    audit_record(
        actor=SCHEDULER,
        action="outbox.reopened",
        obj=action,
        detail={"from": before, "kind": action.kind, "lookup": lookup},
    )
    from ..tasks import run_action

    transaction.on_commit(lambda: run_action.enqueue(action.pk))
    return "reopened"


@transaction.atomic
def _give_up(action: ActionRequest) -> str:
    won = _set(
        action,
        state=ActionState.FAILED,
        verify_after=None,
        reason_code="not_confirmed",
        detail=stored(
            Message(
                gettext_lazy(
                    "The platform still does not show the effect after %(times)s attempts."
                ),
                times=action.reopened + 1,
            )
        ),
    )
    if not won:
        return "unknown"
    apply_effect(action, undo=True)
    action.state = ActionState.FAILED
    item_settle(action)
    audit_record(actor=SCHEDULER, action="outbox.failed", obj=action, detail={"kind": action.kind})
    return "failed"
