"""What apps above the inbox add to the queue page, through the registry.

Moderation knows what its policy proposes for an item (in Swedish, with the rule's title)
and offers bulk decisions on a selection; the inbox sits below it, so it asks the stores
`queue_proposals` and `queue_bulk` rather than importing moderation.
"""

from dataclasses import dataclass
from typing import Any

from tillit.core.registry import registry

PROPOSALS = "queue_proposals"
BULK = "queue_bulk"


@dataclass(frozen=True)
class BulkAction:
    """An action the queue offers on its selected items: a URL name taking `?item=` ids."""

    url_name: str
    label: Any  # a lazily translated string


def proposals_for(items: list) -> dict[int, str]:
    """Each row's proposal text, from every registered provider (one query each at most)."""
    found: dict[int, str] = {}
    for provider in registry.values(PROPOSALS):
        found.update(provider(items))
    return found


def bulk_actions() -> list[BulkAction]:
    """The bulk actions offered for a selection of items."""
    return list(registry.values(BULK))
