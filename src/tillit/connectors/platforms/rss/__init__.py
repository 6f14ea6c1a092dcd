"""RSS/Atom connector (feedparser)."""

from .connector import RssConnector

__all__ = ["RssConnector"]
