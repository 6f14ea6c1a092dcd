"""The classes of content disposal can act on, each with its candidates and its deletion.

Built-in classes are registered in `retention.classes`. Another app registers its own
(the archive's captures) with `register_class` at start-up, from its AppConfig.ready; they
live in the registry's ``retention_classes`` store.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.db.models import QuerySet

from tillit.core.registry import registry


@dataclass(frozen=True)
class ContentHandler:
    """How to find what a rule covers and how to delete it.

    `candidates(rule, cutoff)` returns the disposable rows of the rule's committee older than
    `cutoff` (None: any age), with holds and every never-dispose condition already applied.
    `dispose(ids)` deletes those rows and their dependants inside the caller's transaction and
    returns (deleted ids, {reason: ids left in place}).
    `channel_field` names the path to the channel id, for the per-channel log.
    """

    key: str
    candidates: Callable[[object, datetime | None], QuerySet]
    dispose: Callable[[list[int]], tuple[list[int], dict[str, list[int]]]]
    channel_field: str


STORE = "retention_classes"


def register_class(handler: ContentHandler) -> None:
    """Register the handler of one content class (once, at start-up)."""
    registry.add(STORE, handler.key, handler)


def handler_for(key: str) -> ContentHandler | None:
    """The handler of a content class, if any app registered one."""
    return registry.store(STORE).get(key)
