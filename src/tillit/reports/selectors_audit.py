"""Reads of the audit trail for its readers: pages by sequence number, an object's history,
the chain's last verification and the rows of an export.

The trail can hold millions of entries. Every read filters in the database on an indexed
column and pages by keyset on ``seq`` (never OFFSET, never a count of everything), so a
page costs the same at entry #10 as at entry #10,000,000.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet
from django.urls import reverse

from tillit.access.actor import Actor
from tillit.access.queryset import RestrictedQuerySet
from tillit.archive.models import Capture
from tillit.audit.models import AuditEntry
from tillit.channels.models import Channel
from tillit.core.exceptions import NotFound
from tillit.core.queues import task_in_flight
from tillit.inbox.models import Item
from tillit.organisation.models import Person
from tillit.publishing.models import Post
from tillit.records.models import AccessRequest, Case

from .access_audit import may_read_audit_trail

PAGE_SIZE = 50
HISTORY_PAGE_SIZE = 100
EXPORT_CHUNK = 2000
#: The action and object the trail's own verifications and exports are recorded under.
VERIFIED = "audit.verified"
EXPORTED = "audit.exported"
TRAIL = "audit.trail"


@dataclass(frozen=True)
class AuditFilters:
    """What part of the trail to read; empty fields do not filter."""

    person_id: int | None = None
    system_actor: str = ""
    name_contains: str = ""
    action: str = ""
    object_type: str = ""
    object_id: str = ""
    start: datetime | None = None
    #: Exclusive: the first moment after the period.
    end: datetime | None = None


@dataclass(frozen=True)
class EntryPage:
    """One page of entries and the sequence numbers to page on from, None at either end."""

    entries: list[AuditEntry]
    #: Show entries with lower numbers: ``before=<this>``.
    earlier: int | None
    #: Show entries with higher numbers: ``after=<this>``.
    later: int | None


def audit_trail_for(actor: Actor) -> QuerySet[AuditEntry]:
    """The whole trail for its readers; NotFound for anyone else, as if there were none."""
    if not may_read_audit_trail(actor):
        raise NotFound
    return RestrictedQuerySet(AuditEntry).restrict(actor, "view")


def audit_entries_for(actor: Actor, filters: AuditFilters) -> QuerySet[AuditEntry]:
    """The entries the filters pick (unordered), each filter on an indexed column."""
    qs = audit_trail_for(actor)
    if filters.person_id is not None:
        qs = qs.filter(actor_id=filters.person_id)
    if filters.system_actor:
        qs = qs.filter(actor_id__isnull=True, actor_label=filters.system_actor)
    if filters.name_contains:
        # The one filter no index serves; the others and the page size bound what it reads.
        qs = qs.filter(actor_label__icontains=filters.name_contains)
    if filters.action:
        qs = qs.filter(action=filters.action)
    if filters.object_type:
        qs = qs.filter(object_type=filters.object_type)
        if filters.object_id:
            qs = qs.filter(object_id=filters.object_id)
    if filters.start is not None:
        qs = qs.filter(at__gte=filters.start)
    if filters.end is not None:
        qs = qs.filter(at__lt=filters.end)
    return qs


def _page(
    qs: QuerySet[AuditEntry],
    *,
    before: int | None,
    after: int | None,
    size: int,
    newest_first: bool,
) -> EntryPage:
    """One keyset page of ``qs``; ``after`` wins over ``before``; the start is the newest
    entries when newest first, else the oldest."""
    if after is None and before is None and not newest_first:
        after = 0
    if after is not None:
        rows = list(qs.filter(seq__gt=after).order_by("seq")[: size + 1])
        more_later = len(rows) > size
        rows = rows[:size]
        more_earlier = bool(rows) and qs.filter(seq__lt=rows[0].seq).exists()
    else:
        lower = qs if before is None else qs.filter(seq__lt=before)
        rows = list(lower.order_by("-seq")[: size + 1])
        more_earlier = len(rows) > size
        rows = rows[:size][::-1]
        more_later = bool(rows) and before is not None and qs.filter(seq__gt=rows[-1].seq).exists()
    return EntryPage(
        entries=rows[::-1] if newest_first else rows,
        earlier=rows[0].seq if more_earlier else None,
        later=rows[-1].seq if more_later else None,
    )


def audit_page(
    actor: Actor,
    filters: AuditFilters,
    *,
    before: int | None = None,
    after: int | None = None,
    size: int = PAGE_SIZE,
) -> EntryPage:
    """One page of the filtered trail, newest first."""
    qs = audit_entries_for(actor, filters)
    return _page(qs, before=before, after=after, size=size, newest_first=True)


def audit_object_history(
    actor: Actor,
    object_type: str,
    object_id: str,
    *,
    before: int | None = None,
    after: int | None = None,
    size: int = HISTORY_PAGE_SIZE,
) -> EntryPage:
    """Every entry about one object, oldest first (a page at a time)."""
    qs = audit_trail_for(actor).filter(object_type=object_type, object_id=object_id)
    return _page(qs, before=before, after=after, size=size, newest_first=False)


def audit_people(actor: Actor) -> list[tuple[int, str]]:
    """The people who appear as actors in the trail, by name, for the "who" filter.

    One probe of the (actor_id, seq) index per person, not a scan of the trail.
    """
    acted = audit_trail_for(actor).filter(actor_id=OuterRef("pk"))
    people = Person.objects.filter(Exists(acted)).order_by("name", "pk")
    return list(people.values_list("pk", "name"))


def audit_newest_seq(actor: Actor) -> int:
    """The number of the newest entry (0 for an empty trail)."""
    newest = audit_trail_for(actor).order_by("-seq").values_list("seq", flat=True).first()
    return newest or 0


def audit_export_count(actor: Actor, filters: AuditFilters, through_seq: int) -> int:
    """How many entries an export of the filtered trail up to #through_seq holds."""
    return audit_entries_for(actor, filters).filter(seq__lte=through_seq).count()


