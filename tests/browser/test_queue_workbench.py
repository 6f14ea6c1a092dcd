"""The queue as a workbench in Chromium: axe, 320 px reflow, keyboard shortcuts, the live notice."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from tillit.testing import days, make_active_channel

from .helpers import axe_violations, sign_in

pytestmark = pytest.mark.browser
T0 = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
TEXTS = [
    "Du är en idiot",
    "Ring mig på 070-123 45 67",
    "Vilket jävla skitsnack",
    "Vilka öppettider har ni i helgen?",
    "Ett mycket långt ord: " + "x" * 120,
    "\u202eRTL-trick\u202c och hej",
]


def _ingest(channel, texts, start=0):
    from tillit.connectors.base import Author, InboundItem, ItemKind
    from tillit.inbox.services.ingest import ingest_items

    ingest_items(
        channel=channel,
        items=[
            InboundItem(
                platform_id=f"b{start + i}",
                kind=ItemKind.COMMENT,
                is_public=True,
                text=t,
                author=Author(f"u{start + i}", f"Person {start + i}"),
                received_at=T0 + timedelta(minutes=start + i),
                raw={},
            )
            for i, t in enumerate(texts)
        ],
    )


@pytest.fixture
def queue(live_org):
    from tillit.moderation.services.policy import channel_apply_policy, policy_create_from_guideline

    channel = make_active_channel(live_org, timezone.localdate() - days(2))
    policy = policy_create_from_guideline(actor=live_org["admin"])
    channel_apply_policy(actor=live_org["admin"], channel=channel, version=policy)
    _ingest(channel, TEXTS)
    return channel


def _no_horizontal_scroll(page) -> bool:
    return page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def test_axe_on_queue_bulk_view_and_help_dialog(page, queue):
    sign_in(page, "staff_1")
    page.goto("/inkorg/")
    assert page.locator("[data-queue-row]").count() == len(TEXTS)
    assert axe_violations(page) == [], "queue"
    page.goto("/inkorg/?q=idioten&flagged=1")
    assert page.locator("[data-queue-row]").count() == 1
    assert axe_violations(page) == [], "queue, searched"
    # Select two rows and open the bulk view.
    page.goto("/inkorg/")
    page.locator("[data-queue-row] input[type=checkbox]").nth(0).check()
    page.locator("[data-queue-row] input[type=checkbox]").nth(1).check()
    page.get_by_role("button", name="Besluta om de markerade objekten").click()
    page.wait_for_url("**/inkorg/beslut/**")
    assert page.locator(".bulk-items li").count() == 2
    assert axe_violations(page) == [], "bulk view"
    page.get_by_role("button", name="Registrera besluten").click()  # keep needs no rule
    assert "2 beslut har registrerats" in page.locator(".messages").inner_text()
    page.goto("/inkorg/")
    page.keyboard.press("?")
    dialog = page.locator("#shortcut-help")
    assert dialog.is_visible()
    assert axe_violations(page) == [], "help dialog"


def test_reflows_at_320_px(page, queue):
    from tillit.inbox.models import Item

    page.set_viewport_size({"width": 320, "height": 640})
    sign_in(page, "staff_1")
    page.goto("/inkorg/")
    page.locator("summary").click()  # the filters open
    assert _no_horizontal_scroll(page), "queue at 320 px"
    item = Item.objects.get(platform_id="b0")
    page.goto(f"/inkorg/{item.pk}/")
    assert _no_horizontal_scroll(page), "item at 320 px"
    page.goto(f"/inkorg/beslut/?item={item.pk}")
    assert _no_horizontal_scroll(page), "bulk view at 320 px"


def test_keyboard_shortcuts_work_through_the_queue(page, queue):
    sign_in(page, "staff_1")
    page.goto("/inkorg/")
    # Few Tab presses to the first item: skip link, then the list link, then the first row.
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # "Hoppa till innehållet"
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # "Till listan"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('[data-queue-row]') !== null")
    # j/k move between rows (from the first row's checkbox); x selects.
    first_link = page.locator("[data-row-link]").nth(0)
    second_link = page.locator("[data-row-link]").nth(1)
    page.keyboard.press("j")
    assert second_link.evaluate("el => el === document.activeElement")
    page.keyboard.press("k")
    assert first_link.evaluate("el => el === document.activeElement")
    page.keyboard.press("x")
    assert page.locator("[data-queue-row] input[type=checkbox]").nth(0).is_checked()
    # The first row is the flagged item with the nearest deadline; open it with Enter.
    page.keyboard.press("Enter")
    page.wait_for_url("**/inkorg/*/")
    page.keyboard.press("d")
    assert page.locator("#d-kind").input_value() == "hide"
    assert page.evaluate("document.activeElement.id") == "d-kind"
    page.locator("main").focus()
    page.keyboard.press("b")
    assert page.locator("#d-kind").input_value() == "keep"
    page.locator("main").focus()
    page.keyboard.press("t")
    assert page.evaluate("document.activeElement.id") == "id_assign_person"
    # Typing in a field is never a shortcut.
    page.locator("#d-note").fill("")
    page.locator("#d-note").type("jkdbst")
    assert page.locator("#d-note").input_value() == "jkdbst"
    assert page.evaluate("document.activeElement.id") == "d-note"
    # Help opens with ?, traps focus, closes with Escape and gives focus back.
    page.locator("main").focus()
    help_button = page.locator("[data-shortcut-help]").first
    help_button.focus()
    page.keyboard.press("Enter")
    assert page.locator("#shortcut-help").is_visible()
    for _ in range(6):
        page.keyboard.press("Tab")
        assert page.evaluate(
            "document.getElementById('shortcut-help').contains(document.activeElement)"
        )
    page.keyboard.press("Escape")
    assert not page.locator("#shortcut-help").is_visible()
    assert help_button.evaluate("el => el === document.activeElement")
    # j goes to the next item in the queue's order.
    url = page.url
    page.locator("main").focus()
    page.keyboard.press("j")
    page.wait_for_url(lambda u: u != url)
    # Turned off, single keys do nothing (WCAG 2.1.4); the choice survives a reload.
    page.keyboard.press("?")
    page.locator("#shortcut-toggle").uncheck()
    page.keyboard.press("Escape")
    page.reload()
    url = page.url
    page.locator("main").focus()
    page.keyboard.press("j")
    page.wait_for_timeout(300)
    assert page.url == url
    assert not page.locator("#shortcut-help").is_visible()


def test_live_notice_announces_new_items_without_moving_focus(page, queue):
    sign_in(page, "staff_1")
    page.goto("/inkorg/")
    search = page.locator("#id_q")
    search.focus()
    _ingest(queue, ["En alldeles ny kommentar"], start=100)
    notice = page.locator(".fresh a")
    notice.wait_for(timeout=25000)
    assert "1 nytt objekt" in notice.inner_text()
    assert search.evaluate("el => el === document.activeElement")
    assert page.locator("[data-queue-row]").count() == len(TEXTS)  # the list did not jump
