"""Who has an item open: a row per person and item, touched when the page is viewed.

Ephemeral working state, not a record: it is not audited, and rows older than PRESENCE_TTL
are ignored (and overwritten on the next view), so a closed tab drops out by itself.
"""

from django.utils import timezone

from tillit.access.actor import Actor, person_of

from ..models import PRESENCE_TTL, Item, ItemPresence


def presence_touch(*, actor: Actor, item: Item) -> None:
    """Say that the person has the item's page open now (a view or the page's heartbeat)."""
    person = person_of(actor)
    if person is None:
        return
    now = timezone.now()
    # Always two statements, whatever the row's state (the page's query count stays fixed):
    # opened again after a gap, "since" starts anew; then one upsert creates the row or moves
    # the heartbeat (ON CONFLICT, so two tabs racing cannot collide).
    ItemPresence.objects.filter(person=person, item=item, last_seen__lt=now - PRESENCE_TTL).update(
        opened_at=now
    )
    ItemPresence.objects.bulk_create(
        [ItemPresence(person=person, item=item, opened_at=now, last_seen=now)],
        update_conflicts=True,
        unique_fields=["person", "item"],
        update_fields=["last_seen"],
    )
