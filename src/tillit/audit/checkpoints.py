"""Signed checkpoints of the chain head, kept where the database cannot change them (ADR 8).

A checkpoint says "at this time the chain ended at entry #seq with this seal", signed with
the audit key. It is appended to a JSON-lines file in the archive store (0600, opened for
appending only), e-mailed to the archivists and copied into every archival package. Whoever
later rewrites or truncates the chain in the database cannot change those copies, so
`tillit audit verify` finds the disagreement.
"""

import hashlib
import hmac
import json
import os
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.db.models import Max
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from .chain import canonical_json
from .keys import keyring
from .models import AuditEntry

KIND = "tillit-audit-checkpoint"
VERSION = 1
MAX_LINE = 4096


class CheckpointError(ValueError):
    """A checkpoint that cannot be read or whose signature does not hold."""


@dataclass(frozen=True)
class Checkpoint:
    """The chain's newest entry at a moment, signed with the audit key."""

    seq: int
    hash: str
    at: str
    key_id: str
    mac: str
    reason: str = "schedule"
    # The last entry sealed before keys existed (ADR 8); any unkeyed entry after it is forged.
    legacy_through: int = 0

    def signed_fields(self) -> dict:
        """What the signature covers (the kind makes a checkpoint MAC unusable as an entry seal)."""
        return {
            "type": KIND,
            "v": VERSION,
            "seq": self.seq,
            "hash": self.hash,
            "at": self.at,
            "key_id": self.key_id,
            "reason": self.reason,
            "legacy_through": self.legacy_through,
        }

    def as_dict(self) -> dict:
        """The checkpoint as written to the file, the e-mail and the package."""
        return {"type": KIND, "v": VERSION, **asdict(self)}

    def as_line(self) -> str:
        """One JSON line."""
        return json.dumps(self.as_dict(), sort_keys=True, separators=(",", ":"))

    @property
    def when(self) -> datetime | None:
        """The checkpoint's time, parsed."""
        return parse_datetime(self.at)


def _mac(key: bytes, fields: dict) -> str:
    return hmac.new(key, canonical_json(fields), hashlib.sha256).hexdigest()


def checkpoint_path() -> Path:
    """The checkpoint file: TILLIT_AUDIT_CHECKPOINT_FILE, else in the archive store under media."""
    configured = str(getattr(settings, "TILLIT_AUDIT_CHECKPOINT_FILE", "") or "")
    if configured:
        return Path(configured)
    prefix = str(getattr(settings, "TILLIT_ARCHIVE_STORAGE_PREFIX", "archive")).strip("/")
    return Path(settings.MEDIA_ROOT) / prefix / "audit-checkpoints.jsonl"


def checkpoint_sign(
    *, seq: int, hash: str, legacy_through: int = 0, reason: str = "schedule"
) -> Checkpoint:
    """A checkpoint of entry #seq with this seal, signed now with the current key."""
    ring = keyring()
    unsigned = Checkpoint(
        seq=seq,
        hash=hash,
        at=timezone.now().astimezone(UTC).isoformat(timespec="seconds"),
        key_id=ring.current_id,
        mac="",
        reason=reason[:40],
        legacy_through=legacy_through,
    )
    return Checkpoint(**{**asdict(unsigned), "mac": _mac(ring.current, unsigned.signed_fields())})


def checkpoint_check(checkpoint: Checkpoint) -> None:
    """Raise CheckpointError unless the checkpoint's signature holds under a key we know."""
    key = keyring().key(checkpoint.key_id)
    if key is None:
        raise CheckpointError(
            f"checkpoint of #{checkpoint.seq} ({checkpoint.at}) is signed with the unknown key "
            f"{checkpoint.key_id!r}"
        )
    if not hmac.compare_digest(_mac(key, checkpoint.signed_fields()), checkpoint.mac):
        raise CheckpointError(
            f"checkpoint of #{checkpoint.seq} ({checkpoint.at}) has a signature that does not hold"
        )


