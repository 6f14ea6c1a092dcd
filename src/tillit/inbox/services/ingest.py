"""Ingest: store what a connector returned, idempotently, completely, before anyone acts.

Invariants:
- (channel, platform id) identifies an item; ingesting the same item again changes nothing.
  Ids are compared and stored whole: an id too long for its column is refused, never cut.
- Each item is stored in its own short transaction; an item that cannot be stored is
  recorded as an IngestProblem (reason and raw payload) and the batch goes on.
- Subscribers (registry store "ingest_subscribers": moderation's assessment and automatic
  hiding, records' search index) run as tasks enqueued on commit, one per item version and
  subscriber, and are idempotent; until the assessment has run the item is "not assessed".
- An edit on the platform keeps the old text and payload as an ItemVersion.
- `received_at` is the arrival time on the platform, as the connector reports it.
- An item counts as captured only when its text, raw payload and every attachment's
  record are stored; removing actions check that (capture before action).
"""

import json
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Min
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tillit.channels.models import Channel
from tillit.connectors.base import FetchResult, InboundItem, Rejected
from tillit.core.messages import Message, foreign
from tillit.core.registry import registry

from ..choices import ItemKind, ItemStatus
from ..models import Attachment, Author, IngestProblem, Item, ItemVersion
from .problems import ingest_problem_record
from .response_times import note_reply

logger = logging.getLogger(__name__)

MAX_TEXT = 100_000  # a platform's longest post is far below; longer is stored cut and flagged
MAX_ID = 300  # the id columns' size: a longer id is refused, never cut (cut ids collide)
# NUL and lone surrogates cannot be stored as text (PostgreSQL refuses NUL, UTF-8 refuses
# surrogates); shown text gets U+FFFD in their place and the raw payload keeps the original.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
SUBSCRIBER_STORE = "ingest_subscribers"


