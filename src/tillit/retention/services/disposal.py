"""Disposal runs (gallring, R21): chunked transactions, each logged with what it disposed of.

Invariants:
- A chunk deletes its rows, adds their ids and count to the run's log entry and writes the
  audit entry in one transaction: nothing is disposed of without a log row, and a chunk that
  fails (or a process killed mid-chunk) rolls back whole.
- Candidates are computed again inside each chunk's transaction, so a hold placed while a run
  is under way protects everything not already disposed of; a deleted row cannot be found
  again, so nothing is disposed of twice. A new run resumes where a failed one stopped.
- One run at a time (a partial unique index on the running state); a run whose heartbeat is
  older than STALE is marked interrupted so the next can start.
- Never disposed of: anything under a hold, direct messages not yet registered (or marked
  of little importance) and handed over, items whose capture is incomplete, blocks in force.
  These conditions live in each class's candidates (`retention.classes`).
- "Vid inaktualitet" rules dispose only of batches a person confirmed, re-checked at run time.
"""

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tillit.access.actor import SCHEDULER, Actor, allowed, as_actor, person_of
from tillit.audit.services import audit_record
from tillit.organisation.models import Person

from ..choices import BatchState, ContentClass, RunState
from ..models import DisposalBatch, DisposalLogEntry, DisposalRule, DisposalRun
from ..permissions import can_manage, require
from ..registry import ContentHandler, handler_for

logger = logging.getLogger(__name__)

CHUNK = 200
STALE = timedelta(minutes=30)
#: Test seam: called inside each chunk's transaction, after the deletion, before the commit.
chunk_hooks: list = []


class RunBusy(Exception):
    """Another disposal run is under way."""


@dataclass
class PlanRow:
    """What the next run would dispose of under one decision."""

    rule: DisposalRule
    count: int
    sample_ids: list[int]
    per_channel: dict[int | None, int] = field(default_factory=dict)
    note: str = ""


def _cutoff(rule: DisposalRule, now: datetime) -> datetime:
    return now - timedelta(days=rule.period_days or 0)


# Records that point at items go first, so an item freed of its decisions goes in the same run.
_CLASS_ORDER: list[str] = [ContentClass.BLOCKS, ContentClass.MODERATION, ContentClass.CAPTURES]


def _active_rules() -> list[DisposalRule]:
    rules = DisposalRule.objects.filter(active=True).select_related("committee").order_by("pk")
    return sorted(
        rules,
        key=lambda r: _CLASS_ORDER.index(r.content_class) if r.content_class in _CLASS_ORDER else 9,
    )


def disposal_plan(*, now: datetime | None = None) -> list[PlanRow]:
    """A dry run: per decision, what the next run would dispose of (nothing is changed)."""
    now = now or timezone.now()
    rules = _active_rules()
    # One query for every decision's confirmed batches, not one per decision.
    confirmed: dict[int, list[DisposalBatch]] = {}
    for batch in DisposalBatch.objects.filter(
        rule__in=[r for r in rules if r.until_obsolete], state=BatchState.CONFIRMED
    ).order_by("pk"):
        confirmed.setdefault(batch.rule_id, []).append(batch)
    rows = []
    for rule in rules:
        handler = handler_for(rule.content_class)
        if handler is None:
            rows.append(PlanRow(rule, 0, [], note=_("No part of Tillit stores this class yet.")))
            continue
        if rule.until_obsolete:
            ids = [i for b in confirmed.get(rule.pk, []) for i in b.object_ids]
            qs = handler.candidates(rule, None).filter(pk__in=ids)
            note = _("Only batches a person has confirmed.")
        else:
            qs = handler.candidates(rule, _cutoff(rule, now))
            note = ""
        pairs = list(qs.order_by("pk").values_list("pk", handler.channel_field))
        per_channel: dict[int | None, int] = {}
        for _pk, channel_id in pairs:
            per_channel[channel_id] = per_channel.get(channel_id, 0) + 1
        rows.append(PlanRow(rule, len(pairs), [p for p, _c in pairs[:20]], per_channel, note))
    return rows


def _confirmed(rule: DisposalRule):
    return DisposalBatch.objects.filter(rule=rule, state=BatchState.CONFIRMED).order_by("pk")


