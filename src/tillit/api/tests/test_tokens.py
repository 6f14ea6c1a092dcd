"""Keys: shown once, stored as a hash, and refused in every bad shape with a Swedish reason."""

import logging
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tillit.api.models import ApiToken, TokenKind
from tillit.api.tokens import service_account_create, token_issue, token_revoke
from tillit.audit.models import AuditEntry
from tillit.core.exceptions import NotFound
from tillit.organisation.services import person_deactivate, role_assign

from .helpers import call

pytestmark = pytest.mark.django_db
CHANNELS = "/api/v1/channels/"


def test_the_secret_is_never_stored_and_the_key_works(org, key_for):
    key = key_for(org["admin"], "register:read")
    token = ApiToken.objects.get()
    assert key.startswith(f"tillit_{token.prefix}_")
    assert key not in token.secret_hash and len(token.secret_hash) == 64
    assert call("GET", CHANNELS, key).status_code == 200
    assert ApiToken.objects.get().last_used_at is not None
    issued = AuditEntry.objects.get(action="api.token_issue")
    assert key not in str(issued.detail) and token.prefix in str(issued.detail)


@pytest.mark.parametrize(
    "header",
    [
        "Bearer",
        "Bearer tillit_00000000_" + "A" * 43,
        "Bearer not-a-key",
        "Bearer " + "x" * 5000,
        "Bearer a b",
    ],
)
def test_bad_keys_are_refused_in_swedish_and_logged_without_secret(org, header, caplog):
    from django.test import Client

    caplog.set_level(logging.WARNING, logger="tillit.api")
    answer = Client().get(CHANNELS, HTTP_AUTHORIZATION=header, HTTP_ACCEPT_LANGUAGE="sv")
    assert answer.status_code == 401
    assert answer["WWW-Authenticate"].startswith("Bearer")
    assert "API-nyckel" in answer.json()["detail"]
    assert "API key refused" in caplog.text
    assert "A" * 43 not in caplog.text


def test_no_key_at_all_is_401_not_a_page(org):
    answer = call("GET", CHANNELS)
    assert answer.status_code in (401, 403)
    assert "detail" in answer.json()


def test_a_wrong_secret_with_a_real_prefix_is_refused(org, key_for, caplog):
    caplog.set_level(logging.WARNING, logger="tillit.api")
    key = key_for(org["admin"])
    forged = key[:-4] + ("AAAA" if not key.endswith("AAAA") else "BBBB")
    assert call("GET", CHANNELS, forged).status_code == 401
    assert "unknown" in caplog.text and key.split("_")[1] in caplog.text
    assert forged.rsplit("_", 1)[1] not in caplog.text


def test_expired_revoked_and_deactivated_keys_are_refused(org, key_for):
    expired = key_for(org["info_a"])
    ApiToken.objects.filter(person=org["info_a"]).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    answer = call("GET", CHANNELS, expired, HTTP_ACCEPT_LANGUAGE="sv")
    assert answer.status_code == 401 and "gått ut" in answer.json()["detail"]

    revoked = key_for(org["info_b"])
    token = ApiToken.objects.get(person=org["info_b"])
    token_revoke(actor=org["info_b"], token=token)
    assert call("GET", CHANNELS, revoked).status_code == 401

    leaving = key_for(org["webmaster"])
    assert call("GET", CHANNELS, leaving).status_code == 200
    person_deactivate(actor=org["admin"], person=org["webmaster"])
    assert call("GET", CHANNELS, leaving).status_code == 401
    assert ApiToken.objects.get(person=org["webmaster"]).revoked_at is not None


def test_a_deactivated_person_whose_key_survived_is_still_refused(org, key_for):
    key = key_for(org["webmaster"])
    person_deactivate(actor=org["admin"], person=org["webmaster"])
    ApiToken.objects.update(revoked_at=None)  # as if the revocation had been lost
    answer = call("GET", CHANNELS, key, HTTP_ACCEPT_LANGUAGE="sv")
    assert answer.status_code == 401 and "inte längre aktiv" in answer.json()["detail"]


def test_issuing_is_bounded(org):
    admin = org["admin"]

    def issue(**kw):
        args = {
            "actor": admin,
            "person": admin,
            "kind": TokenKind.PERSONAL,
            "name": "x",
            "scopes": ["register:read"],
            "days": 30,
        }
        return token_issue(**(args | kw))

    with pytest.raises(ValidationError):
        issue(days=0)
    with pytest.raises(ValidationError):
        issue(days=10_000)
    with pytest.raises(ValidationError):
        issue(scopes=[])
    with pytest.raises(ValidationError):
        issue(scopes=["everything"])
    with pytest.raises(ValidationError):
        issue(name="   ")
    with pytest.raises(NotFound):  # someone else's personal key
        issue(person=org["info_a"])
    with pytest.raises(NotFound):  # a service key for a person
        issue(kind=TokenKind.SERVICE, person=org["info_a"])
    assert not ApiToken.objects.exists()


def test_service_accounts_are_the_administrators_and_never_sign_in(org, settings):
    from django.test import Client

    from tillit.organisation.invitations import person_invite

    settings.TILLIT_LOCAL_ACCOUNTS = True
    with pytest.raises(NotFound):
        service_account_create(actor=org["manager_a"], name="Diariet")
    account = service_account_create(actor=org["admin"], name="Diariet Public 360")
    assert account.is_service and not account.user.has_usable_password()
    with pytest.raises(ValidationError):
        person_invite(actor=org["admin"], person=account)
    client = Client()
    assert not client.login(username=account.user.username, password="")
    with pytest.raises(NotFound):
        token_issue(
            actor=org["manager_a"],
            person=account,
            kind=TokenKind.SERVICE,
            name="x",
            scopes=["records:read"],
            days=30,
        )
    _token, key = token_issue(
        actor=org["admin"],
        person=account,
        kind=TokenKind.SERVICE,
        name="Diariet",
        scopes=["records:read"],
        days=30,
    )
    # No role yet: the key gets in, but the registers are not there for it.
    assert call("GET", "/api/v1/records/registrations", key).status_code == 404
    role_assign(actor=org["admin"], person=account, role="registrar")
    answer = call("GET", "/api/v1/records/registrations", key)
    assert answer.status_code == 200 and answer.json()["results"] == []


def test_a_service_account_is_never_an_organisation_administrator(org):
    account = service_account_create(actor=org["admin"], name="Diariet")
    with pytest.raises(ValidationError):
        role_assign(actor=org["admin"], person=account, role="org_admin")
