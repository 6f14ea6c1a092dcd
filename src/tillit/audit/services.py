"""Writing to the audit trail and verifying it.

Invariant: every service that changes state calls `audit_record` inside its own
transaction, so the change and its audit entry commit or roll back together.
"""

import json
from dataclasses import dataclass
from datetime import UTC

from django.db import transaction
from django.utils import timezone

from .chain import GENESIS, entry_hash
from .models import AuditEntry, AuditHead


def _normalise(detail: dict) -> dict:
    """Round-trip through JSON so what is hashed is exactly what the database returns."""
    return json.loads(json.dumps(detail, default=str, ensure_ascii=False))


def audit_record(
    *, actor, action: str, obj=None, object_type: str = "", object_id: str = "", detail=None
) -> AuditEntry:
    """Append one entry to the chain; must run inside the caller's transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit_record must run inside the transaction of the change it records")
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
    detail = _normalise(detail or {})
    # Lock the head row: concurrent writers on PostgreSQL queue here instead of forking the chain.
    head, _ = AuditHead.objects.select_for_update().get_or_create(
        id=1, defaults={"last_hash": GENESIS}
    )
    # Microsecond precision in UTC survives every backend unchanged, so the hash re-verifies.
    at = timezone.now().astimezone(UTC)
    actor_id = getattr(actor, "pk", None)
    actor_label = str(actor) if actor is not None else "system"
    seq = head.count + 1
    digest = entry_hash(
        prev_hash=head.last_hash,
        seq=seq,
        at=at,
        actor_id=actor_id,
        actor_label=actor_label,
        action=action,
        object_type=object_type,
        object_id=object_id,
        detail=detail,
    )
    entry = AuditEntry.objects.create(
        seq=seq,
        at=at,
        actor_id=actor_id,
        actor_label=actor_label,
        action=action,
        object_type=object_type,
        object_id=object_id,
        detail=detail,
        prev_hash=head.last_hash,
        hash=digest,
    )
    AuditHead.objects.filter(id=1).update(last_hash=digest, count=seq)
    return entry


@dataclass(frozen=True)
class VerifyResult:
    """Outcome of a chain verification."""

    ok: bool
    checked: int
    broken_seq: int | None = None
    reason: str = ""


def audit_verify(batch_size: int = 2000) -> VerifyResult:
    """Walk the whole chain and report the first entry whose hash or link does not hold."""
    prev = GENESIS
    checked = 0
    expected_seq = 1
    qs = AuditEntry.objects.order_by("seq")
    for entry in qs.iterator(chunk_size=batch_size):
        if entry.seq != expected_seq:
            return VerifyResult(False, checked, expected_seq, "entry missing (deleted)")
        if entry.prev_hash != prev:
            return VerifyResult(False, checked, entry.seq, "link to the previous entry broken")
        recomputed = entry_hash(
            prev_hash=entry.prev_hash,
            seq=entry.seq,
            at=entry.at.astimezone(UTC),
            actor_id=entry.actor_id,
            actor_label=entry.actor_label,
            action=entry.action,
            object_type=entry.object_type,
            object_id=entry.object_id,
            detail=entry.detail,
        )
        if recomputed != entry.hash:
            return VerifyResult(False, checked, entry.seq, "content does not match its hash")
        prev = entry.hash
        checked += 1
        expected_seq += 1
    head = AuditHead.objects.filter(id=1).first()
    if head is not None and (head.last_hash != prev or head.count != checked):
        return VerifyResult(False, checked, expected_seq, "newest entries missing (deleted)")
    return VerifyResult(True, checked)
