"""Reads of records: the registration queue, threads, cases, requests, searches and registers."""

from datetime import date, datetime, time, timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

from tillit.access.actor import Actor
from tillit.channels.models import Channel
from tillit.core.exceptions import NotFound
from tillit.inbox.choices import ItemKind
from tillit.inbox.models import Author, Item
from tillit.inbox.selectors import queue_channels
from tillit.moderation.models import Block

from .choices import HandoverState
from .models import AccessRequest, AccessRequestItem, Case, PersonalDataRequest, Registration
from .permissions import is_reader, is_registrar, require_reader, require_registrar
from .search import search_filter


def _items(actor: Actor, action: str = "register") -> QuerySet[Item]:
    return Item.objects.restrict(actor, action).select_related(
        "channel", "channel__platform", "author"
    )


def registration_queue(actor: Actor) -> QuerySet[Item]:
    """Direct messages received and not yet decided on, oldest first (FL 22 §: arrival counts)."""
    require_registrar(actor)
    return (
        _items(actor)
        .filter(kind=ItemKind.DIRECT_MESSAGE, is_own=False, registration__isnull=True)
        .prefetch_related("attachments")
        .order_by("received_at", "pk")
    )


def dm_get_for(actor: Actor, item_id: int) -> Item:
    """One direct message for a registrar; NotFound for anyone else or anything else."""
    require_registrar(actor)
    item = _items(actor).filter(pk=item_id, kind=ItemKind.DIRECT_MESSAGE).first()
    if item is None:
        raise NotFound
    return item


def dm_thread(actor: Actor, item: Item) -> QuerySet[Item]:
    """The conversation the message belongs to, for a registrar."""
    return _thread(_items(actor), item)


def thread_of(item: Item) -> QuerySet[Item]:
    """The conversation the message belongs to, for services that have checked access."""
    return _thread(Item.objects.select_related("channel", "channel__platform", "author"), item)


def _thread(items: QuerySet[Item], item: Item) -> QuerySet[Item]:
    """Same thread id, or else same sender, in the message's channel."""
    qs = items.filter(channel_id=item.channel_id, kind=ItemKind.DIRECT_MESSAGE)
    if item.thread_platform_id:
        qs = qs.filter(thread_platform_id=item.thread_platform_id)
    else:
        # Webhook messages carry no conversation id: the sender's messages in the channel make
        # the thread. Our own messages without an id cannot be placed, so they are not guessed.
        qs = qs.filter(author_id=item.author_id)
    return qs.select_related("registration").order_by("received_at", "pk")


def sender_label(item: Item) -> str:
    """The sender as the platform displayed them (or their platform id when nothing was shown)."""
    a = item.author
    return a.display_name or a.handle or a.platform_id


def cases_for(actor: Actor) -> QuerySet[Case]:
    """Cases, newest first, for registrars."""
    require_registrar(actor)
    return Case.objects.restrict(actor, "register")


def case_get_for(actor: Actor, case_id: int) -> Case:
    """One case for a registrar; NotFound otherwise."""
    require_registrar(actor)
    case = Case.objects.restrict(actor, "register").filter(pk=case_id).first()
    if case is None:
        raise NotFound
    return case


def registrations_for(actor: Actor, *, state: str = "") -> QuerySet[Registration]:
    """Registrations with their hand-over state, for registrars."""
    require_registrar(actor)
    qs = (
        Registration.objects.restrict(actor, "register")
        .select_related("item", "item__author", "item__channel", "action", "case")
        .prefetch_related("attempts")
    )
    if state:
        qs = qs.filter(handover_state=state)
    return qs.order_by("-received_at", "-pk")


def registrations_for_handover(actor: Actor, *, state: str = "") -> QuerySet[Registration]:
    """Registrations with everything their hand-over payload reads: channel, platform, files."""
    return (
        registrations_for(actor, state=state)
        .select_related("item__channel__platform", "action__channel__platform")
        .prefetch_related("item__attachments")
    )


def registration_get_for(actor: Actor, registration_id: int) -> Registration:
    """One registration for a registrar; NotFound otherwise."""
    qs = registrations_for(actor).filter(pk=registration_id)
    registration = qs.first()
    if registration is None:
        raise NotFound
    return registration


def ready_for_handover() -> QuerySet[Registration]:
    """Registrations of direct messages and replies not yet handed over (for the export command)."""
    return Registration.objects.filter(
        handover_state__in=[HandoverState.READY, HandoverState.FAILED], case__isnull=False
    ).select_related("case")


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def items_search(
    qs: QuerySet[Item],
    *,
    channel_id: int | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    author: str = "",
    kind: str = "",
    text: str = "",
) -> QuerySet[Item]:
    """Filter items by channel, received date range, author as displayed, kind and Swedish text."""
    if channel_id:
        qs = qs.filter(channel_id=channel_id)
    if date_from:
        qs = qs.filter(received_at__gte=_day_start(date_from))
    if date_to:
        qs = qs.filter(received_at__lt=_day_start(date_to) + timedelta(days=1))
    if author:
        qs = qs.filter(
            Q(author__display_name__icontains=author)
            | Q(author__handle__icontains=author)
            | Q(author__platform_id=author)
        )
    if kind:
        qs = qs.filter(kind=kind)
    return search_filter(qs, text).order_by("-received_at", "-pk")


