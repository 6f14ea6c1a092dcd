"""Mastodon connector (Mastodon.py)."""

from .connector import MastodonConnector

__all__ = ["MastodonConnector"]