@dataclass
class IngestResult:
    """How many items were new, edited, already known, refused, or stored shortened."""

    created: int = 0
    edited: int = 0
    unchanged: int = 0
    rejected: int = 0
    truncated: int = 0

    def add(self, other: "IngestResult") -> None:
        """Add another result's counts to this one."""
        for name in ("created", "edited", "unchanged", "rejected", "truncated"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


class ItemRefused(ValueError):
    """An inbound item that cannot be stored as the platform's record of it; the message says why."""


def _clean(text: str | None) -> str:
    return _UNSTORABLE.sub("\ufffd", text or "")


def _check_id(value: Any, what: Any, *, required: bool = True) -> str:
    if value is None or value == "":
        if required:
            raise ItemRefused(Message(_("%(field)s is missing."), field=what))
        return ""
    if not isinstance(value, str):
        raise ItemRefused(Message(_("%(field)s is not text."), field=what))
    if len(value) > MAX_ID:
        raise ItemRefused(
            Message(
                _("%(field)s has %(length)s characters, over the limit of %(limit)s."),
                field=what,
                length=len(value),
                limit=MAX_ID,
            )
        )
    if not value.isprintable():
        raise ItemRefused(
            Message(_("%(field)s contains control or invalid characters."), field=what)
        )
    return value


def _storable_raw(raw: Any) -> dict:
    """The payload as stored: itself, or wrapped as JSON text when the database would refuse it."""
    data = dict(raw)
    try:
        text = json.dumps(data, ensure_ascii=False, default=str)
        text.encode("utf-8")
    except UnicodeEncodeError:
        return {"tillit_raw_json": json.dumps(data, default=str)}
    if "\\u0000" in text:
        return {"tillit_raw_json": json.dumps(data, default=str)}
    return data


def check_inbound(inbound: InboundItem) -> None:
    """Refuse an item whose identifying fields cannot be stored whole; says which and why."""
    _check_id(inbound.platform_id, Message(_("platform id")))
    _check_id(inbound.author.platform_id, Message(_("author id")))
    _check_id(inbound.parent_platform_id, Message(_("parent id")), required=False)
    _check_id(inbound.thread_platform_id, Message(_("thread id")), required=False)
    if str(inbound.kind) not in ItemKind.values:
        raise ItemRefused(
            Message(_("The kind %(kind)s is unknown."), kind=foreign(str(inbound.kind)[:30]))
        )
    if not isinstance(inbound.text, str):
        raise ItemRefused(Message(_("%(field)s is not text."), field=Message(_("text"))))


def _author(inbound: InboundItem, platform: str) -> Author:
    a = inbound.author
    name, handle, url = _clean(a.display_name), _clean(a.handle), _clean(a.profile_url)
    author, created = Author.objects.get_or_create(
        platform=platform,
        platform_id=a.platform_id,
        defaults={"display_name": name, "handle": handle, "profile_url": url},
    )
    if not created:
        # Keep the latest name the platform gave; an item without one (every Messenger
        # webhook) must not blank it. Each item keeps its own name in `author_name`.
        changed = {
            field: value
            for field, value in (("display_name", name), ("handle", handle), ("profile_url", url))
            if value and getattr(author, field) != value
        }
        if changed:
            Author.objects.filter(pk=author.pk).update(**changed)
            for field, value in changed.items():
                setattr(author, field, value)
    return author


def _needs_attention(kind: str, is_own: bool) -> str:
    if is_own:
        return ItemStatus.HANDLED
    return ItemStatus.NEW


def _announce(item_id: int, version: int) -> None:
    """Enqueue each ingest subscriber for one stored item version (runs on commit)."""
    from ..tasks import run_ingest_subscriber

    for name in registry.store(SUBSCRIBER_STORE):
        run_ingest_subscriber.enqueue(name, item_id, version)


def ingest_items(
    *,
    channel: Channel,
    items: Iterable[InboundItem],
    own_account_id: str = "",
    source: str = IngestProblem.Source.OTHER,
) -> IngestResult:
    """Store every item, each in its own short transaction; one bad item never stops the rest.

    New items are captured, edits versioned, repeats ignored. An item that cannot be stored
    is recorded as an IngestProblem with its reason and payload. The subscribers (the
    assessment, the search index) run as tasks after each item's commit.
    """
    result = IngestResult()
    platform = channel.platform.slug
    for inbound in items:
        result.add(_ingest_guarded(channel, inbound, platform, own_account_id, source))
    return result


def ingest_batch(
    *, channel: Channel, fetched: FetchResult, own_account_id: str = "", source: str
) -> IngestResult:
    """Ingest what a connector read: its items, the entries it could not read, its removals."""
    result = ingest_items(
        channel=channel, items=fetched.items, own_account_id=own_account_id, source=source
    )
    for rejected in fetched.rejected:
        ingest_rejected(channel=channel, rejected=rejected, source=source)
        result.rejected += 1
    if fetched.removed:
        items_mark_removed_by_platform(channel=channel, platform_ids=fetched.removed)
    return result


def ingest_rejected(*, channel: Channel, rejected: Rejected, source: str) -> None:
    """Record an entry the connector could not read, with its reason and raw payload."""
    ingest_problem_record(
        channel=channel,
        kind=IngestProblem.Kind.REJECTED,
        source=source,
        reason=rejected.reason,
        raw=rejected.raw,
        platform_id=rejected.platform_id,
    )


def _ingest_guarded(
    channel: Channel, inbound: InboundItem, platform: str, own_account_id: str, source: str
) -> IngestResult:
    raw_id = inbound.platform_id if isinstance(inbound.platform_id, str) else ""
    try:
        check_inbound(inbound)
        return _store(channel, inbound, platform, own_account_id, source)
    except ItemRefused as exc:
        reason: Message = exc.args[0]
    except Exception as exc:  # noqa: BLE001  one item's failure must never stop the batch
        logger.exception("ingest of %r on channel %s failed", raw_id[:60], channel.pk)
        reason = Message(
            _("Could not be stored (%(kind)s: %(detail)s)."),
            kind=type(exc).__name__,
            detail=foreign(str(exc)[:200]),
        )
    ingest_problem_record(
        channel=channel,
        kind=IngestProblem.Kind.REJECTED,
        source=source,
        reason=reason,
        raw=inbound.raw,
        platform_id=raw_id,
    )
    return IngestResult(rejected=1)


def _store(
    channel: Channel, inbound: InboundItem, platform: str, own_account_id: str, source: str
) -> IngestResult:
    """One item in its own transaction; a lost race with a second delivery is retried once."""
    try:
        with transaction.atomic():
            return _ingest_one(channel, inbound, platform, own_account_id, source)
    except IntegrityError:
        # Two deliveries of one new item raced; the second sees the first's row now.
        with transaction.atomic():
            return _ingest_one(channel, inbound, platform, own_account_id, source)


def _ingest_one(
    channel: Channel, inbound: InboundItem, platform: str, own_account_id: str, source: str
) -> IngestResult:
    text = _clean(inbound.text)
    truncated = len(text) > MAX_TEXT
    if truncated:
        text = text[:MAX_TEXT]
    is_own = inbound.kind == ItemKind.OWN_POST or (
        bool(own_account_id) and inbound.author.platform_id == own_account_id
    )
    existing = (
        Item.objects.select_for_update()
        .filter(channel=channel, platform_id=inbound.platform_id)
        .first()
    )
    if existing is None:
        item = _create(channel, inbound, platform, is_own, text, truncated)
        result = IngestResult(created=1)
    elif existing.text != text:
        item = _new_version(existing, inbound, text, truncated)
        result = IngestResult(edited=1)
    else:
        return IngestResult(unchanged=1)
    if truncated:
        result.truncated = 1
        ingest_problem_record(
            channel=channel,
            kind=IngestProblem.Kind.TRUNCATED,
            source=source,
            reason=Message(
                _(
                    "The text of %(length)s characters was stored cut at %(limit)s; the raw "
                    "payload keeps it whole."
                ),
                length=len(inbound.text),
                limit=MAX_TEXT,
            ),
            raw={"platform_id": inbound.platform_id, "version": item.version},
            platform_id=inbound.platform_id,
            item=item,
        )
    transaction.on_commit(partial(_announce, item.pk, item.version), robust=True)
    return result


def _create(
    channel: Channel, inbound: InboundItem, platform: str, is_own: bool, text: str, truncated: bool
) -> Item:
    parent = None
    if inbound.parent_platform_id:
        parent = Item.objects.filter(
            channel=channel, platform_id=inbound.parent_platform_id
        ).first()
    item = Item.objects.create(
        channel=channel,
        platform_id=inbound.platform_id,
        kind=str(inbound.kind),
        is_public=inbound.is_public,
        text=text,
        text_truncated=truncated,
        text_format=str(inbound.text_format),
        author=_author(inbound, platform),
        author_name=_clean(inbound.author.display_name),
        is_own=is_own,
        received_at=inbound.received_at,
        edited_at=inbound.edited_at,
        parent_platform_id=inbound.parent_platform_id or "",
        thread_platform_id=inbound.thread_platform_id or "",
        parent=parent,
        permalink=_clean(inbound.permalink),
        raw=_storable_raw(inbound.raw),
        is_hidden=bool(inbound.is_hidden),
        status=_needs_attention(str(inbound.kind), is_own),
    )
    Attachment.objects.bulk_create(
        Attachment(
            item=item,
            url=_clean(a.url),
            media_type=_clean(a.media_type),
            name=_clean(a.name),
            size=a.size if isinstance(a.size, int) and 0 <= a.size < 2**62 else None,
        )
        for a in inbound.attachments
    )
    if not inbound.attachments:
        item.capture_complete = True
        item.captured_at = timezone.now()
        item.save(update_fields=["capture_complete", "captured_at"])
    # With attachments, the capture completes when the background fetch has settled each one.
    # Replies that arrived before their parent are linked now.
    early = Item.objects.filter(
        channel=channel, parent_platform_id=item.platform_id, parent__isnull=True
    )
    first_own = early.filter(is_own=True).aggregate(first=Min("received_at"))["first"]
    early.update(parent=item)
    if is_own and parent is not None:
        note_reply(parent, item.received_at)
    if first_own is not None:
        note_reply(item, first_own)
    if inbound.attachments:
        from ..tasks import fetch_attachments

        item_id = item.pk
        transaction.on_commit(lambda: fetch_attachments.enqueue(item_id))
    return item


def _new_version(item: Item, inbound: InboundItem, text: str, truncated: bool) -> Item:
    ItemVersion.objects.create(
        item=item, version=item.version, text=item.text, raw=item.raw, edited_at=item.edited_at
    )
    item.version += 1
    item.text = text
    item.text_truncated = truncated
    item.raw = _storable_raw(inbound.raw)
    item.edited_at = inbound.edited_at or timezone.now()
    if item.status == ItemStatus.HANDLED and not item.is_own:
        item.status = ItemStatus.NEW  # an edited comment is looked at again
    item.save(update_fields=["version", "text", "text_truncated", "raw", "edited_at", "status"])
    return item


@transaction.atomic
def items_mark_removed_by_platform(*, channel: Channel, platform_ids: Iterable[str]) -> int:
    """Mark items the platform no longer has; they are kept, never dropped."""
    return Item.objects.filter(
        channel=channel, platform_id__in=list(platform_ids), removed_by_platform_at__isnull=True
    ).update(removed_by_platform_at=timezone.now())


def item_set_status(*, item: Item, status: str) -> None:
    """Set where an item stands in the queue (moderation's assessment and decisions call this).

    The status is the inbox's field; apps above change it through here, never by writing
    the row themselves.
    """
    if status not in ItemStatus.values:
        raise ValueError(f"unknown item status {status!r}")
    Item.objects.filter(pk=item.pk).update(status=status)
    item.status = status
