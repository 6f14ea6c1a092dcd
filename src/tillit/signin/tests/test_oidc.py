"""Sign-in through a real OpenID Connect provider on 127.0.0.1 (oidc-provider-mock), end to end.

Each test drives the browser's path with Django's test client and httpx: Tillit's authenticate
view, the provider's authorization endpoint (a person chosen by subject), Tillit's callback.
Refusals must change nothing (no user, person or identity), land on the friendly page, and be
recorded without the code, the tokens or the client secret.
"""

import json
import logging
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from tillit.audit.models import AuditEntry
from tillit.organisation.models import Person
from tillit.organisation.services import person_deactivate
from tillit.signin import oidc_discovery
from tillit.signin.models import Identity, SessionRecord

from .oidc_harness import CLIENT_ID, CLIENT_SECRET, Forger, provider, put_user

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def idp():
    with provider() as issuer:
        yield issuer


@pytest.fixture
def oidc(idp, settings):
    settings.TILLIT_OIDC_ISSUER = idp
    settings.TILLIT_OIDC_CLIENT_ID = CLIENT_ID
    settings.TILLIT_OIDC_CLIENT_SECRET = CLIENT_SECRET
    settings.TILLIT_OIDC_LABEL = "Testkommuns konto"
    settings.TILLIT_FETCH_ALLOW_PRIVATE = ["127.0.0.1"]
    oidc_discovery.forget()
    yield idp
    oidc_discovery.forget()


@pytest.fixture
def forger(oidc, settings):
    forger = Forger(oidc)
    forger.start()
    settings.OIDC_OP_TOKEN_ENDPOINT = forger.url + "/token"
    settings.OIDC_OP_JWKS_ENDPOINT = forger.url + "/jwks"
    oidc_discovery.forget()
    yield forger
    forger.stop()


def start(client: Client, issuer: str, sub: str) -> tuple[str, dict]:
    """Tillit's authenticate view, then the provider's consent as `sub`; the callback URL."""
    answer = client.get(reverse("oidc_authentication_init"))
    assert answer.status_code == 302
    location = answer["Location"]
    assert location.startswith(issuer + "/oauth2/authorize?")
    query = parse_qs(urlsplit(location).query)
    with httpx.Client(trust_env=False) as browser:
        consent = browser.post(location, data={"sub": sub})
    assert consent.status_code == 302, consent.text[:300]
    back = urlsplit(consent.headers["location"])
    assert back.path == reverse("oidc_authentication_callback")
    return f"{back.path}?{back.query}", query


def sign_in(client: Client, issuer: str, sub: str):
    callback, _ = start(client, issuer, sub)
    return client.get(callback), callback


def counts() -> tuple[int, int, int, int]:
    return (
        get_user_model().objects.count(),
        Person.objects.count(),
        Identity.objects.count(),
        SessionRecord.objects.count(),
    )


def signed_in_user_id(client: Client):
    session = client.session
    return session.get("_auth_user_id")


# The provider runs in this process and logs its own tokens (authlib, werkzeug); only what
# Tillit's side writes is checked.
TILLIT_SIDE = ("tillit", "mozilla_django_oidc", "django", "urllib3", "requests")


def tillit_side_logs(caplog) -> str:
    return "\n".join(r.getMessage() for r in caplog.records if r.name.startswith(TILLIT_SIDE))


def assert_refused(client, answer, before, reason, caplog, callback):
    """The friendly page, nothing changed, the reason recorded, no secret anywhere."""
    assert answer.status_code == 302
    assert answer["Location"] == reverse("oidc_refused")
    page = client.get(answer["Location"])
    assert page.status_code == 403
    text = page.content.decode()
    assert "Du är inte känd i Tillit" in text
    assert "Testkommun" in text
    assert counts()[:3] == before[:3]
    assert signed_in_user_id(client) is None
    entry = AuditEntry.objects.filter(action="signin.oidc_refused").order_by("-seq").first()
    assert entry is not None and entry.detail["reason"] == reason
    code = parse_qs(urlsplit(callback).query).get("code", ["-no-code-"])[0]
    recorded = json.dumps(entry.detail) + tillit_side_logs(caplog)
    assert reason in recorded
    for secret in (code, CLIENT_SECRET, "eyJ"):
        assert secret not in recorded


