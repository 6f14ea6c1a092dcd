"""Writing to the audit trail and verifying it.

Invariant: every service that changes state calls `audit_record` inside its own
transaction, so the change and its audit entry commit or roll back together. Entries are
sealed with the current HMAC key (ADR 8); verification checks each seal with the key it
names and compares the chain with the signed checkpoints kept outside the database.
"""

import hmac
import json
from dataclasses import dataclass, field
from datetime import UTC

from django.db import transaction
from django.utils import timezone

from .chain import GENESIS, entry_hash
from .checkpoints import Checkpoint, CheckpointError, checkpoint_check, checkpoints_read
from .keys import Keyring, keyring
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
    ring = keyring()
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
        key=ring.current,
        key_id=ring.current_id,
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
        key_id=ring.current_id,
    )
    AuditHead.objects.filter(id=1).update(last_hash=digest, count=seq)
    return entry


def _recompute(entry: AuditEntry, key: bytes | None) -> str:
    """The seal this entry should carry under key (None: the legacy SHA-256 hash)."""
    return entry_hash(
        prev_hash=entry.prev_hash,
        seq=entry.seq,
        at=entry.at.astimezone(UTC),
        actor_id=entry.actor_id,
        actor_label=entry.actor_label,
        action=entry.action,
        object_type=entry.object_type,
        object_id=entry.object_id,
        detail=entry.detail,
        key=key,
        key_id=entry.key_id,
    )


def entry_seal_holds(entry: AuditEntry) -> bool:
    """Whether one entry's content matches its seal under the key it names."""
    if not entry.key_id:
        return _recompute(entry, None) == entry.hash
    key = keyring().key(entry.key_id)
    return key is not None and hmac.compare_digest(_recompute(entry, key), entry.hash)


def audit_key_rotate(*, actor=None) -> AuditEntry:
    """Seal new entries with a fresh key from now on; the rotation is the first entry it seals."""
    from .keys import keyring_rotate

    old_id, new_id = keyring_rotate()
    with transaction.atomic():
        return audit_record(
            actor=actor,
            action="audit.key_rotated",
            object_type="audit.key",
            object_id=new_id,
            detail={"previous_key_id": old_id, "key_id": new_id},
        )


@dataclass(frozen=True)
class VerifyResult:
    """Outcome of a chain verification, and how much of the chain the checkpoints prove."""

    ok: bool
    checked: int
    broken_seq: int | None = None
    reason: str = ""
    # Entries #1..legacy_through carry only the SHA-256 hash of ADR 3 (0: none).
    legacy_through: int = 0
    # Entries #1..proven_through match a signed checkpoint (0: none does).
    proven_through: int = 0
    proven_at: str = ""
    checkpoints: int = 0
    key_ids: tuple[str, ...] = field(default_factory=tuple)

    @property
    def unproven(self) -> tuple[int, int] | None:
        """The span after the last matching checkpoint, whose truncation could go unseen."""
        if self.checked > self.proven_through:
            return (self.proven_through + 1, self.checked)
        return None


@dataclass
class _Progress:
    """How far a verification walk has come."""

    checked: int = 0
    legacy: int = 0
    proven: int = 0
    proven_at: str = ""
    keys: list[str] = field(default_factory=list)

    def result(self, ok: bool, cps: int, broken_seq=None, reason: str = "") -> VerifyResult:
        """The walk's outcome as a VerifyResult."""
        return VerifyResult(
            ok,
            self.checked,
            broken_seq,
            reason,
            legacy_through=self.legacy,
            proven_through=self.proven,
            proven_at=self.proven_at,
            checkpoints=cps,
            key_ids=tuple(self.keys),
        )


class _Broken(Exception):
    def __init__(self, seq: int, reason: str) -> None:
        super().__init__(reason)
        self.seq = seq
        self.reason = reason


def audit_verify(
    batch_size: int = 2000, checkpoints: list[Checkpoint] | None = None
) -> VerifyResult:
    """Walk the whole chain, check each seal and the checkpoints; report the first that fails.

    `checkpoints` defaults to the checkpoint file; pass others (from an archival package or
    an e-mail) to check against those instead.
    """
    progress = _Progress()
    try:
        cps = checkpoints_read() if checkpoints is None else list(checkpoints)
        for checkpoint in cps:
            checkpoint_check(checkpoint)
    except CheckpointError as exc:
        return VerifyResult(False, 0, None, f"checkpoint not trustworthy: {exc}")
    try:
        _walk(batch_size, cps, progress)
    except _Broken as broken:
        return progress.result(False, len(cps), broken.seq, broken.reason)
    return progress.result(True, len(cps))


