"""Reads of moderation: decisions, always through the decision access rule."""

from dataclasses import dataclass
from datetime import datetime
from statistics import median

from django.db.models import Count, Min, QuerySet
from django.utils import timezone

from tillit.access.actor import Actor
from tillit.access.queryset import get_restricted
from tillit.channels.models import Channel
from tillit.inbox.choices import ItemStatus
from tillit.inbox.models import Item

from .models import Decision


def decisions_to_review(actor: Actor) -> QuerySet[Decision]:
    """Automatic decisions in the person's channels waiting for a person to confirm them."""
    return (
        Decision.objects.restrict(actor, "moderate")
        .filter(needs_review=True)
        .select_related("item", "item__channel", "rule")
    )


def decision_get_for(actor: Actor, decision_id: int) -> Decision:
    """One decision the person may review; NotFound whether missing or not theirs."""
    return get_restricted(
        Decision.objects.select_related("item", "item__channel"),
        actor,
        pk=decision_id,
        action="moderate",
    )


def decisions_for(actor: Actor) -> QuerySet[Decision]:
    """Every decision on items the person may moderate, with what the API shows of it."""
    return Decision.objects.restrict(actor, "moderate").select_related(
        "item__channel", "rule", "decided_by", "action"
    )


@dataclass(frozen=True)
class ChannelFigures:
    """One channel's moderation over a period, for follow-up (R10, R11, R23)."""

    channel: Channel
    received: int
    flagged: int
    decisions: dict[str, int]
    automatic: int
    median_hours_to_decision: float | None
    open_past_deadline: int


def moderation_report(actor: Actor, *, start: datetime, end: datetime) -> list[ChannelFigures]:
    """Per channel the person moderates: what came in during [start, end) and what was done.

    A fixed number of grouped queries whatever the size; the median is taken in Python over
    one (received, first decision) pair per decided item, streamed (SQLite has no median).
    """
    items = Item.objects.restrict(actor, "moderate")
    period = items.filter(received_at__gte=start, received_at__lt=end)

    def per_channel(qs, channel: str = "channel") -> dict[int, int]:
        return dict(qs.values(channel).annotate(n=Count("pk")).values_list(channel, "n"))

    received = per_channel(period)
    flagged = per_channel(period.filter(assessment__flagged=True))
    overdue = per_channel(
        items.filter(assessment__flagged=True, assessment__deadline__lt=timezone.now()).exclude(
            status=ItemStatus.HANDLED
        )
    )
    decided = Decision.objects.filter(
        item__in=items.values("pk"), decided_at__gte=start, decided_at__lt=end
    )
    by_kind: dict[int, dict[str, int]] = {}
    for channel_id, kind, n in (
        decided.values("item__channel", "kind")
        .annotate(n=Count("pk"))
        .values_list("item__channel", "kind", "n")
    ):
        by_kind.setdefault(channel_id, {})[kind] = n
    automatic = per_channel(decided.filter(automatic=True), "item__channel")
    waits: dict[int, list[float]] = {}
    for channel_id, received_at, first in (
        period.annotate(first=Min("decisions__decided_at"))
        .filter(first__isnull=False)
        .values_list("channel", "received_at", "first")
        .iterator(chunk_size=2000)
    ):
        waits.setdefault(channel_id, []).append(
            max((first - received_at).total_seconds(), 0) / 3600
        )
    channels = Channel.objects.filter(pk__in=items.values("channel").distinct()).select_related(
        "platform"
    )
    return [
        ChannelFigures(
            channel=c,
            received=received.get(c.pk, 0),
            flagged=flagged.get(c.pk, 0),
            decisions=by_kind.get(c.pk, {}),
            automatic=automatic.get(c.pk, 0),
            median_hours_to_decision=round(median(waits[c.pk]), 2) if c.pk in waits else None,
            open_past_deadline=overdue.get(c.pk, 0),
        )
        for c in channels.order_by("name", "pk")
    ]