def audit_export_entries(
    actor: Actor, filters: AuditFilters, through_seq: int
) -> Iterator[AuditEntry]:
    """The filtered entries up to #through_seq, oldest first, read a chunk at a time."""
    qs = audit_entries_for(actor, filters).filter(seq__lte=through_seq).order_by("seq")
    return qs.iterator(chunk_size=EXPORT_CHUNK)


def audit_latest_verification(actor: Actor) -> AuditEntry | None:
    """The newest recorded verification of the whole chain (the action's index, newest first)."""
    return audit_trail_for(actor).filter(action=VERIFIED).order_by("-seq").first()


def audit_verification_running(actor: Actor) -> bool:
    """Whether a verification is queued or running now (known with the database queue only)."""
    audit_trail_for(actor)
    from .tasks_audit import audit_trail_verify_task

    return task_in_flight(audit_trail_verify_task.module_path)


@dataclass(frozen=True)
class _PageOf:
    """Where one kind of object has its own page, and the rule its page checks."""

    model: Any
    url_name: str
    url_kwarg: str
    url_field: str
    action: str
    name_field: str = ""


#: Kinds of object with a page of their own. The rule and action are the ones the page's
#: selector checks, so a link is offered only to someone the page will answer.
OBJECT_PAGES: dict[str, _PageOf] = {
    "channels.channel": _PageOf(
        Channel, "channels:detail", "public_id", "public_id", "view", "name"
    ),
    "archive.capture": _PageOf(Capture, "archive:capture", "public_id", "public_id", "view"),
    "publishing.post": _PageOf(Post, "publishing:detail", "post_id", "pk", "view"),
    "organisation.person": _PageOf(
        Person, "organisation:person", "person_id", "pk", "manage", "name"
    ),
    "inbox.item": _PageOf(Item, "inbox:item", "item_id", "pk", "moderate"),
    "records.case": _PageOf(Case, "records:case", "case_id", "pk", "register", "title"),
    "records.accessrequest": _PageOf(
        AccessRequest, "records:access_request", "request_id", "pk", "register"
    ),
}


@dataclass(frozen=True)
class ObjectPage:
    """An object's own page and its name now (empty for kinds without one)."""

    url: str
    name: str


def audit_object_pages(
    actor: Actor, objects: set[tuple[str, str]]
) -> dict[tuple[str, str], ObjectPage]:
    """The pages of these (kind, id) objects that the actor may open: one query per kind."""
    audit_trail_for(actor)
    wanted: dict[str, set[int]] = {}
    for object_type, object_id in objects:
        if object_type in OBJECT_PAGES and object_id.isdigit() and len(object_id) < 19:
            wanted.setdefault(object_type, set()).add(int(object_id))
    pages: dict[tuple[str, str], ObjectPage] = {}
    for object_type, ids in wanted.items():
        spec = OBJECT_PAGES[object_type]
        fields = list(dict.fromkeys(["pk", spec.url_field, spec.name_field or "pk"]))
        visible = spec.model.objects.restrict(actor, spec.action).filter(pk__in=ids)
        for row in visible.values_list(*fields):
            values = dict(zip(fields, row, strict=True))
            url = reverse(spec.url_name, kwargs={spec.url_kwarg: values[spec.url_field]})
            name = str(values.get(spec.name_field, "")) if spec.name_field else ""
            pages[(object_type, str(values["pk"]))] = ObjectPage(url, name)
    return pages
