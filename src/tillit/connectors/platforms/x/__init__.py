"""X connector (API v2)."""

from .connector import XConnector

__all__ = ["XConnector"]
