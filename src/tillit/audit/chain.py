"""The seal of an audit entry over the previous seal and the entry's canonical JSON.

Keyed entries (ADR 8) are sealed with HMAC-SHA256 under a key kept outside the database,
and the key's id is part of what is sealed. Entries written before keys existed keep their
plain SHA-256 hash (ADR 3); they are recognised by an empty key id.
"""

import hashlib
import hmac
import json
from datetime import datetime

GENESIS = "0" * 64


def entry_hash(
    *,
    prev_hash: str,
    seq: int,
    at: datetime,
    actor_id: int | None,
    actor_label: str,
    action: str,
    object_type: str,
    object_id: str,
    detail: dict,
    key: bytes | None = None,
    key_id: str = "",
) -> str:
    """Seal one entry's fields together with the seal before it (SHA-256 when key is None)."""
    fields = {
        "prev": prev_hash,
        "seq": seq,
        "at": at.isoformat(timespec="microseconds"),
        "actor_id": actor_id,
        "actor": actor_label,
        "action": action,
        "object_type": object_type,
        "object_id": object_id,
        "detail": detail,
    }
    if key is not None:
        fields["key_id"] = key_id
    canonical = canonical_json(fields)
    if key is None:
        return hashlib.sha256(canonical).hexdigest()
    return hmac.new(key, canonical, hashlib.sha256).hexdigest()


def canonical_json(data: dict) -> bytes:
    """The one byte form of a dict that is sealed: sorted keys, no spaces, UTF-8."""
    return json.dumps(
        data, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str
    ).encode("utf-8")
