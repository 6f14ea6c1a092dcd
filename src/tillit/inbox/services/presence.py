"""Who has an item open: a row per person and item, touched when the page is viewed.

Ephemeral working state, not a record: it is not audited, and rows older than PRESENCE_TTL
are ignored (and overwritten on the next view), so a closed tab drops out by itself.
"""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from tillit.access.actor import Actor, person_of

from ..models import Item, ItemPresence

PRESENCE_TTL = timedelta(minutes=2)


def presence_touch(*, actor: Actor, item: Item) -> None:
    """Say that the person has the item's page open now (a view or the page's heartbeat)."""
    person = person_of(actor)
    if person is None:
        return
    now = timezone.now()
    fresh = now - PRESENCE_TTL
    # Still open: only the heartbeat moves; opened again after a gap: "since" starts anew.
    if ItemPresence.objects.filter(person=person, item=item, last_seen__gte=fresh).update(
        last_seen=now
    ):
        return
    if ItemPresence.objects.filter(person=person, item=item).update(opened_at=now, last_seen=now):
        return
    try:
        with transaction.atomic():
            ItemPresence.objects.create(person=person, item=item, opened_at=now, last_seen=now)
    except IntegrityError:  # a second tab created it a moment ago
        ItemPresence.objects.filter(person=person, item=item).update(last_seen=now)
