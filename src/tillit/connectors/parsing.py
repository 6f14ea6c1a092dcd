"""Defensive readers for hostile platform payloads: each failure names where and why."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from tillit.core.links import web_url
from tillit.core.messages import Message, foreign
from tillit.core.messages import marked as _

from .errors import PayloadError

_BAD_CURSOR = Message(_("The saved reading position is not one this connector wrote."))


def _missing(where: str, key: str) -> Message:
    """A required field absent from a platform answer (``where`` is the path in the answer)."""
    return Message(
        _("%(where)s: the field %(key)s is missing."), where=foreign(where), key=foreign(key)
    )


def _wrong(where: str, expected: Any, value: Any) -> Message:
    """A field of the wrong JSON type."""
    return Message(
        _("%(where)s: expected %(expected)s, got %(got)s."),
        where=foreign(where),
        expected=Message(expected),
        got=foreign(type(value).__name__),
    )


# Identifiers end up in URLs we build; refuse anything that could change the path.
_SAFE_ID = re.compile(r"^[A-Za-z0-9_.:\-]{1,200}$")


def obj(value: Any, where: str) -> Mapping[str, Any]:
    """``value`` as a JSON object."""
    if not isinstance(value, Mapping):
        raise PayloadError(_wrong(where, _("an object"), value))
    return value


def field_obj(data: Mapping[str, Any], key: str, where: str) -> Mapping[str, Any]:
    """A required object field."""
    if key not in data:
        raise PayloadError(_missing(where, key))
    return obj(data[key], f"{where}.{key}")


def opt_obj(data: Mapping[str, Any], key: str, where: str) -> Mapping[str, Any] | None:
    """An optional object field (absent or null gives None)."""
    value = data.get(key)
    return None if value is None else obj(value, f"{where}.{key}")


def field_list(
    data: Mapping[str, Any], key: str, where: str, *, required: bool = True
) -> list[Any]:
    """A list field; absent gives [] unless required."""
    if key not in data or data[key] is None:
        if required:
            raise PayloadError(_missing(where, key))
        return []
    value = data[key]
    if not isinstance(value, list):
        raise PayloadError(_wrong(f"{where}.{key}", _("a list"), value))
    return value


def field_str(data: Mapping[str, Any], key: str, where: str) -> str:
    """A required string field (may be empty)."""
    if key not in data:
        raise PayloadError(_missing(where, key))
    value = data[key]
    if not isinstance(value, str):
        raise PayloadError(_wrong(f"{where}.{key}", _("a string"), value))
    return value


def opt_str(data: Mapping[str, Any], key: str, where: str) -> str | None:
    """An optional string field (absent or null gives None)."""
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise PayloadError(_wrong(f"{where}.{key}", _("a string"), value))
    return value


def opt_web_url(data: Mapping[str, Any], key: str, where: str) -> str | None:
    """An optional address kept only when it is absolute http(s); anything else gives None."""
    return web_url(opt_str(data, key, where)) or None


def field_id(data: Mapping[str, Any], key: str, where: str) -> str:
    """A required identifier; platforms send ids as strings or integers."""
    if key not in data:
        raise PayloadError(_missing(where, key))
    return as_id(data[key], f"{where}.{key}")


def opt_id(data: Mapping[str, Any], key: str, where: str) -> str | None:
    """An optional identifier."""
    value = data.get(key)
    return None if value is None else as_id(value, f"{where}.{key}")


def as_id(value: Any, where: str) -> str:
    """Coerce an id (string or non-bool integer) to a string."""
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise PayloadError(_wrong(where, _("an id"), value))
    text = str(value)
    if not text:
        raise PayloadError(Message(_("%(where)s: the id is empty."), where=foreign(where)))
    return text


def opt_bool(data: Mapping[str, Any], key: str, where: str) -> bool | None:
    """An optional boolean field."""
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, bool):
        raise PayloadError(_wrong(f"{where}.{key}", _("true or false"), value))
    return value


def opt_int(data: Mapping[str, Any], key: str, where: str) -> int | None:
    """An optional non-negative integer (numeric strings accepted: YouTube sends them)."""
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, str) and value.isdigit():
        return int(value)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise PayloadError(_wrong(f"{where}.{key}", _("a non-negative integer"), value))
    return value


def parse_time(value: Any, where: str) -> datetime:
    """A timezone-aware datetime from ISO 8601 (incl. Graph's ``+0000``) text."""
    if not isinstance(value, str) or not value:
        raise PayloadError(_wrong(where, _("a timestamp"), value))
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    # Graph API writes offsets without a colon: 2024-05-02T08:15:00+0000.
    match = re.match(r"^(.*[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)([+-]\d{2})(\d{2})$", text)
    if match:
        text = f"{match.group(1)}{match.group(2)}:{match.group(3)}"
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        raise PayloadError(
            Message(
                _("%(where)s: %(value)s is not an ISO 8601 timestamp."),
                where=foreign(where),
                value=foreign(value[:40]),
            )
        ) from None
    if parsed.tzinfo is None:
        raise PayloadError(
            Message(
                _("%(where)s: the timestamp %(value)s has no time zone."),
                where=foreign(where),
                value=foreign(value[:40]),
            )
        )
    return parsed


def field_time(data: Mapping[str, Any], key: str, where: str) -> datetime:
    """A required timestamp field."""
    if key not in data:
        raise PayloadError(_missing(where, key))
    return parse_time(data[key], f"{where}.{key}")


def opt_time(data: Mapping[str, Any], key: str, where: str) -> datetime | None:
    """An optional timestamp field."""
    value = data.get(key)
    return None if value is None else parse_time(value, f"{where}.{key}")


def from_epoch(value: Any, where: str, *, millis: bool = False) -> datetime:
    """A UTC datetime from epoch seconds (or milliseconds)."""
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise PayloadError(_wrong(where, _("a number of seconds since 1970"), value))
    seconds = value / 1000 if millis else value
    try:
        return datetime.fromtimestamp(seconds, tz=UTC)
    except (OverflowError, OSError, ValueError):
        raise PayloadError(
            Message(_("%(where)s: the time is out of range."), where=foreign(where))
        ) from None


def safe_id(value: str, what: str = "id") -> str:
    """Refuse ids that could change the URL they are put into (``/``, ``?``, ``..``)."""
    if not isinstance(value, str) or not _SAFE_ID.match(value) or ".." in value:
        raise ValueError(f"unsafe {what}: {str(value)[:60]!r}")
    return value


def encode_cursor(state: Mapping[str, Any]) -> str:
    """Serialise connector state into the opaque cursor string the inbox stores."""
    return json.dumps(state, sort_keys=True, separators=(",", ":"))


def decode_cursor(cursor: str | None) -> dict[str, Any]:
    """Read a cursor written by ``encode_cursor``; None or garbage gives a clear error."""
    if cursor is None:
        return {}
    try:
        state = json.loads(cursor)
    except ValueError:
        raise PayloadError(_BAD_CURSOR) from None
    if not isinstance(state, dict):
        raise PayloadError(_BAD_CURSOR)
    return state


def cursor_epoch(state: dict[str, Any], key: str = "since") -> int | None:
    """An epoch-seconds position from a decoded cursor; anything else is a clear error."""
    value = state.get(key)
    if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
        raise PayloadError(_BAD_CURSOR)
    return value
