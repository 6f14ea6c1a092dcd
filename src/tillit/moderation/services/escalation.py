"""Escalation (R15): an item past its deadline goes to the substitutes, then to the manager."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy

from tillit.access.actor import SCHEDULER
from tillit.access.roles import MandateRole
from tillit.audit.services import audit_record
from tillit.channels.selectors import mandate_holders
from tillit.core.messages import Message
from tillit.inbox.choices import ItemStatus
from tillit.organisation.models import Person
from tillit.organisation.notify import notify
from tillit.organisation.selectors import managers_of

from ..choices import RULE_LABELS
from ..models import Assessment


def _substitutes(channel) -> list[Person]:
    return list(mandate_holders(channel, MandateRole.SUBSTITUTE))


def escalate_overdue() -> int:
    """Escalate each overdue, unhandled item one level; return how many moved."""
    now = timezone.now()
    moved = 0
    overdue = Assessment.objects.filter(
        flagged=True,
        deadline__lt=now,
        escalation_level__lt=2,
        item__status=ItemStatus.NEEDS_ATTENTION,
    ).select_related("item", "item__channel", "item__channel__department")
    for assessment in overdue:
        deadline = assessment.deadline
        if deadline is None:  # never: deadline__lt leaves out nulls; this tells the type checker
            continue
        window = deadline - assessment.item.received_at
        # Level 1 at the deadline; level 2 when another full window has passed unhandled.
        due_level = 2 if now >= deadline + window else 1
        if due_level > assessment.escalation_level:
            _escalate(assessment, due_level)
            moved += 1
    return moved


@transaction.atomic
def _escalate(assessment: Assessment, level: int) -> None:
    item = assessment.item
    people = (
        _substitutes(item.channel) if level == 1 else list(managers_of(item.channel.department))
    )
    Assessment.objects.filter(pk=assessment.pk).update(
        escalation_level=level, escalated_at=timezone.now()
    )
    audit_record(
        actor=SCHEDULER,
        action="moderation.escalate",
        obj=item,
        detail={"level": level, "rules": assessment.rules},
    )
    notify(
        people=people,
        subject=Message(
            gettext_lazy("Overdue in %(channel)s: %(rules)s"),
            channel=item.channel.name,
            rules=Message(
                "; ".join(f"%(r{i})s" for i in range(len(assessment.rules))),
                **{f"r{i}": _rule(c) for i, c in enumerate(assessment.rules)},
            ),
        ),
        body=Message(gettext_lazy("An item has passed its deadline without a decision.")),
        url=f"/inkorg/{item.pk}/",
    )


def _rule(code: str) -> Message:
    """A guideline letter as a message: its name in the reader's language, then the letter."""
    name = RULE_LABELS.get(code)
    if name is None:
        return Message("%(code)s", code=code)
    return Message("%(name)s (%(code)s)", name=Message(name), code=code)
