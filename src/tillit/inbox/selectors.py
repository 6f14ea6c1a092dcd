"""Reads of the inbox: the moderation queue, filtered by mandate and paginated by keyset."""

import base64
import json
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from tillit.access.actor import Actor
from tillit.access.queryset import get_restricted
from tillit.channels.models import Channel
from tillit.core.exceptions import NotFound

from .choices import ItemStatus
from .models import ActionRequest, Connection, IngestProblem, Item, ItemPresence

PAGE_SIZE = 50


def queue_channels(actor: Actor) -> QuerySet[Channel]:
    """Channels whose inbox the person may work in: a valid mandate, or managing the department."""
    return Channel.objects.restrict(actor, "moderate").select_related("platform")


def item_get_for(actor: Actor, item_id: int) -> Item:
    """One item in a channel the person works in; NotFound otherwise."""
    qs = Item.objects.select_related("channel", "channel__platform", "author", "parent")
    return get_restricted(qs, actor, "moderate", pk=item_id)


def action_get_for(actor: Actor, item_id: int, action_id: int) -> ActionRequest:
    """One outbox action on an item the person works on; NotFound otherwise."""
    item = item_get_for(actor, item_id)
    action = (
        ActionRequest.objects.filter(pk=action_id, item=item)
        .select_related("channel", "item")
        .first()
    )
    if action is None:
        raise NotFound
    return action


def item_viewers(actor: Actor, item: Item) -> list[ItemPresence]:
    """Other people who have the item open now (seen within the presence window)."""
    from .services.presence import PRESENCE_TTL

    return list(
        ItemPresence.objects.restrict(actor, "moderate")
        .filter(item=item, last_seen__gte=timezone.now() - PRESENCE_TTL)
        .exclude(person_id=actor.pk)
        .select_related("person")
        .order_by("opened_at")[:10]
    )


