"""Reads of retention: what is held, decisions, runs, and the disposal log per channel."""

from django.db.models import Prefetch, Q, QuerySet

from tillit.access.actor import Actor
from tillit.access.queryset import get_restricted
from tillit.channels.models import Channel

from .models import DisposalBatch, DisposalLogEntry, DisposalRule, DisposalRun, Hold
from .permissions import can_read, require


def holds_in_force() -> QuerySet[Hold]:
    """Holds not yet released."""
    return Hold.objects.filter(released_at__isnull=True)


def held_channel_ids() -> QuerySet:
    """Ids of channels under a hold."""
    return holds_in_force().filter(channel__isnull=False).values("channel_id")


def held_item_ids() -> QuerySet:
    """Ids of items held directly."""
    return holds_in_force().filter(item__isnull=False).values("item_id")


def request_item_ids() -> QuerySet:
    """Ids of items selected for an access request that is open or still held (JO 3434-2016)."""
    from tillit.records.choices import AccessRequestState
    from tillit.records.models import AccessRequestItem

    held_requests = (
        holds_in_force().filter(access_request__isnull=False).values("access_request_id")
    )
    return AccessRequestItem.objects.filter(
        Q(request_id__in=held_requests) | Q(request__state=AccessRequestState.OPEN),
        item__isnull=False,
    ).values("item_id")


def exclude_held(qs: QuerySet, item_path: str = "", channel_path: str = "channel_id") -> QuerySet:
    """Leave out of `qs` whatever lies under a hold: its item, its channel, or an access request."""
    item_field = f"{item_path}id" if not item_path else f"{item_path}_id"
    qs = qs.exclude(**{f"{channel_path}__in": held_channel_ids()})
    qs = qs.exclude(**{f"{item_field}__in": held_item_ids()})
    return qs.exclude(**{f"{item_field}__in": request_item_ids()})


def rules_for(actor: Actor) -> QuerySet[DisposalRule]:
    """Disposal decisions, for those who may read them."""
    require(can_read(actor))
    return DisposalRule.objects.restrict(actor, "read").select_related("committee", "created_by")


def holds_for(actor: Actor) -> QuerySet[Hold]:
    """Holds in force first, then released ones."""
    require(can_read(actor))
    return (
        Hold.objects.restrict(actor, "read")
        .select_related("placed_by", "released_by")
        .order_by("released_at", "-placed_at")
    )


def runs_for(actor: Actor) -> QuerySet[DisposalRun]:
    """The run log, newest first, with its entries."""
    require(can_read(actor))
    # Joined, not prefetched: Django 5.2 prefetches a foreign key as one OR per id on SQLite.
    entries = DisposalLogEntry.objects.select_related("rule", "channel")
    return DisposalRun.objects.restrict(actor, "read").prefetch_related(
        Prefetch("entries", queryset=entries)
    )


def batches_for(actor: Actor) -> QuerySet[DisposalBatch]:
    """Batches of "vid inaktualitet" disposal, awaiting confirmation first."""
    require(can_read(actor))
    return DisposalBatch.objects.restrict(actor, "read").select_related(
        "rule", "rule__committee", "proposed_by", "confirmed_by"
    )


def disposal_log_for_channel(channel: Channel) -> list[dict]:
    """Every logged disposal in a channel, for the archive package: counts and ids, no content."""
    entries = (
        DisposalLogEntry.objects.filter(channel=channel, count__gt=0)
        .select_related("run", "rule", "rule__committee")
        .order_by("run__started_at", "id")
    )
    return [
        {
            "run": e.run_id,
            "run_started_at": e.run.started_at.isoformat(),
            "run_state": e.run.state,
            "at": e.at.isoformat(),
            "content_class": e.content_class,
            "count": e.count,
            "object_ids": list(e.object_ids),
            "decision": {
                "reference": e.rule.reference,
                "decided_on": e.rule.decided_on.isoformat(),
                "committee": e.rule.committee.name,
                "period_days": e.rule.period_days,
            },
        }
        for e in entries
    ]


def rule_get_for(actor: Actor, pk: int, action: str = "manage") -> DisposalRule:
    """One disposal decision the person may act on; NotFound otherwise."""
    return get_restricted(DisposalRule.objects.all(), actor, action, pk=pk)


def batch_get_for(actor: Actor, pk: int, action: str = "manage") -> DisposalBatch:
    """One disposal batch the person may act on; NotFound otherwise."""
    return get_restricted(DisposalBatch.objects.all(), actor, action, pk=pk)


def hold_get_for(actor: Actor, pk: int, action: str = "hold") -> Hold:
    """One hold the person may act on; NotFound otherwise."""
    return get_restricted(Hold.objects.all(), actor, action, pk=pk)
