"""Run after each stored item version commits: index it, and file our own replies."""

from typing import cast

from django.db import transaction

from tillit.inbox.choices import ItemKind
from tillit.inbox.models import Item

from ..choices import Direction
from ..models import Case, Registration
from ..search import search_index


@transaction.atomic
def item_ingested(item_id: int, version: int) -> None:
    """Keep the search index in step; an own message in a registered thread joins its case.

    Idempotent: the index is replaced, and collecting a case's replies adds each once. A
    call for a version that has since been edited again does nothing (that one has its own).
    """
    item = Item.objects.filter(pk=item_id).first()
    if item is None or item.version != version:
        return
    search_index(item)
    if not (version == 1 and item.kind == ItemKind.DIRECT_MESSAGE and item.is_own):
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
    if incoming is not None and incoming.case is not None:
        from .registration import case_collect_replies

        case_collect_replies(case=cast(Case, incoming.case))  # case__isnull=False above
