"""Facebook Page connector (Graph API)."""

from .connector import FacebookConnector

__all__ = ["FacebookConnector"]
