"""Checking a connection also judges the Page's profile (R10, R11): what it lacks is said in
Swedish with the text to paste; a complete profile is said to be complete."""

import httpx
import pytest
import respx
from django.test import Client

from tillit.testing import PASSWORD

pytestmark = pytest.mark.django_db


def _check(fb_channel, page: dict) -> list[str]:
    client = Client(HTTP_ACCEPT_LANGUAGE="sv")
    client.login(username="manager_a", password=PASSWORD)
    with respx.mock(assert_all_mocked=True) as mock:
        mock.get(host="graph.facebook.com").mock(return_value=httpx.Response(200, json=page))
        answer = client.post(f"/register/{fb_channel.public_id}/koppling/test/", follow=True)
    return [str(m) for m in answer.context["messages"]]


def _complete(fb_channel, org) -> dict:
    rules = f"http://127.0.0.1:8000/kanaler/{fb_channel.public_id}/regler/"
    return {
        "id": "111222333",
        "name": "Biblioteket – Testkommun",
        "about": f"{fb_channel.purpose} Kommentarsregler: {rules}",
        "description": "Alla kanaler: www.example.se/socialamedier",
        "website": "https://www.example.se",
        "link": "https://www.facebook.com/biblioteket",
    }


def test_a_complete_profile_is_said_to_be_complete(org, fb_channel):
    said = _check(fb_channel, _complete(fb_channel, org))
    assert any("Profilen anger vem som står bakom" in m for m in said), said


def test_a_missing_link_collection_is_said_with_the_text_to_paste(org, fb_channel):
    page = _complete(fb_channel, org) | {"description": ""}
    said = _check(fb_channel, page)
    [warning] = [m for m in said if "Profilen saknar" in m]
    assert "samlingssidan" in warning
    assert "Alla våra kanaler: https://www.example.se/socialamedier" in warning
    assert "webbplats" not in warning.split("Lägg till")[0]


def test_a_hostile_profile_is_judged_not_rendered(org, fb_channel):
    page = {
        "id": "111222333",
        "name": "<script>alert(1)</script>",
        "about": "<img src=x onerror=alert(1)>" * 500,
        "website": "javascript:alert(1)",
    }
    said = _check(fb_channel, page)
    assert any("Profilen saknar" in m for m in said)