def test_first_sign_in_matches_verified_email_then_the_subject(org, oidc, caplog):
    caplog.set_level(logging.DEBUG)
    put_user(oidc, "sub-staff-1", {"email": "Staff_1@example.se", "email_verified": True})
    client = Client()
    callback, query = start(client, oidc, "sub-staff-1")
    # PKCE and a nonce travel with the authorization request.
    assert query["code_challenge_method"] == ["S256"] and query["code_challenge"]
    assert query["nonce"] and query["state"] and query["client_id"] == [CLIENT_ID]
    answer = client.get(callback)
    assert answer.status_code == 302 and answer["Location"] == reverse("web:home")
    person = org["staff_1"]
    assert signed_in_user_id(client) == str(person.user.pk)
    identity = Identity.objects.get()
    assert (identity.person, identity.issuer, identity.subject) == (person, oidc, "sub-staff-1")
    assert identity.last_sign_in_at is not None
    assert client.get(reverse("web:home")).status_code == 200
    entry = AuditEntry.objects.filter(action="signin.oidc").get()
    assert entry.detail == {"issuer": oidc, "subject": "sub-staff-1", "matched": "email"}
    assert SessionRecord.objects.filter(user=person.user).count() == 1

    # Later the address at the provider changes and is no longer verified: the subject decides.
    put_user(oidc, "sub-staff-1", {"email": "new@elsewhere.example", "email_verified": False})
    again = Client()
    answer, _ = sign_in(again, oidc, "sub-staff-1")
    assert answer.status_code == 302 and answer["Location"] == reverse("web:home")
    assert signed_in_user_id(again) == str(person.user.pk)
    assert Identity.objects.count() == 1
    last = AuditEntry.objects.filter(action="signin.oidc").order_by("-seq").first()
    assert last is not None and last.detail["matched"] == "subject"
    logs = tillit_side_logs(caplog)
    assert CLIENT_SECRET not in logs and "eyJ" not in logs


def test_sign_in_by_entra_style_oid_claim(org, oidc, settings):
    settings.TILLIT_OIDC_SUBJECT_CLAIM = "oid"
    admin = org["admin"]
    Identity.objects.create(person=admin, issuer=oidc, subject="oid-of-admin")
    # No e-mail at all: the stable claim alone finds the person.
    put_user(oidc, "per-app-sub", {"oid": "oid-of-admin"})
    client = Client()
    answer, _ = sign_in(client, oidc, "per-app-sub")
    assert answer["Location"] == reverse("web:home")
    assert signed_in_user_id(client) == str(admin.user.pk)


def test_unknown_person_is_refused(org, oidc, caplog):
    caplog.set_level(logging.INFO)
    put_user(oidc, "stranger", {"email": "stranger@example.org", "email_verified": True})
    before = counts()
    client = Client()
    answer, callback = sign_in(client, oidc, "stranger")
    assert_refused(client, answer, before, "unknown_person", caplog, callback)


def test_unverified_email_does_not_match(org, oidc, caplog):
    put_user(oidc, "claims-staff", {"email": "staff_2@example.se", "email_verified": False})
    before = counts()
    client = Client()
    answer, callback = sign_in(client, oidc, "claims-staff")
    assert_refused(client, answer, before, "unknown_person", caplog, callback)


def test_email_domain_policy_for_providers_without_email_verified(org, oidc, settings):
    # Entra ID: no email_verified claim; the organisation's own domain is trusted by setting.
    put_user(oidc, "entra-user", {"preferred_username": "staff_2@example.se"})
    before = counts()
    answer, _ = sign_in(Client(), oidc, "entra-user")
    assert answer["Location"] == reverse("oidc_refused")
    assert counts()[:3] == before[:3]
    settings.TILLIT_OIDC_EMAIL_DOMAINS = ["example.se"]
    client = Client()
    answer, _ = sign_in(client, oidc, "entra-user")
    assert answer["Location"] == reverse("web:home")
    assert signed_in_user_id(client) == str(org["staff_2"].user.pk)


def test_email_of_a_linked_person_does_not_move_the_account(org, oidc, caplog):
    Identity.objects.create(person=org["staff_1"], issuer=oidc, subject="the-real-one")
    put_user(oidc, "an-impostor", {"email": "staff_1@example.se", "email_verified": True})
    before = counts()
    client = Client()
    answer, callback = sign_in(client, oidc, "an-impostor")
    assert_refused(
        client, answer, before, "email_matches_person_with_other_subject", caplog, callback
    )


@pytest.mark.parametrize(
    ("mode", "reason"),
    [("tamper", "bad_signature"), ("audience", "wrong_audience"), ("expired", "expired_token")],
)
def test_bad_id_tokens_are_refused(org, forger, mode, reason, caplog):
    caplog.set_level(logging.INFO)
    Identity.objects.create(person=org["staff_1"], issuer=forger.issuer, subject="sub-ok")
    put_user(forger.issuer, "sub-ok", {"email": "staff_1@example.se", "email_verified": True})
    forger.mode = mode
    before = counts()
    client = Client()
    answer, callback = sign_in(client, forger.issuer, "sub-ok")
    assert_refused(client, answer, before, reason, caplog, callback)


def test_the_forger_itself_passes_a_good_token(org, forger):
    """The control: re-signed by a key in the JWKS with nothing else changed, it signs in."""
    Identity.objects.create(person=org["staff_1"], issuer=forger.issuer, subject="sub-ok")
    forger.mode = "resign"
    client = Client()
    answer, _ = sign_in(client, forger.issuer, "sub-ok")
    assert answer["Location"] == reverse("web:home")
    assert signed_in_user_id(client) == str(org["staff_1"].user.pk)


