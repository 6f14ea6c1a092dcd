"""How soon a comment was first answered and first decided, kept on the comment itself.

Follow-up reports measure response times over a period's comments (R23). Looking the first
own reply and the first decision up per comment at report time costs two lookups per row,
and duration arithmetic on SQLite runs in Python per row; at a million items that is
seconds. Ingest and the decision service write the seconds when they happen instead, and a
report reads plain integer columns. ``fill_first_times`` sets them from the rows for data
written before (the migration) or loaded in bulk (demo history, benchmarks).
"""

from __future__ import annotations

from datetime import datetime

from django.db.models import Min, OuterRef, Q, Subquery

#: A duration kept as whole seconds fits a positive 32-bit column for 68 years.
MAX_SECONDS = 2**31 - 1


def _seconds(later: datetime, earlier: datetime) -> int:
    return max(0, min(MAX_SECONDS, int((later - earlier).total_seconds())))


def note_reply(parent, received_at: datetime) -> None:
    """An own reply to ``parent`` arrived at ``received_at``: keep the earliest reply."""
    if parent is None:
        return
    from ..models import Item

    seconds = _seconds(received_at, parent.received_at)
    Item.objects.filter(pk=parent.pk).filter(
        Q(reply_after_s__isnull=True) | Q(reply_after_s__gt=seconds)
    ).update(reply_after_s=seconds)


def note_decision(item, decided_at: datetime) -> None:
    """A decision on ``item`` was recorded at ``decided_at``: keep the first one."""
    from ..models import Item

    Item.objects.filter(pk=item.pk, first_decision_at__isnull=True).update(
        first_decision_at=decided_at, decision_after_s=_seconds(decided_at, item.received_at)
    )


def fill_first_times(item_model, decision_model, items=None) -> None:
    """Set the three columns from the rows (for ``items``, default every item)."""
    qs = item_model.objects.all() if items is None else items
    first_reply = (
        item_model.objects.filter(parent=OuterRef("pk"), is_own=True)
        .values("parent")
        .annotate(first=Min("received_at"))
        .values("first")[:1]
    )
    first_decision = (
        decision_model.objects.filter(item=OuterRef("pk"))
        .values("item")
        .annotate(first=Min("decided_at"))
        .values("first")[:1]
    )
    # Set the times first, then turn them into seconds row by row in Python: a one-off
    # backfill, bounded by the rows that have a reply or a decision.
    for model_qs, subquery, field, target in (
        (qs.filter(replies__is_own=True).distinct(), first_reply, "reply_after_s", "replied"),
        (
            qs.filter(decisions__isnull=False).distinct(),
            first_decision,
            "decision_after_s",
            "decided",
        ),
    ):
        for pk, received, first in (
            model_qs.annotate(first=Subquery(subquery))
            .values_list("pk", "received_at", "first")
            .iterator(chunk_size=2000)
        ):
            if first is None:
                continue
            values = {field: _seconds(first, received)}
            if target == "decided":
                values["first_decision_at"] = first
            item_model.objects.filter(pk=pk).update(**values)
