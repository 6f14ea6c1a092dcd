"""The connector registry: filled by ``@register_connector`` at import time, frozen after."""

from __future__ import annotations

import importlib
from types import MappingProxyType
from typing import TypeVar

from .base import Connector, check_connector_class

_registry: dict[str, type[Connector]] = {}
_frozen = False
_builtin_loaded = False

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


class RegistryFrozen(RuntimeError):
    """Raised when something registers a connector after start-up."""


def register_connector(cls: C) -> C:
    """Class decorator: check the connector's declarations and add it under its slug."""
    if _frozen:
        raise RegistryFrozen(f"cannot register {cls.__name__}: the registry is frozen")
    check_connector_class(cls)
    existing = _registry.get(cls.platform)
    if existing is not None and existing is not cls:
        raise ValueError(f"platform {cls.platform!r} is already registered by {existing.__name__}")
    _registry[cls.platform] = cls
    return cls


def load_builtin() -> None:
    """Import the bundled platform modules so they register themselves (once)."""
    global _builtin_loaded
    if _builtin_loaded:
        return
    for name in BUILTIN_PLATFORMS:
        importlib.import_module(f"{__package__}.platforms.{name}")
    _builtin_loaded = True


def freeze() -> None:
    """Load the bundled connectors, then refuse further registrations (AppConfig.ready)."""
    global _frozen
    load_builtin()
    _frozen = True


def is_frozen() -> bool:
    """True once start-up has frozen the registry."""
    return _frozen


def get_connector(slug: str) -> type[Connector]:
    """The connector class for ``slug``; KeyError when none is registered."""
    load_builtin()
    try:
        return _registry[slug]
    except KeyError:
        raise KeyError(f"no connector for platform {slug!r}") from None


def all_connectors() -> MappingProxyType[str, type[Connector]]:
    """A read-only view of every registered connector, by slug."""
    load_builtin()
    return MappingProxyType(_registry)
