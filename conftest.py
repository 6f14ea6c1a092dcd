"""Shared fixtures for every suite: a small organisation with one person per role, built through the services."""

import os
from datetime import timedelta

import pytest
from django.utils import timezone

# Playwright's sync API runs an event loop in the test thread; the ORM calls made by the
# test itself are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def org(db):
    """An organisation with two departments, platforms and one person per role."""
    from tillit.testing import build_org

    return build_org()


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def active_channel(org, today):
    """A channel in department A walked all the way to active."""
    from tillit.testing import make_active_channel

    return make_active_channel(org, today - timedelta(days=1))


def _django_ready() -> bool:
    """Pure-Python suites run with `-p no:django`; the Django fixtures then stand aside."""
    from django.conf import settings

    return settings.configured


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache, so no test sees another's cached pages."""
    if not _django_ready():
        yield
        return
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _english_outside_requests():
    """Service-level tests read English messages; requests still pick their own language."""
    if not _django_ready():
        yield
        return
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def public_dns(monkeypatch):
    """Answer every host-name lookup with one public address, so saving a connection to a
    made-up host passes the outbound check offline; fill the returned table to make a name
    resolve elsewhere (a loopback address, say). Nothing in the tests connects to these."""
    table: dict[str, list[str]] = {}

    def resolve(host, port):
        return table.get(host, ["93.184.215.14"])

    monkeypatch.setattr("tillit.core.net.policy._getaddrinfo", resolve)
    return table
