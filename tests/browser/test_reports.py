"""Follow-up in Chromium: the report with its charts, the compliance view and the channel's
profile audit, on a desktop and a phone; axe finds no WCAG 2.1 A/AA violation."""

from datetime import date, timedelta

import pytest

from tillit.reports.tests.builders import november

from .helpers import axe_violations, shot, sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def reported(live_org):
    from tillit.channels.profile_audit import ProfileRead
    from tillit.channels.services.profile_audits import profile_audit_record
    from tillit.moderation.services.policy import policy_create_from_guideline
    from tillit.testing import make_active_channel

    channel = make_active_channel(live_org, date.today() - timedelta(days=60))
    november(channel, policy_create_from_guideline(actor=live_org["admin"]))
    profile_audit_record(
        channel=channel,
        read=ProfileRead(
            text="Testkommun <script>alert(1)</script>", links=("https://www.example.se",)
        ),
    )
    return channel


def test_the_report_page_with_charts_on_desktop_and_phone(page, reported):
    sign_in(page, "admin")
    page.goto("/")
    page.get_by_role("link", name="Uppföljning").click()
    page.locator("#id_start").fill("2026-11-01")
    page.locator("#id_end").fill("2026-11-30")
    page.get_by_role("button", name="Visa rapporten").click()
    page.wait_for_selector("svg.chart")
    assert page.get_by_role("img", name="Aktivitet per vecka").count() == 1
    assert page.get_by_role("img", name="Beslut per regel").count() == 1
    assert "Tid till första svar, median (timmar)" in page.content()
    assert axe_violations(page) == [], "report page"
    page.get_by_text("Siffrorna i ”Aktivitet per vecka”").click()
    assert axe_violations(page) == [], "report page, numbers open"
    with page.expect_download() as download:
        page.get_by_role("link", name="Ladda ner PDF").click()
    assert download.value.suggested_filename.endswith(".pdf")
    page.set_viewport_size({"width": 375, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert axe_violations(page) == [], "report page on a phone"
    shot(page, "report-phone")


def test_a_bad_period_is_said_in_swedish(page, reported):
    sign_in(page, "admin")
    page.goto("/uppfoljning/?scope=org&start=2026-11-30&end=2026-11-01")
    assert "Perioden slutar innan den börjar." in page.content()
    assert axe_violations(page) == [], "report form with an error"


def test_the_compliance_view_and_the_profile_audit(page, reported):
    sign_in(page, "manager_a")
    page.goto("/uppfoljning/efterlevnad/")
    row = page.get_by_role("row", name="Biblioteket")
    assert "Länkar till samlingssidan" in row.inner_text()
    assert axe_violations(page) == [], "compliance view"
    page.set_viewport_size({"width": 375, "height": 800})
    assert axe_violations(page) == [], "compliance view on a phone"
    shot(page, "compliance-phone")
    page.set_viewport_size({"width": 1280, "height": 900})
    row.get_by_role("link").first.click()
    assert page.get_by_role("heading", name="Vad profilen säger").count() == 1
    assert "<script>alert(1)" not in page.content()
    assert axe_violations(page) == [], "channel page with its profile audit"
    shot(page, "channel-profile")
