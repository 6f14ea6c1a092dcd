"""End to end in Chromium: propose a channel, approve it as the manager, walk it to active, find it."""

import pytest
from django.utils import timezone

from .helpers import sign_in

pytestmark = pytest.mark.browser


def step(page, label: str) -> None:
    page.get_by_role("button", name=label).click()
    page.wait_for_load_state()
    assert page.locator(".messages .error").count() == 0, page.locator(".messages").inner_text()


def test_propose_approve_activate_and_publish(page, live_org):
    # The informatör proposes a channel with its plan.
    sign_in(page, "info_a")
    page.goto("/register/ny/")
    page.get_by_label("Namn").fill("Ungdomens hus")
    page.get_by_label("Plattform").select_option(label="Facebook")
    page.get_by_label("Adress").fill("https://www.facebook.com/ungdomenshus")
    page.get_by_label("Förvaltning").select_option(label="Avdelning A")
    page.get_by_label("Syfte").fill("Aktiviteter för unga.")
    page.get_by_label("Varför").fill("Unga finns där.")
    page.get_by_label("Mål:", exact=True).fill("Fler besökare.")
    page.get_by_label("Målgrupp").fill("Unga 13–19 år.")
    page.get_by_label("Önskat resultat").fill("Fler deltar.")
    page.get_by_label("Hur kanalen ska drivas").fill("Tre inlägg i veckan.")
    page.get_by_role("button", name="Spara").click()
    page.wait_for_url("**/register/*/")
    channel_url = page.url
    step(page, "Föreslå")

    # The manager approves, grants the mandates and notifies the informatör.
    sign_in(page, "manager_a")
    page.goto(channel_url)
    step(page, "Godkänn")
    today = timezone.localdate().isoformat()
    for person, role in [("Staff 1", "Administratör"), ("Staff 2", "Ersättare")]:
        page.get_by_role("link", name="Ge ett uppdrag").click()
        page.get_by_label("Person").select_option(label=person)
        page.get_by_label("Roll").select_option(label=role)
        page.get_by_label("Gäller från").fill(today)
        page.get_by_role("button", name="Bevilja").click()
        page.wait_for_url(channel_url)
    step(page, "Meddela informatören")

    # The informatör acknowledges and sends the link to the webmaster.
    sign_in(page, "info_a")
    page.goto(channel_url)
    step(page, "Bekräfta")
    step(page, "Skicka länken till webbredaktören")

    # The webmaster publishes it.
    sign_in(page, "webmaster")
    page.goto(channel_url)
    step(page, "Publicera i länksamlingen och aktivera")
    assert "Aktiv" in page.locator(".status").first.inner_text()

    # The public finds it in the link collection.
    page.context.clear_cookies()
    page.goto("/kanaler/")
    link = page.get_by_role("link", name="Ungdomens hus (Facebook)")
    assert link.get_attribute("href") == "https://www.facebook.com/ungdomenshus"
