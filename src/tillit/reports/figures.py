"""What every section of a report shares: the period's items and decisions of the scope's
channels, and a figure compared with the period before."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import (
    QuerySet,
)

from tillit.channels.models import Channel
from tillit.connectors.base import ItemKind
from tillit.inbox.models import Item
from tillit.moderation.models import Decision

from .periods import Period
from .report import Figure

COMMENT_KINDS = (ItemKind.COMMENT, ItemKind.REPLY, ItemKind.MENTION)
REPLY_KINDS = (ItemKind.COMMENT, ItemKind.REPLY)


def period_items(channels: QuerySet[Channel], period: Period) -> QuerySet[Item]:
    first, after = period.bounds()
    return Item.objects.filter(
        channel__in=channels.values("pk"), received_at__gte=first, received_at__lt=after
    )


def compared(key_labels: Sequence[tuple[str, Any, str]], now: dict, before: dict) -> list[Figure]:
    return [
        Figure(key, label, now.get(key), before.get(key), unit) for key, label, unit in key_labels
    ]


def period_decisions(channels: QuerySet[Channel], period: Period) -> QuerySet[Decision]:
    first, after = period.bounds()
    return Decision.objects.filter(
        item__channel__in=channels.values("pk"), decided_at__gte=first, decided_at__lt=after
    )