def _encode(moment: datetime, pk: int) -> str:
    raw = json.dumps([moment.isoformat(), pk]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode(cursor: str) -> tuple[datetime, int] | None:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        when, pk = json.loads(base64.urlsafe_b64decode(padded.encode()))
        moment = parse_datetime(when)
        if moment is None or not isinstance(pk, int):
            return None
        return moment, pk
    except (ValueError, TypeError):
        return None


@dataclass
class QueuePage:
    """One page of the queue and the cursor of the next."""

    items: list[Item]
    next_cursor: str | None


def queue_page(
    actor: Actor,
    *,
    channel_id: int | None = None,
    kind: str = "",
    status: str = "",
    oldest_first: bool = False,
    after: str = "",
    by_deadline: bool = False,
) -> QueuePage:
    """Items needing attention, newest (or oldest) first, one keyset page at a time.

    Keyset pagination on (received_at, id) uses `item_queue_idx`, so a page costs the same
    at the millionth item as at the first. `by_deadline` lists only flagged items, the
    nearest moderation deadline (R15) first.
    """
    qs = Item.objects.restrict(actor, "moderate").select_related(
        "channel", "channel__platform", "author", "assessment"
    )
    if channel_id:
        qs = qs.filter(channel_id=channel_id)
    if kind:
        qs = qs.filter(kind=kind)
    qs = qs.filter(status=status) if status else qs.exclude(status=ItemStatus.HANDLED)
    position = _decode(after) if after else None
    if by_deadline:
        # The assessment is moderation's; the inbox orders by it without importing it.
        qs = qs.filter(assessment__flagged=True, assessment__deadline__isnull=False)
        if position:
            when, pk = position
            qs = qs.filter(
                Q(assessment__deadline__gt=when) | Q(assessment__deadline=when, pk__gt=pk)
            )
        items = list(
            qs.order_by("assessment__deadline", "pk").select_related("assessment")[: PAGE_SIZE + 1]
        )
        more = len(items) > PAGE_SIZE
        items = items[:PAGE_SIZE]
        last = items[-1] if items else None
        return QueuePage(
            items, _encode(last.assessment.deadline, last.pk) if more and last else None
        )
    if position:
        when, pk = position
        if oldest_first:
            qs = qs.filter(Q(received_at__gt=when) | Q(received_at=when, pk__gt=pk))
        else:
            qs = qs.filter(Q(received_at__lt=when) | Q(received_at=when, pk__lt=pk))
    order = ["received_at", "pk"] if oldest_first else ["-received_at", "-pk"]
    items = list(qs.order_by(*order)[: PAGE_SIZE + 1])
    more = len(items) > PAGE_SIZE
    items = items[:PAGE_SIZE]
    return QueuePage(
        items, _encode(items[-1].received_at, items[-1].pk) if more and items else None
    )


def connection_for(actor: Actor, channel: Channel) -> Connection | None:
    """The channel's platform connection, for someone who may manage it."""
    return Connection.objects.restrict(actor, "manage").filter(channel=channel).first()


def ingest_problems_for(actor: Actor, channel: Channel) -> QuerySet[IngestProblem]:
    """What ingest refused or shortened in the channel, newest first, for its connection's managers."""
    return (
        IngestProblem.objects.restrict(actor, "manage")
        .filter(channel=channel)
        .select_related("item")
    )


THREAD_WINDOW = 50
#: How many earlier items the window shows before the current one when it opens.
THREAD_LEAD = 10


@dataclass
class ThreadWindow:
    """The post an item belongs to and a bounded window of its thread, the item among them."""

    post: Item | None
    items: list[Item]
    depth: dict[int, int]
    total: int
    start: int
    earlier_start: int | None
    later_start: int | None

    @property
    def rows(self) -> list[tuple[Item, int]]:
        """Each item of the window with its depth under the post (0 to 4, for indenting)."""
        return [(i, self.depth.get(i.pk, 0)) for i in self.items]

    @property
    def first(self) -> int:
        """The window's first position, counted from 1."""
        return self.start + 1

    @property
    def last(self) -> int:
        """The window's last position, counted from 1."""
        return self.start + len(self.items)


def item_thread(item: Item, start: int | None = None) -> ThreadWindow:
    """The item's post and up to THREAD_WINDOW items of its thread in order of arrival.

    The thread is everything in the channel that shares the item's thread id (the post a
    comment hangs on, the conversation of a reply), or, for items without one, its parent
    and the replies to it. A constant number of queries whatever the thread's size: the
    post, a count, the item's position and one window. Access is the caller's: the item was
    fetched through ``item_get_for``, and the thread is in the same channel.
    """
    base = Item.objects.filter(channel_id=item.channel_id).select_related("author")
    post = None
    if item.thread_platform_id:
        thread = base.filter(thread_platform_id=item.thread_platform_id)
        if item.platform_id != item.thread_platform_id:
            post = base.filter(platform_id=item.thread_platform_id).first()
        if post is not None:
            thread = thread.exclude(pk=post.pk)
    else:
        ids = [item.pk] + ([item.parent_id] if item.parent_id else [])
        thread = base.filter(Q(pk__in=ids) | Q(parent_id=item.pk))
    if post is None and item.parent_id and item.parent is not None:
        # Without a stored post, the top of the known chain stands in for it.
        post = item.parent if not item.parent.parent_id else None
        if post is not None:
            thread = thread.exclude(pk=post.pk)
    ordered = thread.order_by("received_at", "pk")
    total = ordered.count()
    position = ordered.filter(
        Q(received_at__lt=item.received_at) | Q(received_at=item.received_at, pk__lt=item.pk)
    ).count()
    if start is None:
        start = max(position - THREAD_LEAD, 0)
    start = max(0, min(start, max(total - 1, 0)))
    items = list(ordered[start : start + THREAD_WINDOW])
    depth: dict[int, int] = {}
    known = {i.pk: i for i in items}
    top = {post.pk} if post else set()
    for i in items:
        parent = i.parent_id
        depth[i.pk] = (
            0 if parent in top or parent not in known else min(depth.get(parent, 0) + 1, 4)
        )
    return ThreadWindow(
        post=post,
        items=items,
        depth=depth,
        total=total,
        start=start,
        earlier_start=max(start - THREAD_WINDOW, 0) if start > 0 else None,
        later_start=start + THREAD_WINDOW if start + THREAD_WINDOW < total else None,
    )


@dataclass(frozen=True)
class Sender:
    """Who sent an item, as the platform showed them: never blank, never a bare id."""

    name: str
    handle: str
    platform_id: str
    profile_url: str

    @property
    def named(self) -> bool:
        """Whether the platform gave a name or a handle (otherwise only its id is known)."""
        return bool(self.name or self.handle)


def sender_of(item: Item) -> Sender:
    """The sender of an item: the name shown with it, else the author's latest, and the handle."""
    author = item.author
    name = " ".join((item.author_name or author.display_name or "").split())
    handle = " ".join((author.handle or "").split())
    return Sender(
        name=name,
        handle=handle if handle != name else "",
        platform_id=author.platform_id,
        profile_url=author.profile_url,
    )
