"""axe-core finds no WCAG 2.1 A/AA violations on the public pages and the pages a manager uses."""

import pytest

from tillit.channels import services as ch
from tillit.testing import days, make_active_channel, make_channel

from .helpers import axe_violations, sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def channels(live_org):
    from django.utils import timezone

    active = make_active_channel(live_org, timezone.localdate() - days(3))
    proposed = make_channel(live_org, name="Förslag")
    ch.channel_transition(actor=live_org["info_a"], channel=proposed, name="propose")
    return active, proposed


@pytest.mark.parametrize(
    "path",
    [
        "/kanaler/",
        "/konto/logga-in/",
        "/tillganglighet/",
        "/konto/glomt-losenord/",
        "/konto/glomt-losenord/skickat/",
        "/konto/valkommen/MQ/x-y/",  # a dead link's page
    ],
)
def test_public_pages(page, channels, path):
    page.goto(path)
    assert axe_violations(page) == []


def test_public_channel_page(page, channels):
    page.goto(f"/kanaler/{channels[0].public_id}/")
    assert axe_violations(page) == []


def test_manager_pages(page, channels):
    active, proposed = channels
    sign_in(page, "manager_a")
    for path in [
        "/",
        "/register/",
        f"/register/{active.public_id}/",
        f"/register/{proposed.public_id}/",
        f"/register/{active.public_id}/mandat/ny/",
        f"/register/{active.public_id}/andra/",
        f"/register/{active.public_id}/koppling/",
        "/register/ny/",
        "/plattformar/",
        "/notiser/",
    ]:
        page.goto(path)
        assert axe_violations(page) == [], path


def test_form_with_errors(page, channels):
    sign_in(page, "info_a")
    page.goto("/register/ny/")
    page.get_by_role("button", name="Spara").click()
    assert page.locator("#error-summary").is_visible()
    assert axe_violations(page) == []


def test_skip_link_is_first_and_works(page, channels):
    page.goto("/kanaler/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert "Hoppa till innehållet" in focused
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_organisation_admin_pages(page, channels, live_org):
    sign_in(page, "admin")
    for path in [
        "/organisation/",
        "/organisation/personer/",
        f"/organisation/personer/{live_org['staff_1'].pk}/",
        # With a role: its "Ta bort" is a link-styled button in the page body.
        f"/organisation/personer/{live_org['manager_a'].pk}/",
        f"/organisation/personer/{live_org['staff_1'].pk}/avsluta/",
        f"/konto/tvastegs/aterstall/{live_org['staff_1'].pk}/",
    ]:
        page.goto(path)
        assert axe_violations(page) == [], path


def test_two_step_enrolment_page(page, channels, live_org, settings):
    settings.TILLIT_ADMIN_TWO_FACTOR = True
    sign_in(page, "admin")
    page.goto("/organisation/personer/")
    assert "/konto/tvastegs/aktivera/" in page.url
    assert page.locator("img.qr").is_visible()
    assert axe_violations(page) == []
