"""Reads of the inbox: the moderation queue, filtered by mandate and paginated by keyset."""

import base64
import json
from dataclasses import dataclass
from datetime import UTC, datetime

from django.db.models import DateTimeField, Q, QuerySet, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from tillit.access.actor import Actor
from tillit.access.queryset import get_restricted
from tillit.channels.models import Channel
from tillit.core.exceptions import NotFound

from .choices import ItemStatus
from .models import (
    PRESENCE_TTL,
    ActionRequest,
    Connection,
    IngestProblem,
    Item,
    ItemPresence,
    SavedFilter,
)
from .search import item_search

PAGE_SIZE = 50
#: What "needs handling" means, as a list (see `_by_deadline` for why it is named).
OPEN_STATUSES = [s for s in ItemStatus.values if s != ItemStatus.HANDLED]
# Where the rest begins when the flagged items filled a page exactly: after every time.
_FAR_FUTURE = datetime(9999, 1, 1, tzinfo=UTC)


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
    return list(
        ItemPresence.objects.restrict(actor, "moderate")
        .filter(item=item, last_seen__gte=timezone.now() - PRESENCE_TTL)
        .exclude(person_id=actor.pk)
        .select_related("person")
        .order_by("opened_at")[:10]
    )


#: How the queue can be ordered; "" is the default: flagged by deadline, then the rest.
ORDERS = ("", "newest", "oldest", "deadline")
# A keyset cursor names its segment: "f" the flagged items by deadline, "r" the rest by
# time received. The default order walks "f" and then "r".
_FLAGGED, _REST = "f", "r"


