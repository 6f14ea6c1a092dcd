"""Ingest: store what a connector returned, idempotently, completely, before anyone acts.

Invariants:
- (channel, platform id) identifies an item; ingesting the same item again changes nothing.
- An edit on the platform keeps the old text and payload as an ItemVersion.
- `received_at` is the arrival time on the platform, as the connector reports it.
- An item counts as captured only when its text, raw payload and every attachment's
  record are stored; removing actions check that (capture before action).
"""

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from tillit.channels.models import Channel
from tillit.connectors.base import InboundItem

from ..choices import ItemKind, ItemStatus
from ..models import Attachment, Author, Item, ItemVersion

logger = logging.getLogger(__name__)

MAX_TEXT = 100_000  # a platform's longest post is far below; longer is hostile

#: Called with each newly stored or changed item inside the ingest transaction
#: (moderation registers here to assess it).
_after_ingest: list[Callable[[Item, bool], None]] = []


def on_item_ingested(hook: Callable[[Item, bool], None]) -> None:
    """Register a function run for each new (True) or edited (False) item."""
    _after_ingest.append(hook)


@dataclass
class IngestResult:
    """How many items were new, edited, or already known."""

    created: int = 0
    edited: int = 0
    unchanged: int = 0


def _author(inbound: InboundItem, platform: str) -> Author:
    a = inbound.author
    author, created = Author.objects.get_or_create(
        platform=platform,
        platform_id=a.platform_id[:300],
        defaults={
            "display_name": (a.display_name or "")[:300],
            "handle": (a.handle or "")[:300],
            "profile_url": (a.profile_url or "")[:1000],
        },
    )
    if not created and (
        author.display_name != (a.display_name or "")[:300]
        or author.handle != (a.handle or "")[:300]
    ):
        # Keep the latest display; each item's raw payload keeps what was shown then.
        author.display_name = (a.display_name or "")[:300]
        author.handle = (a.handle or "")[:300]
        author.save(update_fields=["display_name", "handle"])
    return author


def _needs_attention(kind: str, is_own: bool) -> str:
    if is_own:
        return ItemStatus.HANDLED
    return ItemStatus.NEW


@transaction.atomic
def ingest_items(
    *, channel: Channel, items: Iterable[InboundItem], own_account_id: str = ""
) -> IngestResult:
    """Store every item; new ones are captured, edits versioned, repeats ignored."""
    result = IngestResult()
    platform = channel.platform.slug
    for inbound in items:
        if len(inbound.text) > MAX_TEXT:
            raise ValueError(f"item {inbound.platform_id[:40]!r}: text over {MAX_TEXT} characters")
        is_own = inbound.kind == ItemKind.OWN_POST or (
            bool(own_account_id) and inbound.author.platform_id == own_account_id
        )
        existing = (
            Item.objects.select_for_update()
            .filter(channel=channel, platform_id=inbound.platform_id)
            .first()
        )
        if existing is None:
            item = _create(channel, inbound, platform, is_own)
            result.created += 1
            new = True
        elif existing.text != inbound.text:
            item = _new_version(existing, inbound)
            result.edited += 1
            new = False
        else:
            result.unchanged += 1
            continue
        for hook in _after_ingest:
            hook(item, new)
    return result


def _create(channel: Channel, inbound: InboundItem, platform: str, is_own: bool) -> Item:
    parent = None
    if inbound.parent_platform_id:
        parent = Item.objects.filter(
            channel=channel, platform_id=inbound.parent_platform_id
        ).first()
    item = Item.objects.create(
        channel=channel,
        platform_id=inbound.platform_id[:300],
        kind=str(inbound.kind),
        is_public=inbound.is_public,
        text=inbound.text,
        text_format=str(inbound.text_format),
        author=_author(inbound, platform),
        is_own=is_own,
        received_at=inbound.received_at,
        edited_at=inbound.edited_at,
        parent_platform_id=(inbound.parent_platform_id or "")[:300],
        thread_platform_id=(inbound.thread_platform_id or "")[:300],
        parent=parent,
        permalink=(inbound.permalink or "")[:1000],
        raw=dict(inbound.raw),
        is_hidden=bool(inbound.is_hidden),
        status=_needs_attention(str(inbound.kind), is_own),
    )
    Attachment.objects.bulk_create(
        Attachment(
            item=item,
            url=a.url[:2000],
            media_type=(a.media_type or "")[:200],
            name=(a.name or "")[:300],
            size=a.size,
        )
        for a in inbound.attachments
    )
    if not inbound.attachments:
        item.capture_complete = True
        item.captured_at = timezone.now()
        item.save(update_fields=["capture_complete", "captured_at"])
    # With attachments, the capture completes when the background fetch has settled each one.
    # Replies that arrived before their parent are linked now.
    Item.objects.filter(
        channel=channel, parent_platform_id=item.platform_id, parent__isnull=True
    ).update(parent=item)
    if inbound.attachments:
        from ..tasks import fetch_attachments

        item_id = item.pk
        transaction.on_commit(lambda: fetch_attachments.enqueue(item_id))
    return item


def _new_version(item: Item, inbound: InboundItem) -> Item:
    ItemVersion.objects.create(
        item=item, version=item.version, text=item.text, raw=item.raw, edited_at=item.edited_at
    )
    item.version += 1
    item.text = inbound.text
    item.raw = dict(inbound.raw)
    item.edited_at = inbound.edited_at or timezone.now()
    if item.status == ItemStatus.HANDLED and not item.is_own:
        item.status = ItemStatus.NEW  # an edited comment is looked at again
    item.save(update_fields=["version", "text", "raw", "edited_at", "status"])
    return item


@transaction.atomic
def items_mark_removed_by_platform(*, channel: Channel, platform_ids: Iterable[str]) -> int:
    """Mark items the platform no longer has; they are kept, never dropped."""
    return Item.objects.filter(
        channel=channel, platform_id__in=list(platform_ids), removed_by_platform_at__isnull=True
    ).update(removed_by_platform_at=timezone.now())