#: How often a walk goes on from where it stopped when entries arrived while it ran.
CATCH_UP_PASSES = 20


@dataclass
class _Cursor:
    """Where a walk stands: the seal it expects the next entry to link to, and its number."""

    prev: str = GENESIS
    expected_seq: int = 1
    keyed: bool = False


def _walk(batch_size: int, cps: list[Checkpoint], progress: _Progress) -> None:
    """Check seals, links, sequence, checkpoints and head; raise _Broken at a fault.

    Entries keep being appended while a long walk runs (the trail is live), so the head read
    after a pass may be ahead of the entries that pass saw. The walk then goes on from where
    it stopped; only a head that the entries cannot reach (they were removed) is a fault. A
    trail still growing after the last pass is judged up to where the walk got.
    """
    ring = keyring()
    by_seq: dict[int, list[Checkpoint]] = {}
    for checkpoint in cps:
        by_seq.setdefault(checkpoint.seq, []).append(checkpoint)
    # Checkpoints record how far the unkeyed span reached; rewriting keyed entries as unkeyed
    # ones (which a forger without the key could) must not pass as legacy.
    legacy_limit = min((c.legacy_through for c in cps), default=None)
    cursor = _Cursor()
    growing = False
    head = None
    for _ in range(CATCH_UP_PASSES):
        walked = 0
        entries = AuditEntry.objects.filter(seq__gte=cursor.expected_seq).order_by("seq")
        for entry in entries.iterator(chunk_size=batch_size):
            _check(entry, cursor, ring, legacy_limit, by_seq, progress)
            walked += 1
        head = _read_head()
        growing = head is not None and head.count > progress.checked and walked > 0
        if not growing:
            break
    beyond = [c for c in cps if c.seq >= cursor.expected_seq]
    if beyond:
        highest = max(beyond, key=lambda c: c.seq)
        raise _Broken(
            cursor.expected_seq,
            f"newest entries missing (deleted): the checkpoint of {highest.at} saw "
            f"#{highest.seq}, the chain ends at #{cursor.expected_seq - 1}",
        )
    if (
        head is not None
        and not growing
        and (head.last_hash != cursor.prev or head.count != progress.checked)
    ):
        raise _Broken(cursor.expected_seq, "newest entries missing (deleted)")


def _read_head() -> AuditHead | None:
    """The head row as it is now (read after each pass of a walk)."""
    return AuditHead.objects.filter(id=1).first()


def _check(
    entry: AuditEntry,
    cursor: _Cursor,
    ring: Keyring,
    legacy_limit: int | None,
    by_seq: dict[int, list[Checkpoint]],
    progress: _Progress,
) -> None:
    """Check one entry's number, link, key, seal and checkpoints; move the cursor past it."""
    if entry.seq != cursor.expected_seq:
        raise _Broken(cursor.expected_seq, "entry missing (deleted)")
    if entry.prev_hash != cursor.prev:
        raise _Broken(entry.seq, "link to the previous entry broken")
    if entry.key_id:
        key = ring.key(entry.key_id)
        if key is None:
            raise _Broken(entry.seq, f"sealed with the unknown key {entry.key_id!r}")
        if entry.key_id not in progress.keys:
            progress.keys.append(entry.key_id)
        cursor.keyed = True
    elif cursor.keyed:
        # Unkeyed entries may only precede the keyed ones: one after them is forged.
        raise _Broken(entry.seq, "unkeyed entry after keyed ones (forged)")
    elif legacy_limit is not None and entry.seq > legacy_limit:
        raise _Broken(entry.seq, f"unkeyed entry after the legacy span #1–#{legacy_limit} (forged)")
    else:
        key = None
        progress.legacy = entry.seq
    if not hmac.compare_digest(_recompute(entry, key), entry.hash):
        raise _Broken(entry.seq, "content does not match its seal")
    for checkpoint in by_seq.get(entry.seq, ()):
        if checkpoint.hash != entry.hash:
            raise _Broken(
                entry.seq,
                f"differs from the checkpoint of {checkpoint.at}: the chain was rewritten "
                f"between #{progress.proven + 1} and #{entry.seq}",
            )
        if entry.seq >= progress.proven:
            progress.proven = entry.seq
            progress.proven_at = checkpoint.at
    cursor.prev = entry.hash
    cursor.expected_seq += 1
    progress.checked += 1