def _encode(segment: str, moment: datetime, pk: int) -> str:
    raw = json.dumps([segment, moment.isoformat(), pk]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode(cursor: str) -> tuple[str, datetime, int] | None:
    """The cursor's segment and position, or None for anything not made by `_encode`."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        segment, when, pk = json.loads(base64.urlsafe_b64decode(padded.encode()))
        moment = parse_datetime(when) if isinstance(when, str) else None
        if segment not in (_FLAGGED, _REST) or moment is None or type(pk) is not int:
            return None
        if moment.tzinfo is None:
            return None
        return segment, moment, pk
    except (ValueError, TypeError):
        return None


@dataclass
class QueuePage:
    """One page of the queue and the cursor of the next."""

    items: list[Item]
    next_cursor: str | None


# The assessment is moderation's; the inbox filters and orders by it without importing it.
_WITH_DEADLINE = Q(assessment__flagged=True, assessment__deadline__isnull=False)
_WITHOUT_DEADLINE = (
    Q(assessment__isnull=True) | Q(assessment__flagged=False) | Q(assessment__deadline__isnull=True)
)


def queue_items(
    actor: Actor,
    *,
    channel_id: int | None = None,
    kind: str = "",
    status: str = "",
    flagged: bool = False,
    assigned_to_id: int | None = None,
    text: str = "",
) -> QuerySet[Item]:
    """The queue's filtered items, unordered: what `queue_page` pages through."""
    qs = Item.objects.restrict(actor, "moderate")
    if channel_id:
        qs = qs.filter(channel_id=channel_id)
    if kind:
        qs = qs.filter(kind=kind)
    # Written as the partial index's condition so the planner can use `item_open_time_idx`.
    qs = qs.filter(status=status) if status else qs.filter(~Q(status=ItemStatus.HANDLED))
    if flagged:
        qs = qs.filter(assessment__flagged=True)
    if assigned_to_id:
        qs = qs.filter(assigned_to_id=assigned_to_id)
    if text:
        qs = item_search(qs, text)
    return qs


def queue_page(
    actor: Actor,
    *,
    channel_id: int | None = None,
    kind: str = "",
    status: str = "",
    oldest_first: bool = False,
    after: str = "",
    by_deadline: bool = False,
    order: str = "",
    flagged: bool = False,
    assigned_to_id: int | None = None,
    text: str = "",
    page_size: int = PAGE_SIZE,
) -> QueuePage:
    """One keyset page of the queue.

    The default order is what a moderator works through: flagged items with a moderation
    deadline (R15) nearest first, then everything else newest first. "newest" and "oldest"
    ignore flags; "deadline" lists only the flagged items. Each segment is one indexed,
    bounded query; the default order always asks both (the second for one row when the
    first fills the page), so the number of queries does not depend on the data or the
    page size.
    """
    order = "deadline" if by_deadline else "oldest" if oldest_first else order
    if order not in ORDERS:
        order = ""
    base = queue_items(
        actor,
        channel_id=channel_id,
        kind=kind,
        status=status,
        flagged=flagged,
        assigned_to_id=assigned_to_id,
        text=text,
    ).select_related("channel", "channel__platform", "author", "assessment", "assigned_to")
    position = _decode(after) if after else None
    if order in ("newest", "oldest"):
        return _by_time(base, position, page_size, oldest=order == "oldest")
    if order == "deadline":
        return _by_deadline(base, position, page_size, open_only=not status)
    rest_qs = base.filter(_WITHOUT_DEADLINE)
    if position and position[0] == _REST:
        return _by_time(rest_qs, position, page_size, oldest=False)
    flagged_page = _by_deadline(base, position, page_size, open_only=not status)
    # Asked even when the flagged items fill the page (then for one row, which is ignored),
    # so the page costs the same number of queries however many items are flagged.
    rest = _by_time(rest_qs, None, max(page_size - len(flagged_page.items), 0), oldest=False)
    if flagged_page.next_cursor:
        return flagged_page
    return QueuePage(flagged_page.items + rest.items, rest.next_cursor)


def _by_deadline(
    qs: QuerySet[Item], position: tuple[str, datetime, int] | None, size: int, *, open_only: bool
) -> QueuePage:
    """Flagged items with a deadline, nearest first; empty when the cursor is past them.

    Planned from the open items, not from the deadlines: the open statuses are named (an
    IN list the (channel, status, ...) index answers) and the order is an expression the
    deadline index cannot serve, so SQLite sorts the open flagged items (a backlog) instead
    of walking every flagged assessment in history (bench/bench_queue.py).
    """
    if position and position[0] != _FLAGGED:
        return QueuePage([], None)
    qs = qs.filter(_WITH_DEADLINE).alias(
        due=Coalesce("assessment__deadline", Value(_FAR_FUTURE, output_field=DateTimeField()))
    )
    if open_only:
        qs = qs.filter(status__in=OPEN_STATUSES)
    if position:
        _, when, pk = position
        qs = qs.filter(Q(due__gt=when) | Q(due=when, pk__gt=pk))
    items: list[Item] = list(qs.order_by("due", "pk")[: size + 1])
    if len(items) <= size:
        return QueuePage(items, None)
    last = items[size - 1]
    deadline = getattr(last, "assessment").deadline  # noqa: B009  (moderation's relation)
    return QueuePage(items[:size], _encode(_FLAGGED, deadline, last.pk))


def _by_time(
    qs: QuerySet[Item], position: tuple[str, datetime, int] | None, size: int, *, oldest: bool
) -> QueuePage:
    """Items by time received, one bounded query (a single row when `size` is 0)."""
    if position and position[0] == _REST:
        _, when, pk = position
        if oldest:
            qs = qs.filter(Q(received_at__gt=when) | Q(received_at=when, pk__gt=pk))
        else:
            qs = qs.filter(Q(received_at__lt=when) | Q(received_at=when, pk__lt=pk))
    order = ["received_at", "pk"] if oldest else ["-received_at", "-pk"]
    items = list(qs.order_by(*order)[: size + 1])
    if len(items) <= size:
        return QueuePage(items, None)
    if size == 0:
        # The flagged segment filled the page exactly; the next page starts the rest.
        return QueuePage([], _encode(_REST, _FAR_FUTURE, 0) if not oldest else None)
    last = items[size - 1]
    return QueuePage(items[:size], _encode(_REST, last.received_at, last.pk))


def queue_count_since(actor: Actor, since: datetime, **filters) -> int:
    """How many items matching the filters arrived in Tillit after `since` (the live notice)."""
    return queue_items(actor, **filters).filter(first_seen_at__gt=since).count()


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


def saved_filters_for(actor: Actor) -> QuerySet[SavedFilter]:
    """The person's own saved queue filters."""
    return SavedFilter.objects.restrict(actor, "use")


def saved_filter_get_for(actor: Actor, saved_id: int) -> SavedFilter:
    """One of the person's own saved filters; NotFound for anyone else's."""
    return get_restricted(SavedFilter.objects.all(), actor, "use", pk=saved_id)


def queue_neighbours(actor: Actor, item: Item) -> tuple[int | None, int | None]:
    """The previous and next item around `item` in the default queue order (j/k on its page).

    Two bounded queries; an item outside the queue (handled) has the queue's first as next.
    """
    flagged = getattr(getattr(item, "assessment", None), "flagged", False)
    deadline = getattr(getattr(item, "assessment", None), "deadline", None)
    base = queue_items(actor)
    if item.status == ItemStatus.HANDLED:
        first = queue_page(actor, page_size=1).items
        return None, first[0].pk if first else None
    if flagged and deadline:
        in_flagged = base.filter(_WITH_DEADLINE)
        after = Q(assessment__deadline__gt=deadline) | Q(
            assessment__deadline=deadline, pk__gt=item.pk
        )
        before = Q(assessment__deadline__lt=deadline) | Q(
            assessment__deadline=deadline, pk__lt=item.pk
        )
        nxt = in_flagged.filter(after).order_by("assessment__deadline", "pk").first()
        if nxt is None:
            nxt = base.filter(_WITHOUT_DEADLINE).order_by("-received_at", "-pk").first()
        prev = in_flagged.filter(before).order_by("-assessment__deadline", "-pk").first()
        return (prev.pk if prev else None), (nxt.pk if nxt else None)
    rest = base.filter(_WITHOUT_DEADLINE)
    when = item.received_at
    nxt = (
        rest.filter(Q(received_at__lt=when) | Q(received_at=when, pk__lt=item.pk))
        .order_by("-received_at", "-pk")
        .first()
    )
    prev = (
        rest.filter(Q(received_at__gt=when) | Q(received_at=when, pk__gt=item.pk))
        .order_by("received_at", "pk")
        .first()
    )
    if prev is None:
        prev = base.filter(_WITH_DEADLINE).order_by("-assessment__deadline", "-pk").first()
    return (prev.pk if prev else None), (nxt.pk if nxt else None)