def _mark_stale(now: datetime) -> None:
    stale = DisposalRun.objects.filter(state=RunState.RUNNING, heartbeat_at__lt=now - STALE)
    never = DisposalRun.objects.filter(
        state=RunState.RUNNING, heartbeat_at__isnull=True, started_at__lt=now - STALE
    )
    for run in (stale | never).distinct():
        DisposalRun.objects.filter(pk=run.pk, state=RunState.RUNNING).update(
            state=RunState.INTERRUPTED, finished_at=now, error=_("No sign of life; interrupted.")
        )


def _start(actor: Actor | Person) -> DisposalRun:
    try:
        with transaction.atomic():
            run = DisposalRun.objects.create(
                started_by=person_of(actor), heartbeat_at=timezone.now()
            )
            audit_record(actor=actor, action="retention.run_start", obj=run)
            return run
    except IntegrityError as exc:
        raise RunBusy(_("Another disposal run is under way.")) from exc


def _chunk(
    run: DisposalRun, rule: DisposalRule, handler: ContentHandler, qs, skip: set[int]
) -> int:
    """Dispose of one chunk in one transaction; return how many rows it looked at."""
    with transaction.atomic():
        pairs = list(
            qs.exclude(pk__in=list(skip))
            .order_by("pk")
            .values_list("pk", handler.channel_field)[:CHUNK]
        )
        if not pairs:
            return 0
        channel_of = dict(pairs)
        deleted, skipped = handler.dispose(list(channel_of))
        for ids in skipped.values():
            skip.update(ids)
        by_channel: dict[int | None, list[int]] = {}
        for pk in deleted:
            by_channel.setdefault(channel_of[pk], []).append(pk)
        for ids in skipped.values():
            for pk in ids:
                by_channel.setdefault(channel_of[pk], [])
        for channel_id, ids in by_channel.items():
            entry, _created = DisposalLogEntry.objects.select_for_update().get_or_create(
                run=run,
                rule=rule,
                # None is a valid value for the nullable channel; django-stubs rejects it on
                # an _id lookup (typeddjango/django-stubs#3472).
                channel_id=channel_id,  # type: ignore[misc]
                defaults={"content_class": rule.content_class},
            )
            entry.count += len(ids)
            entry.object_ids = [*entry.object_ids, *ids]
            for reason, skipped_ids in skipped.items():
                mine = [i for i in skipped_ids if channel_of[i] == channel_id]
                if mine:
                    entry.skipped = {
                        **entry.skipped,
                        reason: [*entry.skipped.get(reason, []), *mine],
                    }
            entry.save()
        audit_record(
            actor=run.started_by,
            action="retention.dispose",
            obj=run,
            detail={
                "rule": rule.pk,
                "reference": rule.reference,
                "class": rule.content_class,
                "count": len(deleted),
                "ids": deleted,
                "skipped": skipped,
            },
        )
        DisposalRun.objects.filter(pk=run.pk).update(heartbeat_at=timezone.now())
        for hook in chunk_hooks:
            hook(run, rule, deleted)
    return len(pairs)


def disposal_run(
    *, actor: Actor | Person | None = None, now: datetime | None = None
) -> DisposalRun:
    """Dispose of everything due under the decisions in force; log every chunk. Never raises
    for a failed chunk: the run is marked failed with the error, and the next run resumes."""
    who = as_actor(actor or SCHEDULER)
    require(allowed(who, "retention.run", can_manage))
    now = now or timezone.now()
    _mark_stale(now)
    run = _start(who)
    try:
        for rule in _active_rules():
            handler = handler_for(rule.content_class)
            if handler is None:
                continue
            skip: set[int] = set()
            if rule.until_obsolete:
                for batch in _confirmed(rule):
                    qs = handler.candidates(rule, batch.received_before).filter(
                        pk__in=batch.object_ids
                    )
                    while _chunk(run, rule, handler, qs, skip):
                        pass
                    with transaction.atomic():
                        DisposalBatch.objects.filter(pk=batch.pk).update(state=BatchState.DONE)
                        audit_record(
                            actor=actor,
                            action="retention.batch_done",
                            obj=batch,
                            detail={"run": run.pk},
                        )
            else:
                qs = handler.candidates(rule, _cutoff(rule, now))
                while _chunk(run, rule, handler, qs, skip):
                    pass
    except Exception as exc:  # the run's record must say it failed; the chunk rolled back whole
        logger.exception("disposal run %s failed", run.pk)
        with transaction.atomic():
            DisposalRun.objects.filter(pk=run.pk).update(
                state=RunState.FAILED,
                finished_at=timezone.now(),
                error=f"{type(exc).__name__}: {exc}"[:2000],
            )
            audit_record(
                actor=actor,
                action="retention.run_failed",
                obj=run,
                detail={"error": str(exc)[:300]},
            )
        run.refresh_from_db()
        return run
    with transaction.atomic():
        DisposalRun.objects.filter(pk=run.pk).update(
            state=RunState.FINISHED, finished_at=timezone.now()
        )
        total = sum(run.entries.values_list("count", flat=True))
        audit_record(
            actor=actor, action="retention.run_finish", obj=run, detail={"disposed": total}
        )
    run.refresh_from_db()
    return run