def checkpoint_from_dict(data) -> Checkpoint:
    """Parse one checkpoint defensively (it comes from a file anyone with disk access can edit)."""
    if not isinstance(data, dict) or data.get("type") != KIND or data.get("v") != VERSION:
        raise CheckpointError("not a Tillit audit checkpoint")
    try:
        seq = data["seq"]
        if not isinstance(seq, int) or isinstance(seq, bool) or seq < 1:
            raise CheckpointError("checkpoint sequence is not a positive number")
        fields = {k: data[k] for k in ("hash", "at", "key_id", "mac")}
        if not all(isinstance(v, str) and len(v) <= 200 for v in fields.values()):
            raise CheckpointError("checkpoint fields are not short strings")
        reason = data.get("reason", "schedule")
        if not isinstance(reason, str):
            raise CheckpointError("checkpoint reason is not a string")
        legacy = data.get("legacy_through", 0)
        if not isinstance(legacy, int) or isinstance(legacy, bool) or not 0 <= legacy <= seq:
            raise CheckpointError("checkpoint legacy span is not a number within the chain")
    except KeyError as exc:
        raise CheckpointError(f"checkpoint lacks {exc}") from exc
    return Checkpoint(seq=seq, reason=reason[:40], legacy_through=legacy, **fields)


def checkpoints_parse(text: str, source: str = "") -> list[Checkpoint]:
    """Checkpoints from a JSON-lines file, a JSON list, or a package's checkpoint document."""
    label = f"{source}: " if source else ""
    stripped = text.strip()
    if not stripped:
        return []
    try:
        whole = json.loads(stripped)
    except ValueError:
        whole = None
    if isinstance(whole, dict) and "checkpoints" in whole:
        items = whole["checkpoints"]
    elif isinstance(whole, dict):
        items = [whole]
    elif isinstance(whole, list):
        items = whole
    else:
        items = []
        for number, line in enumerate(stripped.splitlines(), start=1):
            if not line.strip():
                continue
            if len(line) > MAX_LINE:
                raise CheckpointError(f"{label}line {number} is too long for a checkpoint")
            try:
                items.append(json.loads(line))
            except ValueError as exc:
                raise CheckpointError(f"{label}line {number} is not JSON") from exc
    if not isinstance(items, list):
        raise CheckpointError(f"{label}no list of checkpoints")
    result = []
    for number, item in enumerate(items, start=1):
        try:
            result.append(checkpoint_from_dict(item))
        except CheckpointError as exc:
            raise CheckpointError(f"{label}checkpoint {number}: {exc}") from exc
    return result


def checkpoints_read(path: Path | None = None) -> list[Checkpoint]:
    """The checkpoints in a file (the checkpoint file by default); none when it does not exist."""
    path = path or checkpoint_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    return checkpoints_parse(text, str(path))


def _append(path: Path, checkpoint: Checkpoint) -> None:
    """Append one line, creating the file 0600 (and its folder 0700), and flush it to disk."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(fd, (checkpoint.as_line() + "\n").encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)


def checkpoint_write(*, reason: str = "schedule", force: bool = False) -> Checkpoint | None:
    """Sign the newest entry and append it to the checkpoint file; None when nothing is new.

    The newest entry's own seal is checked first, so a forged entry at the head is never
    signed into a checkpoint.
    """
    newest = AuditEntry.objects.order_by("-seq").first()
    if newest is None:
        return None
    from .services import entry_seal_holds

    if not entry_seal_holds(newest):
        raise CheckpointError(f"the newest entry #{newest.seq} does not match its seal")
    path = checkpoint_path()
    existing = checkpoints_read(path)
    if not force and existing and existing[-1].seq == newest.seq:
        return None
    legacy = AuditEntry.objects.filter(key_id="").aggregate(last=Max("seq"))["last"] or 0
    checkpoint = checkpoint_sign(
        seq=newest.seq, hash=newest.hash, legacy_through=legacy, reason=reason
    )
    _append(path, checkpoint)
    return checkpoint


def checkpoints_since(when: datetime | None, checkpoints: Iterable[Checkpoint]) -> list[Checkpoint]:
    """The checkpoints from the last one at or before `when` onwards (all when `when` is None)."""
    ordered = sorted(checkpoints, key=lambda c: (c.at, c.seq))
    if when is None:
        return ordered
    start = 0
    for index, checkpoint in enumerate(ordered):
        at = checkpoint.when
        if at is not None and at <= when:
            start = index
    return ordered[start:]
