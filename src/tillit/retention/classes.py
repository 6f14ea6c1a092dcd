"""The built-in content classes: comments, own posts, direct messages, moderation records, blocks.

Deleting rows that other rows point at, deliberately (compare zulip's retention.py):

- inbox.Item is PROTECTed by moderation.Decision. Moderation records are their own class with
  their own decision, so an item that has a decision is not disposed of as a comment: it waits
  until the moderation records class has disposed of its decisions. The decision's snapshot
  holds the item as it was, so the reverse order would lose nothing, but the record of why an
  item was removed must not disappear under a comments rule.
- inbox.ActionRequest.item is PROTECT too. Final outbox rows not cited by a decision (replies,
  reports) are part of the item's record and go with it; an item with an unfinished action is
  left alone (the outbox still needs it).
- ItemVersion, Attachment, moderation.Assessment and records.SearchText CASCADE with the item;
  attachment files are removed from storage after the transaction commits, and the SQLite
  full-text rows are removed in the same transaction.
- records.Registration, records.AccessRequestItem, records.PersonalDataRequest and released
  retention.Hold rows are SET_NULL: their metadata (registration number, what was released,
  which request) outlives the copy in Tillit, and each keeps a label of what it was.
- Authors left without items or blocks are deleted: they are personal data with no document.
- moderation.Block PROTECTs its Decision: blocks are disposed of block first, then decision;
  active (not lifted) blocks are never candidates.
- Anything else that still protects a row (an app added later) makes that one row stay; it is
  listed under `skipped` in the run log instead of failing the whole run.
"""

from datetime import datetime

from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Exists, OuterRef, ProtectedError, QuerySet, RestrictedError

from tillit.inbox.choices import FINAL_ACTION_STATES, ItemKind
from tillit.inbox.models import ActionRequest, Attachment, Author, Item
from tillit.moderation.models import Block, Decision

from .choices import ContentClass
from .registry import ContentHandler, register_class
from .selectors import exclude_held


def _items(rule, cutoff: datetime | None) -> QuerySet[Item]:
    qs = Item.objects.filter(
        channel__department__committee_id=rule.committee_id, capture_complete=True
    )
    if cutoff is not None:
        qs = qs.filter(received_at__lt=cutoff)
    unfinished = ActionRequest.objects.filter(item=OuterRef("pk")).exclude(
        state__in=list(FINAL_ACTION_STATES)
    )
    qs = qs.exclude(Exists(Decision.objects.filter(item=OuterRef("pk")))).exclude(
        Exists(unfinished)
    )
    return exclude_held(qs)


def comments(rule, cutoff):
    """Comments, replies and mentions by others."""
    return _items(rule, cutoff).filter(
        kind__in=[ItemKind.COMMENT, ItemKind.REPLY, ItemKind.MENTION], is_own=False
    )


def own_posts(rule, cutoff):
    """The organisation's own posts and replies (not its direct messages)."""
    return _items(rule, cutoff).filter(is_own=True).exclude(kind=ItemKind.DIRECT_MESSAGE)


def direct_messages(rule, cutoff):
    """Direct messages once decided: handed over to the records system, or of little importance."""
    from tillit.records.choices import HandoverState, Outcome

    return (
        _items(rule, cutoff)
        .filter(kind=ItemKind.DIRECT_MESSAGE)
        .filter(
            Exists(
                _registration_model()
                .objects.filter(item=OuterRef("pk"))
                .filter(outcome=Outcome.LITTLE_IMPORTANCE)
            )
            | Exists(
                _registration_model().objects.filter(
                    item=OuterRef("pk"),
                    outcome=Outcome.REGISTERED,
                    handover_state__in=[HandoverState.SENT, HandoverState.CONFIRMED],
                )
            )
        )
    )


def _registration_model():
    from tillit.records.models import Registration

    return Registration


