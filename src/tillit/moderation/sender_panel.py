"""The sender's history on the item page: their earlier items on this channel, the decisions
on them and any block in force, so the next decision is consistent with the earlier ones (R16).

Bounded (the latest HISTORY items) and a fixed number of queries whatever the history's
length: the items, one count, the decisions of the shown items with their rules, the block.
The item was fetched through the inbox's access rule; the history stays in its channel.
"""

from django.db.models import Prefetch

from tillit.inbox.models import Item
from tillit.inbox.panels import ItemPanel

from .choices import RULE_REQUIRED
from .models import Block, Decision

HISTORY = 20


def _context(item) -> dict:
    earlier = Item.objects.filter(channel_id=item.channel_id, author_id=item.author_id).exclude(
        pk=item.pk
    )
    decisions = Decision.objects.select_related("rule", "decided_by").order_by("-decided_at", "-id")
    items = list(
        earlier.order_by("-received_at", "-pk").prefetch_related(
            Prefetch("decisions", queryset=decisions, to_attr="history_decisions")
        )[:HISTORY]
    )
    total = earlier.count() if len(items) == HISTORY else len(items)
    breaches = sum(
        1 for i in items for d in i.history_decisions if d.kind in RULE_REQUIRED and d.rule_id
    )
    block = (
        Block.objects.filter(
            channel_id=item.channel_id, author_id=item.author_id, lifted_at__isnull=True
        )
        .select_related("decision", "decision__rule", "decision__decided_by")
        .order_by("-pk")
        .first()
    )
    return {
        "sender_history": items,
        "sender_history_total": total,
        "sender_history_breaches": breaches,
        "sender_block": block,
    }


#: Shown for everything the organisation did not write itself, direct messages included.
PANEL = ItemPanel(
    template="moderation/sender_panel.html",
    context=_context,
    shows=lambda item: not item.is_own,
)
