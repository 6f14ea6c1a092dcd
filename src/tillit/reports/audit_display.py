"""Audit entries as a person reads them: labels for the codes, the seal's mark, links, and the
detail as short key–value pairs.

The detail is JSON written by Tillit, but it may quote a platform or the public (a channel's
name, a reply, a reason), so it is bounded here and escaped by the template like any text.
"""

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.dateparse import parse_datetime
from django.utils.formats import number_format
from django.utils.translation import gettext

from tillit.audit.models import AuditEntry
from tillit.audit.services import entry_seal_holds

from . import audit_labels as labels
from .selectors_audit import ObjectPage

#: A detail shows at most this many keys, each this long, each value this long.
DETAIL_KEYS = 40
KEY_LENGTH = 80
VALUE_LENGTH = 600
ELLIPSIS = "…"


@dataclass(frozen=True)
class DetailItem:
    """One key of an entry's detail and its value as text."""

    key: str
    value: str


@dataclass(frozen=True)
class AuditRow:
    """One entry with everything its row shows."""

    entry: AuditEntry
    who: str
    what: str
    object_label: str
    #: The object's history in the trail (its kind, when the entry names no id).
    history_url: str
    #: The object's own page, where it has one and the reader may open it.
    page: ObjectPage | None
    seal_holds: bool
    detail: list[DetailItem]
    detail_cut: bool


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + ELLIPSIS


def _as_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def detail_items(detail: Any) -> tuple[list[DetailItem], bool]:
    """The detail as (key, value) pairs, bounded; True when keys were left out."""
    if not isinstance(detail, dict):
        return ([DetailItem("", _clip(_as_text(detail), VALUE_LENGTH))] if detail else []), False
    items = [
        DetailItem(_clip(str(key), KEY_LENGTH), _clip(_as_text(value), VALUE_LENGTH))
        for key, value in list(detail.items())[:DETAIL_KEYS]
    ]
    return items, len(detail) > DETAIL_KEYS


def object_label(entry: AuditEntry) -> str:
    """The kind of object and its id: "Kanal 12"."""
    kind = labels.object_type_label(entry.object_type)
    if not entry.object_id:
        return kind
    return gettext("%(kind)s %(id)s") % {"kind": kind, "id": entry.object_id}


def history_url(entry: AuditEntry) -> str:
    """Where the object's entries are listed: its history, or the trail filtered by kind."""
    if entry.object_id and "/" not in entry.object_id and "/" not in entry.object_type:
        return reverse(
            "reports:audit_object",
            kwargs={"object_type": entry.object_type, "object_id": entry.object_id},
        )
    if entry.object_type:
        return (
            reverse("reports:audit_entries") + "?" + urlencode({"object_type": entry.object_type})
        )
    return ""


def audit_rows(
    entries: list[AuditEntry],
    pages: dict[tuple[str, str], ObjectPage],
    *,
    with_detail: bool = False,
) -> list[AuditRow]:
    """Rows for a page of entries; each seal is checked (an HMAC, no query)."""
    rows = []
    for entry in entries:
        detail, cut = detail_items(entry.detail) if with_detail else ([], False)
        rows.append(
            AuditRow(
                entry=entry,
                who=labels.actor_label(actor_id=entry.actor_id, actor_label=entry.actor_label),
                what=labels.action_label(entry.action),
                object_label=object_label(entry),
                history_url=history_url(entry),
                page=pages.get((entry.object_type, entry.object_id)),
                seal_holds=entry_seal_holds(entry),
                detail=detail,
                detail_cut=cut,
            )
        )
    return rows


@dataclass(frozen=True)
class ChainStatus:
    """The chain's last recorded verification, as the trail's page tells it."""

    #: The entry that recorded it; None when the chain was never verified from the page.
    entry: AuditEntry | None = None
    #: Whether that entry's own seal holds (a forged "all is well" must not pass as one).
    seal_holds: bool = False
    ok: bool = False
    checked: int = 0
    broken_seq: int | None = None
    reason: str = ""
    took: str = ""
    legacy_through: int = 0
    proven_through: int = 0
    proven_at: datetime | None = None
    #: Entries recorded after the last one the verification reached.
    unverified: int = 0
    running: bool = False
    who: str = ""


def duration_text(seconds: float) -> str:
    """How long a walk took, in words: "less than a second", "12.5 s", "3 min 20 s"."""
    if seconds < 1:
        return gettext("less than a second")
    if seconds < 60:
        return gettext("%(seconds)s s") % {"seconds": number_format(round(seconds, 1))}
    minutes, rest = divmod(round(seconds), 60)
    return gettext("%(minutes)s min %(seconds)s s") % {"minutes": minutes, "seconds": rest}


def _number(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else 0


def _moment(value: Any) -> datetime | None:
    try:
        return parse_datetime(value[:40]) if isinstance(value, str) else None
    except ValueError:
        return None


def chain_status(entry: AuditEntry | None, *, newest_seq: int, running: bool) -> ChainStatus:
    """Read a verification's entry defensively: its detail is data like any other."""
    if entry is None:
        return ChainStatus(unverified=newest_seq, running=running)
    detail = entry.detail if isinstance(entry.detail, dict) else {}
    checked = _number(detail.get("checked"))
    ok = detail.get("ok") is True
    broken = _number(detail.get("broken_seq")) or None
    seconds = detail.get("seconds")
    proven_at = detail.get("proven_at")
    return ChainStatus(
        entry=entry,
        seal_holds=entry_seal_holds(entry),
        ok=ok,
        checked=checked,
        broken_seq=None if ok else broken,
        reason="" if ok else labels.verify_reason_label(str(detail.get("reason", ""))),
        took=duration_text(float(seconds)) if isinstance(seconds, int | float) else "",
        legacy_through=_number(detail.get("legacy_through")),
        proven_through=_number(detail.get("proven_through")),
        proven_at=_moment(proven_at),
        # The verification's own entry came after the walk and is not counted as unverified.
        unverified=max(newest_seq - checked - (1 if entry.seq > checked else 0), 0),
        running=running,
        who=labels.actor_label(actor_id=entry.actor_id, actor_label=entry.actor_label),
    )
