"""Reach and engagement figures for the simulated accounts: made up, but the same every run.

A figure is drawn from a hash of what it is about (an account and a day, a post), so a
report over the demo shows plausible numbers that do not change between starts.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime, timedelta


def figure(*about: object, low: int, high: int) -> int:
    """A number from ``low`` to ``high``, always the same for the same ``about``."""
    digest = hashlib.sha256("|".join(str(part) for part in about).encode()).digest()
    return low + int.from_bytes(digest[:8], "big") % (high - low + 1)


def days(since: float, until: float) -> list[date]:
    """The days (UTC) a [since, until) span of epoch seconds touches, at most 400."""
    first = datetime.fromtimestamp(since, UTC).date()
    last = datetime.fromtimestamp(max(since, until - 1), UTC).date()
    count = min(400, (last - first).days + 1)
    return [first + timedelta(days=n) for n in range(max(0, count))]
