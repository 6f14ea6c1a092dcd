"""Builders for records and retention tests: items ingested through the inbox's own service."""

from datetime import datetime, timedelta

from django.utils import timezone

from tillit.connectors.base import Attachment, Author, InboundItem, ItemKind
from tillit.inbox.services.ingest import ingest_items
from tillit.testing import committed

_counter = {"n": 0}


def ingest(
    channel,
    text: str,
    *,
    kind: ItemKind = ItemKind.COMMENT,
    author=("501", "Anna Lindberg"),
    received_at: datetime | None = None,
    thread: str | None = None,
    attachments: tuple[Attachment, ...] = (),
    own_account_id: str = "",
):
    """Ingest one item and return it."""
    from tillit.inbox.models import Item

    _counter["n"] += 1
    platform_id = f"t-{_counter['n']}-{timezone.now().timestamp()}"
    inbound = InboundItem(
        platform_id=platform_id,
        kind=kind,
        is_public=kind != ItemKind.DIRECT_MESSAGE,
        text=text,
        author=Author(platform_id=author[0], display_name=author[1]),
        received_at=received_at or timezone.now(),
        thread_platform_id=thread,
        attachments=attachments,
    )
    with committed():  # the search index and case hooks run after the item's commit
        ingest_items(channel=channel, items=[inbound], own_account_id=own_account_id)
    return Item.objects.get(channel=channel, platform_id=platform_id)


def days_ago(n: int) -> datetime:
    """A moment n days back."""
    return timezone.now() - timedelta(days=n)
