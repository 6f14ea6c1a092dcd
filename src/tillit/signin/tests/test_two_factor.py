"""Two-step verification: required for administrators who sign in with a password, enrolled
with a real TOTP secret, replay and guessing refused, and resettable by another administrator."""

import time

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tillit.audit.models import AuditEntry

PASSWORD = "test-pass-123"  # noqa: S105 - tillit.testing's, which sits above this app

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def required(settings):
    settings.TILLIT_ADMIN_TWO_FACTOR = True


def _code(device: TOTPDevice, offset: int = 0) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=offset):06d}"


def _password_login(username: str) -> Client:
    client = Client()
    response = client.post(reverse("login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]
    return client


def _enrol(client: Client) -> TOTPDevice:
    page = client.get(reverse("signin:enrol"))
    assert page.status_code == 200
    body = page.content.decode()
    assert 'src="data:image/svg+xml;base64,' in body
    device = TOTPDevice.objects.get(user__username="admin", confirmed=False)
    device.throttle_reset()  # a wrong code before makes the next wait a second
    response = client.post(reverse("signin:enrol"), {"code": _code(device), "next": "/kanaler/"})
    assert response.status_code == 302 and response["Location"] == "/kanaler/"
    device.refresh_from_db()
    assert device.confirmed
    return device


def test_an_administrator_with_a_password_must_enrol_before_any_page(org):
    client = _password_login("admin")
    response = client.get(reverse("organisation:people"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("signin:enrol") + "?next=")
    page = client.get(response["Location"]).content.decode()
    assert "Organisationsadministratörer som loggar in med lösenord" in page
    # A wrong first code enrols nothing.
    bad = client.post(reverse("signin:enrol"), {"code": "000000"})
    assert "Koden stämde inte" in bad.content.decode()
    assert not TOTPDevice.objects.filter(confirmed=True).exists()
    _enrol(client)
    assert client.get(reverse("organisation:people")).status_code == 200
    assert AuditEntry.objects.filter(action="signin.two_factor_enabled").exists()


def test_the_next_sign_in_asks_for_a_code_and_refuses_replay_and_guessing(org):
    device = _enrol(_password_login("admin"))
    used = _code(device)  # accepted at enrolment
    client = _password_login("admin")
    redirect = client.get(reverse("organisation:people"))
    assert redirect["Location"].startswith(reverse("signin:two_factor"))
    # The code already used is not taken a second time.
    replay = client.post(reverse("signin:two_factor"), {"code": used})
    assert replay.status_code == 200
    assert client.get(reverse("organisation:people")).status_code == 302
    # Wrong guesses make the next try wait.
    client.post(reverse("signin:two_factor"), {"code": "123456"})
    slowed = client.post(reverse("signin:two_factor"), {"code": "654321"})
    assert "Försök igen om" in slowed.content.decode()
    assert AuditEntry.objects.filter(action="signin.two_factor_failed").exists()
    # Once the wait has passed, the next code lets the person in.
    device.refresh_from_db()
    device.throttle_reset()
    while _code(device) == used:
        time.sleep(1)
    ok = client.post(
        reverse("signin:two_factor"), {"code": _code(device), "next": "/organisation/personer/"}
    )
    assert ok.status_code == 302 and ok["Location"] == "/organisation/personer/"
    assert client.get(reverse("organisation:people")).status_code == 200


def test_an_open_redirect_is_not_followed_after_the_code(org):
    device = _enrol(_password_login("admin"))
    client = _password_login("admin")
    device.refresh_from_db()
    while True:
        code = _code(device)
        if device.last_t < int(time.time()) // device.step:
            break
        time.sleep(1)
    ok = client.post(reverse("signin:two_factor"), {"code": code, "next": "https://evil.example/"})
    assert ok["Location"] == reverse("web:home")


def test_people_without_the_admin_role_or_signed_in_through_the_provider_are_not_asked(org):
    assert _password_login("manager_a").get(reverse("web:home")).status_code == 200
    oidc = Client()
    oidc.force_login(org["admin"].user, backend="tillit.signin.oidc_backend.OIDCBackend")
    assert oidc.get(reverse("organisation:people")).status_code == 200


def test_off_means_administrators_are_not_forced(org, settings):
    settings.TILLIT_ADMIN_TWO_FACTOR = False
    assert _password_login("admin").get(reverse("organisation:people")).status_code == 200


def test_an_unverified_session_cannot_reach_the_reset_of_someone_else(org):
    victim_device = TOTPDevice.objects.create(user=org["manager_a"].user, confirmed=True)
    _enrol(_password_login("admin"))
    half = _password_login("admin")  # password only, no code yet
    url = reverse("signin:two_factor_reset", args=[org["manager_a"].pk])
    assert half.post(url).status_code == 302
    assert TOTPDevice.objects.filter(pk=victim_device.pk).exists()


def test_another_administrator_removes_a_lost_authenticator_and_ends_the_sessions(org):
    from tillit.organisation.services import role_assign

    TOTPDevice.objects.create(user=org["manager_a"].user, confirmed=True)
    holder = Client()
    holder.force_login(org["manager_a"].user)
    sessions_before = Session.objects.count()
    role_assign(actor=org["admin"], person=org["webmaster"], role="org_admin")
    second = Client()
    second.force_login(org["webmaster"].user, backend="tillit.signin.oidc_backend.OIDCBackend")
    url = reverse("signin:two_factor_reset", args=[org["manager_a"].pk])
    assert "Ta bort autentiseringsappen" in second.get(url).content.decode()
    assert second.post(url).status_code == 302
    assert not TOTPDevice.objects.filter(user=org["manager_a"].user).exists()
    assert Session.objects.count() == sessions_before  # the holder's ended, the second's began
    assert holder.get(reverse("web:home")).status_code == 302
    assert AuditEntry.objects.filter(action="signin.two_factor_reset").exists()
    # Only administrators reach it.
    other = Client()
    other.force_login(org["manager_b"].user)
    assert other.get(url).status_code == 404
