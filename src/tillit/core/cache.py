"""Versioned cache namespaces: a change bumps the version, so stale entries are never read."""

from typing import cast

from django.core.cache import cache
from django.db import transaction


def namespace_version(namespace: str) -> int:
    """The current version of a cache namespace."""
    # Only this module writes these keys, always with an int.
    return cast(int, cache.get_or_set(f"ns:{namespace}", 1, timeout=None))


def namespace_bump_on_commit(namespace: str) -> None:
    """Invalidate a namespace once the current transaction commits."""

    def _bump() -> None:
        try:
            cache.incr(f"ns:{namespace}")
        except ValueError:
            cache.set(f"ns:{namespace}", 2, timeout=None)

    transaction.on_commit(_bump)
