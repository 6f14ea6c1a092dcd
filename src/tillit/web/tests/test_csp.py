"""Every page carries the strict content security policy and needs nothing it forbids."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tillit.connectors.base import Author, InboundItem, ItemKind
from tillit.core.tests.html_checks import inline_code, unsafe_urls
from tillit.inbox.models import Item
from tillit.inbox.services.ingest import ingest_items
from tillit.testing import PASSWORD

EXPECTED = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "object-src": "'none'",
    "base-uri": "'none'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
}


def policy(header: str) -> dict[str, str]:
    """A CSP header as {directive: sources}."""
    parts = (p.strip().split(None, 1) for p in header.split(";") if p.strip())
    return {p[0]: (p[1] if len(p) > 1 else "") for p in parts}


@pytest.fixture
def site(org, active_channel):
    """An active channel with one hostile comment, so the item pages have something to show."""
    ingest_items(
        channel=active_channel,
        items=[
            InboundItem(
                platform_id="c1",
                kind=ItemKind.COMMENT,
                is_public=True,
                text='<img src=x onerror="alert(1)"><style>*{}</style> Du är en idiot',
                author=Author("u1", "<script>alert(1)</script>", profile_url="javascript:x"),
                received_at=datetime(2026, 11, 30, 9, 0, tzinfo=UTC),
                permalink="https://www.facebook.com/1_2",
                raw={},
            )
        ],
    )
    return {"channel": active_channel, "item": Item.objects.get(platform_id="c1")}


def pages(site) -> dict[str | None, list[str]]:
    """The main pages by who signs in (None: the public)."""
    channel, item = site["channel"], site["item"]
    return {
        None: [
            "/kanaler/",
            f"/kanaler/{channel.public_id}/",
            "/tillganglighet/",
            "/handlingar/",
            "/konto/logga-in/",
        ],
        "staff_1": ["/", "/inkorg/", f"/inkorg/{item.pk}/", "/granska/", "/notiser/"],
        "admin": [
            "/",
            "/register/",
            "/register/ny/",
            f"/register/{channel.public_id}/",
            "/plattformar/",
            "/organisation/",
            "/organisation/personer/",
        ],
        "registrar": [
            "/diarium/",
            "/diarium/registreringar/",
            "/diarium/begaran/",
            "/diarium/personuppgifter/",
            "/diarium/blockeringar/",
            f"/diarium/kanal/{channel.pk}/",
            "/gallring/",
        ],
        "archivist": ["/arkiv/", f"/arkiv/kanal/{channel.public_id}/"],
    }


@pytest.mark.django_db
def test_every_main_page_has_the_policy_and_no_inline_code(client, site):
    checked = 0
    for username, paths in pages(site).items():
        client.logout()
        if username:
            assert client.login(username=username, password=PASSWORD)
        for path in paths:
            response = client.get(path)
            where = f"{username or 'public'} {path}"
            assert response.status_code == 200, where
            assert policy(response["Content-Security-Policy"]) == EXPECTED, where
            assert response["Referrer-Policy"] == "same-origin", where
            assert response["X-Content-Type-Options"] == "nosniff", where
            html = response.content
            assert inline_code(html) == [], where
            assert unsafe_urls(html) == [], where
            checked += 1
    assert checked >= 25


@pytest.mark.django_db
def test_hostile_text_is_escaped_not_inline_code(client, site):
    client.login(username="staff_1", password=PASSWORD)
    html = client.get(f"/inkorg/{site['item'].pk}/").content.decode()
    assert inline_code(html) == []
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_inline_code_finds_what_the_policy_blocks():
    """The checker itself: each of these would be refused by the browser."""
    found = inline_code(
        "<script>alert(1)</script><style>p{}</style><p style='color:red'>x</p>"
        "<img src=/a.png onerror=alert(1)><a href='javascript:x'>y</a>"
    )
    assert len(found) == 5, found
    assert inline_code("<script src='/static/a.js'></script><p class='x'>y</p>") == []
    assert unsafe_urls("<a href='JavaScript:x'>y</a><img src='data:x'>") != []
