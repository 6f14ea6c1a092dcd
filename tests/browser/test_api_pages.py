"""The API key pages and the API's docs page, in a browser: axe-clean, usable by keyboard,
and the new key shown once in a field that can be copied."""

import pytest

from .helpers import axe_violations, sign_in

pytestmark = pytest.mark.browser


def test_a_person_makes_a_key_with_the_keyboard(page, live_org):
    sign_in(page, "info_a")
    page.goto("/konto/api-nycklar/")
    assert axe_violations(page) == []
    page.get_by_label("Namn").fill("Mitt skript")
    page.get_by_label("Läsa kanalregistret").check()
    page.locator("main form button[type=submit]").last.focus()
    page.keyboard.press("Enter")
    key = page.locator("#new-key")
    key.wait_for()
    assert key.input_value().startswith("tillit_")
    assert axe_violations(page) == []
    # A form without a scope says so, next to the field, and makes nothing.
    page.get_by_label("Namn").fill("Utan behörighet")
    page.locator("main form button[type=submit]").last.click()
    assert page.get_by_text("Välj minst en behörighet").first.is_visible()
    assert axe_violations(page) == []


def test_the_service_accounts_page_and_the_docs(page, live_org):
    sign_in(page, "admin")
    page.goto("/organisation/tjanstekonton/")
    assert axe_violations(page) == []
    page.get_by_label("System").fill("Diariet")
    page.get_by_role("button", name="Skapa tjänstekonto").click()
    assert "Tjänstekonto" in page.content()
    assert axe_violations(page) == []
    page.goto("/organisation/tjanstekonton/")
    page.get_by_label("Tjänstekonto:").select_option(label="Diariet")
    page.get_by_label("Namn").fill("Diariet, produktion")
    page.get_by_label("Läsa registreringar och arkivbilder").check()
    page.get_by_role("button", name="Skapa nyckel").click()
    assert page.locator("#new-key").input_value().startswith("tillit_")
    assert axe_violations(page) == []
    page.goto("/api/v1/")
    assert "Integrations-API" in page.content()
    assert axe_violations(page) == []
