"""The connectors, as the registry's ``connectors`` store: filled by ``@register_connector``.

The bundled platform modules register themselves when imported; ``load_builtin`` imports
them (from the inbox's ``AppConfig.ready`` under Django, on first use without it), and the
registry's freeze at the end of start-up refuses any connector after that.
"""

from __future__ import annotations

import importlib
from types import MappingProxyType
from typing import TypeVar

from tillit.core.registry import registry

from .base import Connector, check_connector_class

STORE = "connectors"

# Importing these modules runs their @register_connector decorators.
BUILTIN_PLATFORMS = (
    "facebook",
    "instagram",
    "youtube",
    "mastodon",
    "bluesky",
    "x",
    "linkedin",
    "rss",
)


C = TypeVar("C", bound=type[Connector])


def register_connector(cls: C) -> C:
    """Class decorator: check the connector's declarations and add it under its slug."""
    check_connector_class(cls)
    registry.add(STORE, cls.platform, cls)
    return cls


def load_builtin() -> None:
    """Import the bundled platform modules so they register themselves (once)."""
    for name in BUILTIN_PLATFORMS:
        importlib.import_module(f"{__package__}.platforms.{name}")


def get_connector(slug: str) -> type[Connector]:
    """The connector class for ``slug``; KeyError when none is registered."""
    load_builtin()
    try:
        return registry.store(STORE)[slug]
    except KeyError:
        raise KeyError(f"no connector for platform {slug!r}") from None


def all_connectors() -> MappingProxyType[str, type[Connector]]:
    """A read-only view of every registered connector, by slug."""
    load_builtin()
    return registry.store(STORE)
