"""Capturing a public web page as PNG, PDF, WARC and WACZ with checksums (no Django imports)."""

from .engine import CaptureResult, capture_page
from .errors import CaptureFailed
from tillit.core.net.guard import FetchGuard, LogEntry
from .manifest import Mismatch, verify_manifest
from tillit.core.net.policy import FetchPolicy, Refused, check_url

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
