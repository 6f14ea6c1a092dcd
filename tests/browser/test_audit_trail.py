"""The audit trail in Chromium: the auditor finds it in the menu, filters it with the keyboard,
follows an object's history, verifies the chain and exports a period; axe finds no WCAG 2.1
A/AA violation on any of its pages, on a desktop or at 375 px; others do not find it."""

import csv
import io
import re

import pytest
from django.utils import timezone

from tillit.testing import days, make_active_channel

from .helpers import axe_violations, sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def channel(live_org):
    return make_active_channel(live_org, timezone.localdate() - days(2))


def _fits(page) -> bool:
    """Whether the page is no wider than the window (tables may scroll inside themselves)."""
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_the_auditor_filters_follows_verifies_and_exports(page, channel):
    sign_in(page, "auditor")
    page.get_by_role("link", name="Granskningslogg").click()
    page.wait_for_url("**/granskningslogg/")
    assert axe_violations(page) == [], "the trail"
    assert page.get_by_role("table").get_by_text("Kanal publicerad och aktiverad").count() == 1

    # Filter by what happened, with the keyboard alone.
    what = page.locator("#id_action")
    what.focus()
    what.select_option(label="Kanal godkänd")
    page.get_by_role("button", name="Visa poster").press("Enter")
    page.wait_for_url("**action=channel.approve**")
    rows = page.locator("table.audit-trail tbody tr")
    assert rows.count() == 1 and "Kanal godkänd" in rows.first.inner_text()
    assert axe_violations(page) == [], "the trail, filtered"

    # A period that ends before it starts is refused, in Swedish, next to the field.
    page.goto("/granskningslogg/?date_from=2026-02-01&date_to=2026-01-01")
    summary = page.get_by_role("alert")
    assert "Perioden slutar innan den börjar" in summary.inner_text()
    assert axe_violations(page) == [], "the trail with an error"

    # The channel's history, oldest first, from its link in the object column.
    page.goto("/granskningslogg/?action=channel.create")
    table = page.locator("table.audit-trail")
    table.get_by_role("link", name=re.compile(r"^Kanal \d+$")).first.click()
    page.wait_for_url("**/granskningslogg/objekt/channels.channel/**")
    assert "Historik för Kanal" in page.locator("h1").inner_text()
    assert page.locator("table.audit-trail tbody tr").count() == 7  # created, then six steps
    assert axe_violations(page) == [], "an object's history"

    # Verify the whole chain; the result is in Swedish and recorded.
    page.goto("/granskningslogg/")
    page.get_by_role("button", name="Kontrollera hela kedjan nu").click()
    page.wait_for_url("**/granskningslogg/")
    assert "Kedjan har kontrollerats" in page.get_by_role("status").first.inner_text()
    assert page.locator(".audit-chain strong.status").inner_text() == "Hel"
    assert axe_violations(page) == [], "the trail after verification"

    # Export the period as CSV.
    today = timezone.localdate().isoformat()
    page.goto(f"/granskningslogg/?date_from={today}&date_to={today}")
    with page.expect_download() as download:
        page.get_by_role("button", name="Exportera de här posterna som CSV").click()
    assert download.value.suggested_filename == f"granskningslogg_{today}_{today}.csv"
    body = open(download.value.path(), encoding="utf-8-sig").read()  # noqa: SIM115
    rows_out = list(csv.reader(io.StringIO(body), delimiter=";"))
    assert rows_out[0][0] == "Nummer" and len(rows_out) > 10


def test_the_trail_works_at_phone_width(page, channel):
    page.set_viewport_size({"width": 375, "height": 800})
    sign_in(page, "admin")
    for path in [
        "/granskningslogg/",
        f"/granskningslogg/objekt/channels.channel/{channel.pk}/",
        "/granskningslogg/?date_to=2020-01-01&date_from=2021-01-01",
    ]:
        page.goto(path)
        assert axe_violations(page) == [], path
        assert _fits(page), path


def test_others_do_not_find_the_trail(page, channel):
    sign_in(page, "info_a")
    assert page.get_by_role("link", name="Granskningslogg").count() == 0
    response = page.goto("/granskningslogg/")
    assert response is not None and response.status == 404