@transaction.atomic
def rule_create(
    *,
    actor: Actor | Person,
    reference: str,
    decided_on,
    committee,
    content_class: str,
    period_days: int | None,
    note: str = "",
) -> DisposalRule:
    """Record a committee's disposal decision; it replaces the one in force for that class."""
    require(can_manage(as_actor(actor)))
    DisposalRule.objects.filter(
        committee=committee, content_class=content_class, active=True
    ).update(active=False)
    rule = DisposalRule(
        reference=reference.strip(),
        decided_on=decided_on,
        committee=committee,
        content_class=content_class,
        period_days=period_days,
        note=note.strip(),
        created_by=person_of(actor),
    )
    rule.full_clean()
    rule.save()
    audit_record(
        actor=actor,
        action="retention.rule_create",
        obj=rule,
        detail={
            "reference": rule.reference,
            "class": content_class,
            "period_days": period_days,
            "committee": committee.pk,
        },
    )
    return rule


@transaction.atomic
def rule_withdraw(*, actor: Actor | Person, rule: DisposalRule) -> DisposalRule:
    """Take a decision out of force; nothing more is disposed of under it."""
    require(can_manage(as_actor(actor)))
    rule = DisposalRule.objects.select_for_update().get(pk=rule.pk)
    rule.active = False
    rule.save(update_fields=["active", "updated_at"])
    audit_record(actor=actor, action="retention.rule_withdraw", obj=rule)
    return rule


@transaction.atomic
def batch_propose(
    *, actor: Actor | Person, rule: DisposalRule, received_before: datetime
) -> DisposalBatch:
    """List what a "vid inaktualitet" rule would take, up to a date, for a person to confirm."""
    require(can_manage(as_actor(actor)))
    if not rule.until_obsolete:
        raise ValidationError(
            _("Only decisions without a fixed period dispose of confirmed batches.")
        )
    handler = handler_for(rule.content_class)
    if handler is None:
        raise ValidationError(_("No part of Tillit stores this class yet."))
    ids = list(
        handler.candidates(rule, received_before).order_by("pk").values_list("pk", flat=True)
    )
    batch = DisposalBatch.objects.create(
        rule=rule, object_ids=ids, received_before=received_before, proposed_by=person_of(actor)
    )
    audit_record(
        actor=actor, action="retention.batch_propose", obj=batch, detail={"count": len(ids)}
    )
    return batch


@transaction.atomic
def batch_decide(*, actor: Actor | Person, batch: DisposalBatch, confirm: bool) -> DisposalBatch:
    """Confirm a batch (the next run disposes of it) or cancel it."""
    require(can_manage(as_actor(actor)))
    batch = DisposalBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.state != BatchState.PROPOSED:
        raise ValidationError(_("The batch has already been decided."))
    batch.state = BatchState.CONFIRMED if confirm else BatchState.CANCELLED
    batch.confirmed_by = person_of(actor)
    batch.confirmed_at = timezone.now()
    batch.save(update_fields=["state", "confirmed_by", "confirmed_at", "updated_at"])
    audit_record(
        actor=actor,
        action="retention.batch_confirm" if confirm else "retention.batch_cancel",
        obj=batch,
    )
    return batch