def documents_channels(actor: Actor) -> QuerySet[Channel]:
    """Channels whose kept documents the person may search: readers see all, moderators theirs."""
    if is_reader(actor):
        return Channel.objects.restrict(actor, "view").select_related("platform")
    return queue_channels(actor)


def channel_documents(actor: Actor, channel_id: int, **filters) -> QuerySet[Item]:
    """A channel's public comments and posts, kept ordered (R19, OSL 5:1), hidden and removed included."""
    channel = documents_channels(actor).filter(pk=channel_id).first()
    if channel is None:
        raise NotFound
    qs = _items(actor, "read").filter(channel=channel, is_public=True)
    return items_search(qs, **filters)


def access_requests_for(actor: Actor) -> QuerySet[AccessRequest]:
    """Access requests, newest first, for registrars."""
    require_registrar(actor)
    return AccessRequest.objects.restrict(actor, "register")


def access_request_get_for(actor: Actor, request_id: int) -> AccessRequest:
    """One access request for a registrar; NotFound otherwise. Its entries: access_request_entries."""
    require_registrar(actor)
    request = AccessRequest.objects.restrict(actor, "register").filter(pk=request_id).first()
    if request is None:
        raise NotFound
    return request


def access_request_entries(
    request: AccessRequest, *, after: int = 0
) -> QuerySet[AccessRequestItem]:
    """The request's entries in order (from id `after` on), items joined in, attachments prefetched.

    Joins rather than prefetching the items: Django 5.2 prefetches a foreign key as one OR per
    id on SQLite, which fails from about a thousand documents (ticket 36116). Callers read it in
    slices or with .iterator(chunk_size=500), so each prefetch IN list stays short.
    """
    return (
        AccessRequestItem.objects.filter(request=request, pk__gt=after)
        .select_related("item", "item__channel", "item__channel__platform", "item__author")
        .prefetch_related("item__attachments", "attachment_masks")
        .order_by("id")
    )


def request_search(actor: Actor, **filters) -> QuerySet[Item]:
    """Every stored item a registrar may consider for an access request."""
    require_registrar(actor)
    return items_search(_items(actor), **filters)


def request_items(actor: Actor, ids: list[int]) -> list[Item]:
    """The stored items a registrar picked for a request, by id; a hand-made POST may name
    any number, so they are looked up 500 at a time, never in one giant IN."""
    found = request_search(actor).select_related("channel")
    return [
        item
        for start in range(0, len(ids), 500)
        for item in found.filter(pk__in=ids[start : start + 500])
    ]


def authors_matching(actor: Actor, name: str) -> QuerySet[Author]:
    """Authors whose displayed name or handle contains `name` (personal data requests)."""
    require_registrar(actor)
    name = name.strip()[:200]
    if not name:
        return Author.objects.none()
    return (
        Author.objects.restrict(actor, "register")
        .filter(Q(display_name__icontains=name) | Q(handle__icontains=name) | Q(platform_id=name))
        .order_by("display_name", "pk")[:50]
    )


def author_get_for(actor: Actor, author_id: int) -> Author:
    """One author for a registrar; NotFound otherwise."""
    require_registrar(actor)
    author = Author.objects.restrict(actor, "register").filter(pk=author_id).first()
    if author is None:
        raise NotFound
    return author


def author_items(actor: Actor, author: Author) -> QuerySet[Item]:
    """Every stored item by one author as displayed, for a data-subject access request."""
    require_registrar(actor)
    return (
        _items(actor).filter(author=author).prefetch_related("attachments").order_by("received_at")
    )


def personal_data_requests_for(actor: Actor) -> QuerySet[PersonalDataRequest]:
    """Personal data requests, newest first, for registrars."""
    require_registrar(actor)
    return PersonalDataRequest.objects.restrict(actor, "register").select_related(
        "author", "recorded_by", "decided_by"
    )


def block_register(actor: Actor) -> QuerySet[Block]:
    """Every block, lifted ones included: the block list is an official document."""
    require_reader(actor)
    return (
        Block.objects.restrict(actor, "read")
        .select_related(
            "channel",
            "channel__platform",
            "author",
            "decision",
            "decision__rule",
            "decision__decided_by",
        )
        .order_by("-decision__decided_at", "-pk")
    )


def can_register(actor: Actor) -> bool:
    """For templates: whether the registrar's actions show."""
    return is_registrar(actor)


def access_request_entry(request: AccessRequest, entry_id) -> AccessRequestItem:
    """One selected document of a request fetched through ``access_request_get_for``."""
    entry = request.entries.filter(pk=entry_id).first() if str(entry_id).isdigit() else None
    if entry is None:
        raise NotFound
    return entry
