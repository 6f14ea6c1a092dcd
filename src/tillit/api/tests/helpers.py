"""Calling the API with a key, and putting an item in a channel."""

import json
from datetime import UTC, datetime

from django.test import Client

from tillit.inbox.models import Item
from tillit.moderation.tests.test_decisions import comment as moderation_comment

WHEN = datetime(2026, 11, 30, 11, 0, tzinfo=UTC)


def call(method: str, path: str, key: str | None = None, **kwargs):
    """One API call with ``Authorization: Bearer <key>`` (or none)."""
    headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"} if key else {}
    if "json" in kwargs:
        kwargs["data"] = json.dumps(kwargs.pop("json"))
        kwargs["content_type"] = "application/json"
    return getattr(Client(), method.lower())(path, **headers, **kwargs)


def comment(channel, pid: str, text: str, when=WHEN) -> Item:
    """A public comment ingested the way a connector delivers it, assessed; its own author."""
    return moderation_comment(channel, pid, text, author=f"u-{pid}", when=when)
