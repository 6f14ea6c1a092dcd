"""Run for each item inside the ingest transaction: index it, and file our own replies."""

from typing import cast

from tillit.inbox.choices import ItemKind
from tillit.inbox.models import Item

from ..choices import Direction
from ..models import Case, Registration
from ..search import search_index


def item_ingested(item: Item, new: bool) -> None:
    """Keep the search index in step; an own message in a registered thread joins its case."""
    search_index(item)
    if not (new and item.kind == ItemKind.DIRECT_MESSAGE and item.is_own):
        return
    if not item.thread_platform_id:
        return
    incoming = (
        Registration.objects.filter(
            direction=Direction.INCOMING,
            case__isnull=False,
            item__channel_id=item.channel_id,
            item__thread_platform_id=item.thread_platform_id,
        )
        .select_related("case")
        .first()
    )
    if incoming is not None:
        from .registration import case_collect_replies

        case_collect_replies(case=cast(Case, incoming.case))  # case__isnull=False above
