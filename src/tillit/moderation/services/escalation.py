"""Escalation (R15): what is not done in time goes to the substitutes, then to the manager.

Two things are overdue, and both take the same path (``_escalate``):
- an item past its deadline without a decision;
- a decision whose platform action has not taken effect: still pending (or not possible
  on the platform and not yet done by hand) when the item's deadline passes, or failed for
  good (failed, refused, unknown) at once.
  The item stays in the queue meanwhile (inbox.services.outbox.item_settle).

Level 1 goes to the channel's substitutes when it falls due; level 2 to the department's
managers when another full window has passed. Each level is told once (in the app and by
e-mail, tillit.organisation.notify) and audited.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy

from tillit.access.actor import SCHEDULER
from tillit.access.roles import MandateRole
from tillit.audit.services import audit_record
from tillit.channels.selectors import mandate_holders
from tillit.core.messages import Message
from tillit.inbox.choices import (
    PENDING_ACTION_STATES,
    SETTLING_ACTIONS,
    STUCK_ACTION_STATES,
    ActionState,
    ItemStatus,
)
from tillit.inbox.models import ActionRequest, Item
from tillit.inbox.truth import truth_of
from tillit.organisation.models import Person
from tillit.organisation.notify import notify
from tillit.organisation.selectors import managers_of

from ..choices import RULE_LABELS
from ..models import Assessment

# Without a deadline on the item, an action has this long to take effect (and a pending
# one at least this long after it was queued, even when the deadline passed before).
ACTION_WINDOW = timedelta(hours=4)
ACTION_GRACE = timedelta(minutes=15)


def _substitutes(channel) -> list[Person]:
    return list(mandate_holders(channel, MandateRole.SUBSTITUTE))


def _due_level(now: datetime, due_at: datetime, window: timedelta) -> int:
    """Level 1 once due; level 2 when another full window has passed."""
    if now < due_at:
        return 0
    return 2 if now >= due_at + window else 1


@dataclass(frozen=True)
class Overdue:
    """One thing to escalate: its item, level, what to tell, and how to record the level."""

    item: Item
    level: int
    subject: Message
    body: Message
    detail: dict
    mark: Callable[[int], None]


def _marker(model, pk: int) -> Callable[[int], None]:
    """Record the level reached on the row that keeps it (assessment or action)."""

    def mark(level: int) -> None:
        model.objects.filter(pk=pk).update(escalation_level=level, escalated_at=timezone.now())

    return mark


def escalate_overdue() -> int:
    """Escalate each overdue item and each stuck or late action one level; return how many."""
    now = timezone.now()
    moved = 0
    for overdue in [*_overdue_items(now), *_overdue_actions(now)]:
        _escalate(overdue)
        moved += 1
    return moved


def _overdue_items(now: datetime) -> list[Overdue]:
    # An item with a decision's action is the action's to escalate (below), with a truer text.
    has_action = ActionRequest.objects.filter(
        item=OuterRef("item"), kind__in=SETTLING_ACTIONS
    ).exclude(state=ActionState.CANCELLED)
    overdue = (
        Assessment.objects.filter(
            flagged=True,
            deadline__lt=now,
            escalation_level__lt=2,
            item__status=ItemStatus.NEEDS_ATTENTION,
        )
        .exclude(Exists(has_action))
        .select_related("item", "item__channel", "item__channel__department")
    )
    found = []
    for assessment in overdue:
        deadline = assessment.deadline
        if deadline is None:  # never: deadline__lt leaves out nulls; this tells the type checker
            continue
        level = _due_level(now, deadline, deadline - assessment.item.received_at)
        if level <= assessment.escalation_level:
            continue
        found.append(
            Overdue(
                item=assessment.item,
                level=level,
                subject=Message(
                    gettext_lazy("Overdue in %(channel)s: %(rules)s"),
                    channel=assessment.item.channel.name,
                    rules=Message(
                        "; ".join(f"%(r{i})s" for i in range(len(assessment.rules))),
                        **{f"r{i}": _rule(c) for i, c in enumerate(assessment.rules)},
                    ),
                ),
                body=Message(gettext_lazy("An item has passed its deadline without a decision.")),
                detail={"level": level, "rules": assessment.rules},
                mark=_marker(Assessment, assessment.pk),
            )
        )
    return found


def _overdue_actions(now: datetime) -> list[Overdue]:
    newer = ActionRequest.objects.filter(
        item=OuterRef("item"), kind__in=SETTLING_ACTIONS, created_at__gt=OuterRef("created_at")
    ).exclude(state=ActionState.CANCELLED)
    candidates = (
        ActionRequest.objects.filter(
            item__isnull=False,
            kind__in=SETTLING_ACTIONS,
            state__in=PENDING_ACTION_STATES | STUCK_ACTION_STATES,
            escalation_level__lt=2,
        )
        .exclude(Exists(newer))
        .select_related("item", "item__channel", "item__channel__department", "item__assessment")
    )
    found = []
    for action in candidates:
        item = action.item
        if item is None:  # never: filtered above; this tells the type checker
            continue
        deadline = getattr(getattr(item, "assessment", None), "deadline", None)
        window = max(deadline - item.received_at, timedelta(hours=1)) if deadline else ACTION_WINDOW
        due_at = max(
            deadline or action.created_at + ACTION_WINDOW, action.created_at + ACTION_GRACE
        )
        if action.state in STUCK_ACTION_STATES and action.state != ActionState.NOT_SUPPORTED:
            # Failed for good: nothing will change by waiting; tell the substitutes now. (An
            # action the platform cannot do was explained on the page when it was decided:
            # it waits for a person's hand until the deadline, like a pending one.)
            due_at = min(due_at, action.completed_at or now)
        level = _due_level(now, due_at, window)
        if level <= action.escalation_level:
            continue
        truth = truth_of(action)
        found.append(
            Overdue(
                item=item,
                level=level,
                # The state and reason are worded in the organisation's language (no reader here).
                subject=Message(
                    gettext_lazy("Not done on the platform in %(channel)s: %(state)s"),
                    channel=item.channel.name,
                    state=str(truth.text) if truth else "",
                ),
                body=Message(
                    gettext_lazy(
                        "A decision on an item has not taken effect on the platform. %(reason)s "
                        "The item stays in the queue: try again, or do it by hand on the platform "
                        "and confirm it in Tillit."
                    ),
                    reason=str(truth.reason) if truth else "",
                ),
                detail={"level": level, "action": action.pk, "state": action.state},
                mark=_marker(ActionRequest, action.pk),
            )
        )
    return found


@transaction.atomic
def _escalate(overdue: Overdue) -> None:
    item = overdue.item
    people = (
        _substitutes(item.channel)
        if overdue.level == 1
        else list(managers_of(item.channel.department))
    )
    overdue.mark(overdue.level)
    audit_record(
        actor=SCHEDULER,
        action="moderation.escalate",
        obj=item,
        detail=overdue.detail,
    )
    notify(people=people, subject=overdue.subject, body=overdue.body, url=f"/inkorg/{item.pk}/")


def _rule(code: str) -> Message:
    """A guideline letter as a message: its name in the reader's language, then the letter."""
    name = RULE_LABELS.get(code)
    if name is None:
        return Message("%(code)s", code=code)
    return Message("%(name)s (%(code)s)", name=Message(name), code=code)
