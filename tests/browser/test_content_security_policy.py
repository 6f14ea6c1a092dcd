"""Chromium enforces the content security policy and the pages break none of it."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.utils import timezone

from tillit.testing import days, make_active_channel

from .helpers import sign_in

pytestmark = pytest.mark.browser

# Runs before any page script (Playwright injects it outside the page's policy).
RECORDER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
});
"""


@pytest.fixture
def watched(page):
    """The page with its CSP violations, console errors and uncaught errors recorded."""
    errors: list[str] = []
    page.add_init_script(RECORDER)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return page, errors


def violations(page) -> list[str]:
    return page.evaluate("window.__cspViolations")


@pytest.fixture
def hostile_item(live_org):
    from tillit.connectors.base import Author, InboundItem, ItemKind
    from tillit.inbox.models import Item
    from tillit.inbox.services.ingest import ingest_items

    channel = make_active_channel(live_org, timezone.localdate() - days(2))
    ingest_items(
        channel=channel,
        items=[
            InboundItem(
                platform_id="x1",
                kind=ItemKind.COMMENT,
                is_public=True,
                text='<img src=x onerror="alert(1)"> <script>alert(2)</script> hej',
                author=Author("u1", "Anna", profile_url="https://www.facebook.com/anna"),
                received_at=datetime(2026, 11, 30, 9, 0, tzinfo=UTC),
                permalink="https://www.facebook.com/1_2",
                raw={},
            )
        ],
    )
    item = Item.objects.get(platform_id="x1")
    # As a row stored before the fix would be: the template alone must keep it inert.
    Item.objects.filter(pk=item.pk).update(permalink="javascript:alert(document.domain)")
    return item


def test_pages_load_with_no_violations_and_no_console_errors(watched, hostile_item):
    page, errors = watched
    channel = hostile_item.channel
    for path in ["/kanaler/", f"/kanaler/{channel.public_id}/", "/konto/logga-in/"]:
        page.goto(path)
        assert page.locator("link[rel=stylesheet]").count() >= 1
        assert violations(page) == [], path
    sign_in(page, "staff_1")
    for path in ["/", "/inkorg/", f"/inkorg/{hostile_item.pk}/", "/granska/"]:
        response = page.goto(path)
        assert (
            response is not None
            and "script-src 'self'" in response.headers["content-security-policy"]
        )
        assert violations(page) == [], path
    # The stylesheet applied (style-src allows it): the skip link waits off-screen.
    assert page.locator(".skip-link").evaluate("e => e.getBoundingClientRect().right") <= 0
    assert errors == []


def test_the_script_permalink_is_text_and_injected_script_is_blocked(watched, hostile_item):
    page, errors = watched
    sign_in(page, "staff_1")
    page.goto(f"/inkorg/{hostile_item.pk}/")
    assert page.locator("a[href^='javascript' i]").count() == 0
    assert page.get_by_text("javascript:alert(document.domain)").count() == 1
    # A control: markup that got past escaping still could not run inline script.
    page.evaluate(
        """() => { const s = document.createElement("script");
        s.textContent = "window.__ran = true"; document.body.append(s); }"""
    )
    page.wait_for_function("window.__cspViolations.length > 0")
    assert page.evaluate("window.__ran === undefined")
    assert violations(page)[0].startswith("script-src")
    assert any("Content Security Policy" in e for e in errors)