def test_a_reused_state_is_refused(org, oidc, caplog):
    Identity.objects.create(person=org["staff_1"], issuer=oidc, subject="sub-1")
    client = Client()
    answer, callback = sign_in(client, oidc, "sub-1")
    assert answer["Location"] == reverse("web:home")
    client.post(reverse("logout"))
    before = counts()
    # The same answer again, in the same browser and in another one.
    for browser in (client, Client()):
        replay = browser.get(callback)
        assert_refused(browser, replay, before, "unknown_or_reused_state", caplog, callback)
    assert AuditEntry.objects.filter(action="signin.oidc").count() == 1


def test_provider_error_and_missing_state_are_refused(org, oidc, caplog):
    client = Client()
    before = counts()
    start(client, oidc, "whoever")
    answer = client.get(reverse("oidc_authentication_callback") + "?error=access_denied&state=x")
    assert_refused(client, answer, before, "provider_error", caplog, "")
    answer = client.get(reverse("oidc_authentication_callback") + "?code=abc")
    assert_refused(client, answer, before, "unknown_or_reused_state", caplog, "?code=abc")


def test_deactivated_person_is_refused(org, oidc, caplog):
    person = org["staff_1"]
    Identity.objects.create(person=org["staff_2"], issuer=oidc, subject="sub-2")
    person_deactivate(actor=org["admin"], person=person)
    person_deactivate(actor=org["admin"], person=org["staff_2"])
    put_user(oidc, "sub-1", {"email": "staff_1@example.se", "email_verified": True})
    for sub in ("sub-1", "sub-2"):  # by e-mail, and by an existing identity
        before = counts()
        client = Client()
        answer, callback = sign_in(client, oidc, sub)
        assert_refused(client, answer, before, "deactivated", caplog, callback)


def test_deactivation_signs_an_oidc_session_out_everywhere(org, oidc):
    person = org["staff_1"]
    Identity.objects.create(person=person, issuer=oidc, subject="sub-1")
    phone, laptop = Client(), Client()
    for browser in (phone, laptop):
        answer, _ = sign_in(browser, oidc, "sub-1")
        assert answer["Location"] == reverse("web:home")
    assert phone.get(reverse("web:home")).status_code == 200
    keys = set(SessionRecord.objects.filter(user=person.user).values_list("session_key", flat=True))
    assert len(keys) == 2 and Session.objects.filter(session_key__in=keys).count() == 2

    person_deactivate(actor=org["admin"], person=person)

    assert not SessionRecord.objects.filter(user=person.user).exists()
    assert not Session.objects.filter(session_key__in=keys).exists()
    for browser in (phone, laptop):
        answer = browser.get(reverse("web:home"))
        assert answer.status_code == 302 and answer["Location"].startswith(reverse("login"))


def test_a_deactivated_user_is_refused_even_if_a_session_survived(org, oidc):
    """The backend's get_user refuses an inactive person, whatever happened to the sessions."""
    person = org["staff_1"]
    Identity.objects.create(person=person, issuer=oidc, subject="sub-1")
    client = Client()
    sign_in(client, oidc, "sub-1")
    SessionRecord.objects.all().delete()  # as if the record had been lost
    Person.objects.filter(pk=person.pk).update(is_active=False)
    answer = client.get(reverse("web:home"))
    assert answer.status_code == 302 and answer["Location"].startswith(reverse("login"))


def test_login_page_offers_the_provider_above_the_local_form(org, oidc):
    page = Client().get(reverse("login")).content.decode()
    button = page.index(reverse("oidc_authentication_init"))
    assert "Logga in med Testkommuns konto" in page
    assert button < page.index('type="password"')


def test_without_oidc_the_login_page_is_local_only(org, settings):
    settings.TILLIT_OIDC_ISSUER = ""
    page = Client().get(reverse("login")).content.decode()
    assert reverse("oidc_authentication_init") not in page
    assert 'type="password"' in page
    assert Client().get(reverse("oidc_authentication_init")).status_code == 404


def test_local_accounts_off_hides_and_refuses_the_password_form(org, oidc, settings):
    settings.TILLIT_LOCAL_ACCOUNTS = False
    settings.AUTHENTICATION_BACKENDS = ["tillit.signin.oidc_backend.OIDCBackend"]
    client = Client()
    page = client.get(reverse("login")).content.decode()
    assert 'type="password"' not in page
    assert reverse("oidc_authentication_init") in page
    client.post(reverse("login"), {"username": "staff_1", "password": "test-pass-123"})
    assert signed_in_user_id(client) is None


def test_an_unreachable_provider_gets_its_own_page(org, settings):
    settings.TILLIT_OIDC_ISSUER = "http://127.0.0.1:9"  # nothing listens on the discard port
    settings.TILLIT_OIDC_CLIENT_ID = CLIENT_ID
    settings.TILLIT_OIDC_CLIENT_SECRET = CLIENT_SECRET
    settings.TILLIT_FETCH_ALLOW_PRIVATE = ["127.0.0.1"]
    oidc_discovery.forget()
    client = Client()
    answer = client.get(reverse("oidc_authentication_init"))
    assert answer["Location"] == reverse("oidc_refused")
    page = client.get(answer["Location"])
    assert page.status_code == 403
    assert "svarar inte" in page.content.decode()
    entry = AuditEntry.objects.filter(action="signin.oidc_refused").get()
    assert entry.detail["reason"] == "provider_unavailable"
