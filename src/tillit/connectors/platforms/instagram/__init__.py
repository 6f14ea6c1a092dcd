"""Instagram connector (Graph API)."""

from .connector import InstagramConnector

__all__ = ["InstagramConnector"]
