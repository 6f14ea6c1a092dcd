"""Capturing a public web page as PNG, PDF, WARC and WACZ with checksums (no Django imports)."""

from tillit.core.net.guard import FetchGuard, LogEntry
from tillit.core.net.policy import FetchPolicy, Refused, check_url

from .engine import CaptureResult, capture_page
from .errors import CaptureFailed
from .manifest import Mismatch, verify_manifest

__all__ = [
    "CaptureFailed",
    "CaptureResult",
    "FetchGuard",
    "FetchPolicy",
    "LogEntry",
    "Mismatch",
    "Refused",
    "capture_page",
    "check_url",
    "verify_manifest",
]
