"""The item page in Chromium: axe on a comment with its thread and history and on a direct
message, reflow at 320 px, the live counter and a saved reply filling the reply."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from tillit.testing import days, make_active_channel

from .helpers import axe_violations, sign_in

pytestmark = pytest.mark.browser
PAGE = "555000"
POST = f"{PAGE}_1"


@pytest.fixture
def items(live_org):
    from tillit.channels.models import Channel
    from tillit.channels.services.saved_replies import saved_reply_create
    from tillit.connectors.base import Author, InboundItem, ItemKind
    from tillit.inbox.models import Item
    from tillit.inbox.services.connections import connection_set
    from tillit.inbox.services.ingest import ingest_items
    from tillit.moderation.services.decisions import decision_make
    from tillit.moderation.services.policy import channel_apply_policy, policy_create_from_guideline
    from tillit.organisation.models import Person

    org = live_org
    channel = make_active_channel(org, timezone.localdate() - days(2))
    connection_set(
        actor=org["manager_a"],
        channel=channel,
        connector="facebook",
        config={"page_id": PAGE, "page_access_token": "EAAB-token"},
    )
    Channel.objects.filter(pk=channel.pk).update(signature_template="/{förnamn}, {funktion}")
    Person.objects.filter(pk=org["staff_1"].pk).update(name="Anna Lind", function="kommunikatör")
    policy = policy_create_from_guideline(actor=org["admin"])
    channel_apply_policy(actor=org["admin"], channel=channel, version=policy)
    saved_reply_create(
        actor=org["staff_1"], channel=channel, title="Öppettider", text="Vi har öppet 8–16."
    )
    t0 = datetime(2026, 11, 30, 9, tzinfo=UTC)

    def item(pid, text, minute, kind=ItemKind.COMMENT, author=("u1", "Bo Ek"), **kw):
        return InboundItem(
            platform_id=pid,
            kind=kind,
            is_public=kind != ItemKind.DIRECT_MESSAGE,
            text=text,
            author=Author(*author),
            received_at=t0 + timedelta(minutes=minute),
            raw={},
            **kw,
        )

    thread = {"thread_platform_id": POST}
    ingest_items(
        channel=channel,
        own_account_id=PAGE,
        items=[
            item(POST, "Badet öppnar i juni!", 0, ItemKind.OWN_POST, (PAGE, "Kommunen")),
            item("c1", "Du är en idiot", 1, parent_platform_id=POST, **thread),
            item(
                "c2",
                "Vilken dag?",
                2,
                author=("u2", "Eva \u202eÅ"),
                parent_platform_id="c1",
                **thread,
            ),
            item("c3", "Du är en idiot igen", 3, parent_platform_id=POST, **thread),
            item(
                "m1",
                "Hej, en fråga",
                4,
                ItemKind.DIRECT_MESSAGE,
                ("psid-9", ""),
                thread_platform_id="t1",
            ),
        ],
    )
    first = Item.objects.get(platform_id="c1")
    Item.objects.filter(pk=first.pk).update(capture_complete=True)
    decision_make(actor=org["staff_1"], item=first, kind="hide", rule_code="R13a")
    return Item.objects.get(platform_id="c3"), Item.objects.get(platform_id="m1")


def test_item_pages_pass_axe_and_reflow_at_320(page, items):
    comment, message = items
    sign_in(page, "staff_1")
    for item in (comment, message):
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(f"/inkorg/{item.pk}/")
        assert axe_violations(page) == [], item.kind
        page.set_viewport_size({"width": 320, "height": 800})
        page.goto(f"/inkorg/{item.pk}/")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, (item.kind, width)
        assert axe_violations(page) == [], (item.kind, "320 px")
    page.goto(f"/inkorg/{comment.pk}/")
    assert page.locator('.thread-list li[aria-current="true"]').count() == 1
    history = page.locator("section[aria-labelledby=sender-history-heading]").inner_text()
    assert "R13a" in history and "Du är en idiot" in history


def test_live_counter_and_saved_reply(page, items):
    comment, _ = items
    sign_in(page, "staff_1")
    page.goto(f"/inkorg/{comment.pk}/")
    counter = page.locator("#reply-count")
    assert counter.get_attribute("aria-live") == "polite"
    page.locator("#reply-text").fill("Hej")
    signature = "/Anna, kommunikatör"
    used = len("Hej\n" + signature)
    page.wait_for_function(
        "n => document.getElementById('reply-count').textContent.startsWith(n + ' av 8000')",
        arg=str(used),
    )
    # The saved reply's button is for browsers without JavaScript; here choosing fills it.
    assert not page.locator("[data-saved-replies-submit]").is_visible()
    page.on("dialog", lambda dialog: dialog.accept())
    page.locator("#saved-reply").select_option(label="Öppettider")
    assert page.locator("#reply-text").input_value() == "Vi har öppet 8–16."
    page.locator("#reply-text").fill("x" * 8000)
    page.wait_for_function(
        "() => document.getElementById('reply-count').classList.contains('over')"
    )
    page.get_by_role("button", name="Skicka svar").click()
    assert "Korta det med" in page.locator(".errorlist").inner_text()
    assert page.locator("#reply-text").input_value() == "x" * 8000
