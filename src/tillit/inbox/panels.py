"""Sections other apps add to the inbox item page, through the registry's ``item_panels``.

The inbox sits below moderation and records, so it cannot ask them for their parts of the
page; they register an ``ItemPanel`` instead. A panel may also take over platform actions
(moderation decides hide, delete and block, citing a rule), and the page then offers no
bare button for them.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tillit.core.registry import registry

STORE = "item_panels"


@dataclass(frozen=True)
class ItemPanel:
    """One app's section of the item page: its template, its data, and the actions it decides."""

    template: str
    context: Callable[[Any], dict]
    shows: Callable[[Any], bool] = lambda item: True
    decides: frozenset[str] = field(default_factory=frozenset)


@dataclass
class Panels:
    """The panels an item gets: templates to include, their merged data, and decided actions."""

    templates: list[str]
    context: dict
    decided: frozenset[str]
    # Decided by a panel that is on this page: only these may say "in the decision form".
    decided_shown: frozenset[str] = frozenset()


def panels_for(item) -> Panels:
    """Collect every registered panel's part of the page for one item."""
    templates: list[str] = []
    context: dict = {}
    decided: set[str] = set()
    shown: set[str] = set()
    for panel in registry.values(STORE):
        decided |= panel.decides
        if panel.shows(item):
            templates.append(panel.template)
            context.update(panel.context(item))
            shown |= panel.decides
    return Panels(
        templates=templates,
        context=context,
        decided=frozenset(decided),
        decided_shown=frozenset(shown),
    )


def decided_actions() -> frozenset[str]:
    """Every action some panel decides, whatever the item."""
    return frozenset().union(*(panel.decides for panel in registry.values(STORE)))
