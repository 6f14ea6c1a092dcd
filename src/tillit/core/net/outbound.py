"""The policy for requests Tillit makes on its own behalf: public addresses plus the allow-list."""

from __future__ import annotations

from typing import Any

from .policy import FetchPolicy


def outbound_policy(**overrides: Any) -> FetchPolicy:
    """Public addresses only, plus TILLIT_OUTBOUND_ALLOW_HOSTS and TILLIT_FETCH_ALLOW_PRIVATE.

    Read at call time, not import time, so code that runs without Django settings (pure
    connector tests, scripts) still gets the strict default, and settings overrides apply.
    """
    hosts: frozenset[str] = frozenset()
    addresses: frozenset[str] = frozenset()
    from django.conf import settings

    if settings.configured:
        hosts = frozenset(getattr(settings, "TILLIT_OUTBOUND_ALLOW_HOSTS", ()) or ())
        addresses = frozenset(getattr(settings, "TILLIT_FETCH_ALLOW_PRIVATE", ()) or ())
    options: dict[str, Any] = {"internal_hosts": hosts, "allow_private": addresses}
    options.update(overrides)
    return FetchPolicy(**options)