def dispose_items(ids: list[int]) -> tuple[list[int], dict[str, list[int]]]:
    """Delete items with their versions, attachments (and files), index rows and final actions."""
    from tillit.records.search import search_forget

    files = list(
        Attachment.objects.filter(item_id__in=ids).exclude(file="").values_list("file", flat=True)
    )
    author_ids = set(Item.objects.filter(pk__in=ids).values_list("author_id", flat=True))
    ActionRequest.objects.filter(
        item_id__in=ids, state__in=list(FINAL_ACTION_STATES), decisions__isnull=True
    ).delete()
    deleted, skipped = _delete_each_or_all(Item.objects, ids)
    search_forget(deleted)
    Author.objects.filter(pk__in=author_ids).exclude(
        Exists(Item.objects.filter(author=OuterRef("pk")))
    ).exclude(Exists(Block.objects.filter(author=OuterRef("pk")))).delete()
    _remove_files_after_commit(files)
    return deleted, skipped


def _delete_each_or_all(manager, ids: list[int]) -> tuple[list[int], dict[str, list[int]]]:
    """Delete all at once; if something unforeseen protects a row, delete one by one and skip it."""
    try:
        with transaction.atomic():
            manager.filter(pk__in=ids).delete()
        return list(ids), {}
    except (ProtectedError, RestrictedError):
        pass
    deleted: list[int] = []
    skipped: dict[str, list[int]] = {}
    for pk in ids:
        try:
            with transaction.atomic():
                manager.filter(pk=pk).delete()
            deleted.append(pk)
        except (ProtectedError, RestrictedError) as exc:
            reason = ", ".join(sorted({o._meta.label for o in exc.args[1]}))[:100] or "protected"
            skipped.setdefault(reason, []).append(pk)
    return deleted, skipped


def _remove_files_after_commit(names: list[str]) -> None:
    def remove() -> None:
        still_used = set(Attachment.objects.filter(file__in=names).values_list("file", flat=True))
        for name in names:
            if name not in still_used:
                default_storage.delete(name)

    if names:
        transaction.on_commit(remove)


def moderation_records(rule, cutoff):
    """Decisions (not those of a block, which go with the block), reviewed, old enough."""
    qs = Decision.objects.filter(
        item__channel__department__committee_id=rule.committee_id, needs_review=False
    ).exclude(Exists(Block.objects.filter(decision=OuterRef("pk"))))
    if cutoff is not None:
        qs = qs.filter(decided_at__lt=cutoff)
    return exclude_held(qs, item_path="item", channel_path="item__channel_id")


def dispose_decisions(ids: list[int]) -> tuple[list[int], dict[str, list[int]]]:
    """Delete moderation decisions; their outbox rows stay as the platform's record."""
    return _delete_each_or_all(Decision.objects, ids)


def blocks(rule, cutoff):
    """Blocks that were lifted before the cutoff; a block in force is never disposed of."""
    qs = Block.objects.filter(
        channel__department__committee_id=rule.committee_id, lifted_at__isnull=False
    )
    if cutoff is not None:
        qs = qs.filter(lifted_at__lt=cutoff)
    return exclude_held(qs, item_path="decision__item")


def dispose_blocks(ids: list[int]) -> tuple[list[int], dict[str, list[int]]]:
    """Delete blocks, then their decisions (the block protects its decision)."""
    decision_ids = list(Block.objects.filter(pk__in=ids).values_list("decision_id", flat=True))
    deleted, skipped = _delete_each_or_all(Block.objects, ids)
    kept = set(
        Block.objects.values_list("decision_id", flat=True).filter(decision_id__in=decision_ids)
    )
    _delete_each_or_all(Decision.objects, [d for d in decision_ids if d not in kept])
    return deleted, skipped


def register_builtin() -> None:
    """Register the classes Tillit itself stores; captures are registered by the archive."""
    register_class(ContentHandler(ContentClass.COMMENTS, comments, dispose_items, "channel_id"))
    register_class(ContentHandler(ContentClass.OWN_POSTS, own_posts, dispose_items, "channel_id"))
    register_class(
        ContentHandler(ContentClass.DIRECT_MESSAGES, direct_messages, dispose_items, "channel_id")
    )
    register_class(
        ContentHandler(
            ContentClass.MODERATION, moderation_records, dispose_decisions, "item__channel_id"
        )
    )
    register_class(ContentHandler(ContentClass.BLOCKS, blocks, dispose_blocks, "channel_id"))
