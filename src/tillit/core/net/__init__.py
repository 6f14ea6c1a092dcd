"""The one way out: every outgoing request Tillit makes is checked and pinned here (SSRF guard)."""

from .guard import FetchGuard, LimitExceeded, LogEntry
from .policy import FetchPolicy, Refused, Target, check_url

__all__ = [
    "FetchGuard",
    "FetchPolicy",
    "LimitExceeded",
    "LogEntry",
    "Refused",
    "Target",
    "check_url",
]
