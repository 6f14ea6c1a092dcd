"""The finding: sessions lasted 14 days with no idle limit. Now idle and absolute limits hold."""

import time
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tillit.core import sessions
from tillit.testing import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def clock(monkeypatch):
    """A clock for the session middleware that the test moves forward."""
    now = {"t": time.time()}
    monkeypatch.setattr(sessions, "time", SimpleNamespace(time=lambda: now["t"]))

    def advance(minutes: float) -> None:
        now["t"] += minutes * 60

    return advance


def _signed_in(org) -> Client:
    client = Client()
    assert client.login(username="manager_a", password=PASSWORD)
    return client


def _home_status(client: Client) -> int:
    return client.get(reverse("web:home")).status_code


def test_defaults_are_30_minutes_idle_12_hours_at_most_and_a_strict_cookie():
    assert settings.TILLIT_SESSION_IDLE_MINUTES == 30 and settings.TILLIT_SESSION_MAX_HOURS == 12
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_COOKIE_HTTPONLY and settings.SESSION_COOKIE_SAMESITE == "Lax"


def test_an_idle_session_ends(org, clock):
    client = _signed_in(org)
    assert _home_status(client) == 200
    clock(29)
    assert _home_status(client) == 200  # activity renews the idle limit
    clock(29)
    assert _home_status(client) == 200
    clock(31)
    assert _home_status(client) == 302  # signed out
    assert "_auth_user_id" not in client.session


def test_an_active_session_still_ends_after_the_maximum_age(org, clock):
    client = _signed_in(org)
    for _ in range(12 * 3):  # a request every 20 minutes for 12 hours
        clock(20)
        if _home_status(client) != 200:
            break
    clock(20)
    assert _home_status(client) == 302


def test_idle_limit_comes_from_settings(org, clock, settings):
    settings.TILLIT_SESSION_IDLE_MINUTES = 5
    client = _signed_in(org)
    clock(6)
    assert _home_status(client) == 302


def test_session_cookie_is_http_only_lax_and_short_lived(org):
    client = Client()
    response = client.post(
        reverse("login"), {"username": "manager_a", "password": PASSWORD}, follow=False
    )
    assert response.status_code == 302
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert int(cookie["max-age"]) == 30 * 60
