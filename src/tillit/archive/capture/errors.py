"""The one exception a capture raises when it cannot produce a complete result."""

from __future__ import annotations

from typing import Any


class CaptureFailed(Exception):
    """A capture did not complete; reason says why in words fit for a log or a user."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason
        # The request log up to the failure (LogEntry objects), so a caller can record what
        # the page tried to fetch and what was refused. Filled in by capture_page.
        self.log: list[Any] = []
