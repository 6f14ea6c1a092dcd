"""The one registry: named stores that apps fill with decorators at start-up.

A lower layer never imports a higher one. Where a lower layer needs something from above
(moderation's panel on the inbox item page, the archive's retention handler, the
assessment that runs after ingest), it names a store here and the higher app registers into
it from its ``AppConfig.ready``. The last app in INSTALLED_APPS (``tillit.web``) freezes the
registry once every app is ready, so a registration after start-up, or a second one under
the same key, is a programming error and refused loudly instead of silently replacing the
first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from types import MappingProxyType
from typing import Any, TypeVar

T = TypeVar("T")

#: Every store and what it holds. A store is keyed; the key is the item's name.
STORES: dict[str, str] = {
    "connectors": "platform slug -> Connector class (tillit.connectors)",
    "periodic_jobs": "job name -> JobSpec (tillit.core.scheduler)",
    "ingest_subscribers": "name -> callable(item_id, version) run on commit after ingest",
    "retention_classes": "content key -> ContentHandler (tillit.retention.registry)",
    "item_panels": "name -> ItemPanel for the inbox item page",
    "queue_proposals": "name -> callable(items) -> {item id: proposal text} for the queue's rows",
    "queue_bulk": "name -> BulkAction(url name, label) offered for the queue's selected items",
    "report_sections": "name -> report section (follow-up)",
    "access_rules": "model label -> AccessRule (tillit.access.queryset)",
    "actor_loaders": "name -> callable(person) -> Actor fields (tillit.access.actor)",
    "person_deactivated": "name -> callable(person, actor) inside the deactivation's transaction",
    "access_request_opened": "name -> callable(request, actor) inside the opening's transaction",
    "access_request_closed": "name -> callable(request, actor) inside the closing's transaction",
    "transition_checks": "name -> callable(channel, step) -> problems that refuse a lifecycle step",
    "reply_holds": "name -> callable(actor, item, text) -> where a reply waits for approval, or None",
    "outgoing_checks": "name -> callable(channel, text) -> reasons that stop a reply going out",
    "action_finished": "name -> callable(action, permalink) inside the outbox's finishing transaction",
    "transition_effects": "name -> callable(channel, step, actor) inside a lifecycle step's transaction",
}


class RegistryError(RuntimeError):
    """A registration after start-up, under an unknown store, or twice under one key."""


class Registry:
    """Named, keyed stores; writable until ``freeze()``, read-only after."""

    def __init__(self, stores: dict[str, str]) -> None:
        self._stores: dict[str, dict[str, Any]] = {name: {} for name in stores}
        self._frozen = False

    def add(self, store: str, key: str, value: Any) -> None:
        """Register ``value`` under ``key``; the same object twice is a no-op (re-import)."""
        if store not in self._stores:
            raise RegistryError(f"no registry store named {store!r}")
        items = self._stores[store]
        existing = items.get(key)
        if existing is value:
            return
        if self._frozen:
            raise RegistryError(f"cannot register {key!r} in {store!r}: the registry is frozen")
        if existing is not None:
            raise RegistryError(f"{key!r} is already registered in {store!r}")
        items[key] = value

    def register(self, store: str, key: str) -> Callable[[T], T]:
        """Decorator form of ``add``: ``@registry.register("item_panels", "moderation")``."""

        def decorator(value: T) -> T:
            self.add(store, key, value)
            return value

        return decorator

    def store(self, name: str) -> MappingProxyType[str, Any]:
        """A read-only view of one store, in registration order."""
        if name not in self._stores:
            raise RegistryError(f"no registry store named {name!r}")
        return MappingProxyType(self._stores[name])

    def values(self, name: str) -> Iterator[Any]:
        """The values of one store, in registration order."""
        return iter(list(self.store(name).values()))

    def freeze(self) -> None:
        """Refuse every later registration (called once all apps are ready)."""
        self._frozen = True

    @property
    def frozen(self) -> bool:
        """True once start-up has finished."""
        return self._frozen


registry = Registry(STORES)
