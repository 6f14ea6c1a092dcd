"""The key pages and the docs page, as a person uses them."""

import re

import pytest
from django.test import Client

from tillit.api.models import ApiToken
from tillit.api.urls import ENDPOINTS
from tillit.testing import PASSWORD

from .helpers import call

pytestmark = pytest.mark.django_db


def _signed_in(username: str) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="sv")
    assert client.login(username=username, password=PASSWORD)
    return client


def test_a_person_creates_a_key_sees_it_once_and_revokes_it(org):
    client = _signed_in("info_a")
    answer = client.post(
        "/konto/api-nycklar/", {"name": "Mitt skript", "scopes": ["register:read"], "days": 30}
    )
    assert answer.status_code == 200
    assert "no-store" in answer["Cache-Control"]
    page = answer.content.decode()
    found = re.search(r'value="(tillit_[^"]+)"', page)
    assert found is not None
    key = found.group(1)
    assert "Kopiera den nu" in page
    assert call("GET", "/api/v1/channels/", key).status_code == 200
    again = client.get("/konto/api-nycklar/").content.decode()
    assert key not in again and "Mitt skript" in again
    token = ApiToken.objects.get()
    client.post(f"/konto/api-nycklar/{token.pk}/aterkalla/")
    assert call("GET", "/api/v1/channels/", key).status_code == 401
    # Nobody else revokes it, or sees it.
    other = _signed_in("info_b")
    assert other.post(f"/konto/api-nycklar/{token.pk}/aterkalla/").status_code == 404


@pytest.mark.parametrize(
    ("data", "words"),
    [
        ({"name": "", "scopes": ["register:read"], "days": 30}, "Ge nyckeln ett namn"),
        ({"name": "x", "days": 30}, "Välj minst en behörighet"),
        ({"name": "x", "scopes": ["root"], "days": 30}, "Välj ett giltigt alternativ"),
        ({"name": "x", "scopes": ["register:read"], "days": 100000}, "mellan 1 och 365"),
        ({"name": "x", "scopes": ["register:read"], "days": "många"}, "helt antal dagar"),
    ],
)
def test_a_bad_key_form_says_why_in_swedish_and_makes_nothing(org, data, words):
    answer = _signed_in("info_a").post("/konto/api-nycklar/", data)
    assert answer.status_code == 200 and words in answer.content.decode()
    assert not ApiToken.objects.exists()


def test_the_administrator_makes_a_service_account_and_its_key(org):
    assert _signed_in("manager_a").get("/organisation/tjanstekonton/").status_code == 404
    client = _signed_in("admin")
    made = client.post(
        "/organisation/tjanstekonton/", {"account-name": "Diariet", "account-function": "Diarium"}
    )
    assert made.status_code == 302
    person_page = client.get(made["Location"]).content.decode()
    assert "Tjänstekonto" in person_page and "Skicka en inbjudan" not in person_page
    account = org["admin"].__class__.objects.get(is_service=True)
    answer = client.post(
        "/organisation/tjanstekonton/",
        {
            "key-account": account.pk,
            "key-name": "Diariet",
            "key-scopes": ["records:read"],
            "key-days": 90,
        },
    )
    assert answer.status_code == 200 and "no-store" in answer["Cache-Control"]
    token = ApiToken.objects.get()
    assert token.person == account and token.kind == "service"
    assert "Diariet" in client.get("/organisation/tjanstekonton/").content.decode()


def test_the_docs_page_lists_every_call_with_its_scope(org):
    page = Client(HTTP_ACCEPT_LANGUAGE="sv").get("/api/v1/").content.decode()
    assert "Integrations-API" in page
    for pattern in ENDPOINTS:
        route = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", str(pattern.pattern))
        assert f"/{route}" in page, route
        for scope in pattern.callback.view_class.scopes.values():
            assert scope in page


def test_an_unknown_api_address_answers_json(org):
    answer = call("GET", "/api/v1/nothing-here/")
    assert answer.status_code == 404 and answer["Content-Type"] == "application/json"
