"""The archive's settings, read at call time so tests and deployments can change them."""

from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings

from .capture import FetchPolicy


def capture_policy() -> FetchPolicy:
    """What a capture may fetch: public addresses only, plus TILLIT_CAPTURE_ALLOW_PRIVATE."""
    allow: Iterable[str] = (
        getattr(settings, "TILLIT_CAPTURE_ALLOW_PRIVATE", frozenset()) or frozenset()
    )
    return FetchPolicy(allow_private=frozenset(allow), max_bytes=capture_max_bytes())


def capture_timeout_s() -> float:
    """How long loading and rendering a page may take."""
    return float(getattr(settings, "TILLIT_CAPTURE_TIMEOUT_S", 90))


def capture_max_bytes() -> int:
    """The most a page may download, and the most a capture's files may weigh."""
    return int(getattr(settings, "TILLIT_CAPTURE_MAX_BYTES", 200 * 1024 * 1024))


def chromium_path() -> str:
    """The Chromium executable the engine drives (Debian's package by default)."""
    return str(getattr(settings, "TILLIT_CHROMIUM", "/usr/bin/chromium"))


def overdue_grace() -> timedelta:
    """How long after its due time a missing capture counts as overdue."""
    return timedelta(days=int(getattr(settings, "TILLIT_CAPTURE_OVERDUE_GRACE_DAYS", 14)))


def retry_after() -> timedelta:
    """How long a failed scheduled capture waits before the schedule tries again."""
    return timedelta(hours=float(getattr(settings, "TILLIT_CAPTURE_RETRY_HOURS", 24)))


def stale_after() -> timedelta:
    """A capture still "running" after this long lost its worker and is marked failed."""
    return timedelta(seconds=capture_timeout_s() * 4 + 600)


def storage_prefix() -> str:
    """Where in the default storage the archive keeps its files."""
    return str(getattr(settings, "TILLIT_ARCHIVE_STORAGE_PREFIX", "archive")).strip("/")
