"""YouTube connector (Data API v3)."""

from .connector import YouTubeConnector

__all__ = ["YouTubeConnector"]
