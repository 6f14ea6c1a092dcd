"""Bluesky connector (XRPC)."""

from .connector import BlueskyConnector

__all__ = ["BlueskyConnector"]
