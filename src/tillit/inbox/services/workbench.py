"""The moderator's workbench: assigning items (with a notice) and saved queue filters.

Invariants:
- An item is assigned only to a person who holds a valid mandate on its channel today,
  and only by someone who may moderate it; the assignee is told (in the app and by e-mail)
  and the assignment is audited in the same transaction.
- A saved filter belongs to one person; only its owner sees or deletes it, and it keeps
  only the queue form's own fields, re-encoded (never a URL typed by someone).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tillit.access.actor import Actor, as_actor
from tillit.access.queryset import allows
from tillit.audit.services import audit_record
from tillit.channels.selectors import mandate_holders
from tillit.core.exceptions import NotFound
from tillit.organisation.models import Person
from tillit.organisation.notify import notify

from ..models import Item, SavedFilter

#: At most this many items move with one thread assignment (a runaway thread stays bounded).
THREAD_LIMIT = 500
SAVED_FILTERS_PER_PERSON = 50


def thread_of(item: Item) -> QuerySet[Item]:
    """The item's whole thread in its channel: the post, its comments and their replies."""
    root = item.thread_platform_id or item.parent_platform_id or item.platform_id
    return Item.objects.filter(channel_id=item.channel_id).filter(
        Q(pk=item.pk)
        | Q(platform_id=root)
        | Q(thread_platform_id=root)
        | Q(parent_platform_id=root)
        | Q(parent_platform_id=item.platform_id)
    )


@transaction.atomic
def item_assign(
    *, actor: Actor | Person, item: Item, person: Person | None, whole_thread: bool = False
) -> int:
    """Assign the item (or its thread) to a person with a mandate on the channel; None unassigns.

    Returns how many items changed hands.
    """
    who = as_actor(actor)
    if not who.is_person or not allows(who, "moderate", item.channel):
        raise NotFound
    if person is not None and not mandate_holders(item.channel).filter(pk=person.pk).exists():
        raise ValidationError(
            {"person": _("%(name)s holds no mandate on this channel.") % {"name": person.name}}
        )
    targets = thread_of(item) if whole_thread else Item.objects.filter(pk=item.pk)
    ids = list(targets.order_by("pk").values_list("pk", flat=True)[:THREAD_LIMIT])
    now = timezone.now()
    changed = (
        Item.objects.filter(pk__in=ids)
        .exclude(assigned_to=person)
        .update(assigned_to=person, assigned_at=now if person else None)
    )
    item.assigned_to, item.assigned_at = person, (now if person else None)
    audit_record(
        actor=actor,
        action="inbox.assign",
        obj=item,
        detail={
            "person": person.pk if person else None,
            "thread": whole_thread,
            "items": ids[:THREAD_LIMIT],
        },
    )
    if person is not None and changed and person.pk != who.pk:
        notify(
            people=[person],
            subject=ngettext(
                "%(who)s assigned you an item in %(channel)s",
                "%(who)s assigned you %(count)s items in %(channel)s",
                changed,
            )
            % {"who": who.person.name, "count": changed, "channel": item.channel.name},
            body=_("Open the item in the inbox to handle it."),
            url=reverse("inbox:item", args=[item.pk]),
        )
    return changed


def assignable_people(item: Item) -> QuerySet[Person]:
    """Who the item may be assigned to: the people holding a mandate on its channel today."""
    return mandate_holders(item.channel).order_by("name")


@transaction.atomic
def saved_filter_save(*, actor: Actor | Person, name: str, query: str) -> SavedFilter:
    """Save (or replace, by name) the person's own queue filter."""
    who = as_actor(actor)
    if who.pk is None:
        raise NotFound
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Give the filter a name.")})
    mine = SavedFilter.objects.filter(person_id=who.pk)
    if not mine.filter(name=name).exists() and mine.count() >= SAVED_FILTERS_PER_PERSON:
        raise ValidationError(
            {"name": _("You have %(n)s saved filters; delete one first.") % {"n": mine.count()}}
        )
    saved, _created = SavedFilter.objects.update_or_create(
        person_id=who.pk, name=name, defaults={"query": query[:1000]}
    )
    audit_record(actor=actor, action="inbox.filter_save", obj=saved, detail={"name": name})
    return saved


@transaction.atomic
def saved_filter_delete(*, actor: Actor | Person, saved: SavedFilter) -> None:
    """Delete one of the person's own saved filters."""
    who = as_actor(actor)
    if not allows(who, "use", saved):
        raise NotFound
    audit_record(actor=actor, action="inbox.filter_delete", obj=saved, detail={"name": saved.name})
    saved.delete()
