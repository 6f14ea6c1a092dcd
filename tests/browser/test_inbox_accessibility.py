"""axe-core on the inbox: the queue, an item with its evidence and decision form, the review list."""

import pytest
from django.utils import timezone

from tillit.testing import days, make_active_channel

from .helpers import axe_violations, sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def inbox(live_org):
    from datetime import UTC, datetime

    from tillit.connectors.base import Author, InboundItem, ItemKind
    from tillit.inbox.models import Item
    from tillit.inbox.services.ingest import ingest_items
    from tillit.moderation.services.policy import channel_apply_policy, policy_create_from_guideline

    channel = make_active_channel(live_org, timezone.localdate() - days(2))
    policy = policy_create_from_guideline(actor=live_org["admin"])
    channel_apply_policy(actor=live_org["admin"], channel=channel, version=policy)
    texts = [
        "Vilka öppettider har ni?",
        "Du är en idiot <script>x</script>",
        "Ring mig på 070-123 45 67",
        "\u202eRTL-trick\u202c och hej",
    ]
    ingest_items(
        channel=channel,
        items=[
            InboundItem(
                platform_id=f"c{i}",
                kind=ItemKind.COMMENT,
                is_public=True,
                text=t,
                author=Author(f"u{i}", f"Person {i}"),
                received_at=datetime(2026, 11, 30, 9, i, tzinfo=UTC),
                raw={},
            )
            for i, t in enumerate(texts)
        ],
    )
    return Item.objects.get(platform_id="c1")


def test_queue_item_and_review_pages(page, inbox):
    sign_in(page, "staff_1")
    for path in ["/inkorg/", "/inkorg/?order=deadline", f"/inkorg/{inbox.pk}/", "/granska/"]:
        page.goto(path)
        assert axe_violations(page) == [], path
    page.goto(f"/inkorg/{inbox.pk}/")
    assert page.locator("mark").first.inner_text() == "idiot"


def test_public_rules_page(page, inbox):
    page.goto(f"/kanaler/{inbox.channel.public_id}/regler/")
    assert axe_violations(page) == []


def test_failed_action_and_refused_decision_pages(page, inbox, live_org):
    """The platform's truth with retry and confirm, and a refused contradicting decision."""
    from tillit.inbox.models import ActionRequest
    from tillit.moderation.services.decisions import decision_make

    decision_make(actor=live_org["staff_1"], item=inbox, kind="hide", rule_code="R13a")
    ActionRequest.objects.filter(item=inbox).update(
        state="failed", reason_code="network", attempts=60, completed_at=timezone.now()
    )
    sign_in(page, "staff_2")
    page.goto(f"/inkorg/{inbox.pk}/")
    assert page.get_by_text("Misslyckades – syns fortfarande").count() == 1
    assert axe_violations(page) == []
    # "Visa igen" without replacing the earlier decision: refused, the note kept.
    page.select_option("#d-kind", "unhide")
    page.select_option("#d-rule", "")
    page.fill("#d-note", "Ironi")
    page.get_by_role("button", name="Registrera beslut").click()
    assert page.locator(".messages .error").count() >= 1
    assert page.input_value("#d-note") == "Ironi"
    assert axe_violations(page) == []
