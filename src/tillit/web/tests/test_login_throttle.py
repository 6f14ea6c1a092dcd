"""The finding: 30 wrong passwords in a row met no delay. Now a lockout per user name and address."""

import time
from types import SimpleNamespace

import pytest
from django.test import Client
from django.urls import reverse

from tillit.core import login_throttle
from tillit.testing import PASSWORD

pytestmark = pytest.mark.django_db


def _login(client: Client, username: str, password: str):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_thirty_wrong_passwords_lock_the_right_one_out_for_the_window(org, monkeypatch):
    client = Client()
    for _ in range(30):
        assert _login(client, "manager_a", "wrong").status_code == 200
    refused = _login(client, "manager_a", PASSWORD)
    assert refused.status_code == 200 and "_auth_user_id" not in client.session
    assert "För många misslyckade inloggningar" in refused.content.decode()
    # Another user from the same address is not affected.
    assert _login(Client(), "archivist", PASSWORD).status_code == 302
    # Attempts during the lockout are not even checked, so they neither succeed nor extend
    # it: still refused ten minutes later, let in once the 15 minutes have passed.
    later = time.time()
    monkeypatch.setattr(login_throttle, "time", SimpleNamespace(time=lambda: later + 10 * 60))
    assert _login(client, "manager_a", PASSWORD).status_code == 200
    monkeypatch.setattr(login_throttle, "time", SimpleNamespace(time=lambda: later + 16 * 60))
    assert _login(client, "manager_a", PASSWORD).status_code == 302


def test_the_lockout_starts_at_the_limit_and_doubles(org, settings):
    settings.TILLIT_LOGIN_MAX_FAILURES = 5
    settings.TILLIT_LOGIN_LOCKOUT_MINUTES = 15
    lockouts = [login_throttle.login_failed("kim", "10.0.0.1") for _ in range(7)]
    assert lockouts == [0, 0, 0, 0, 15 * 60, 30 * 60, 60 * 60]
    assert login_throttle.login_locked_for("kim", "10.0.0.1") > 59 * 60
    assert login_throttle.login_locked_for("KIM", "10.0.0.1") > 0  # user names fold case
    assert login_throttle.login_locked_for("kim", "10.0.0.2") == 0  # another address


def test_a_right_password_below_the_limit_clears_the_count(org):
    client = Client()
    for _ in range(4):
        _login(client, "manager_a", "wrong")
    assert _login(client, "manager_a", PASSWORD).status_code == 302
    assert login_throttle.login_locked_for("manager_a", "127.0.0.1") == 0
    client.logout()
    for _ in range(4):
        _login(client, "manager_a", "wrong")
    assert _login(client, "manager_a", PASSWORD).status_code == 302  # counting began anew
