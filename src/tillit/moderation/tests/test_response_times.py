"""The first own reply and the first decision are kept on the comment as they happen, in
whatever order the platform delivers, for follow-up's response times (R23)."""

import pytest

from tillit.inbox.models import Item
from tillit.inbox.services.ingest import ingest_items
from tillit.inbox.tests.conftest import PAGE_ID
from tillit.inbox.tests.test_item_page import T0, inbound
from tillit.moderation.models import Decision
from tillit.moderation.services.decisions import decision_make

pytestmark = pytest.mark.django_db
OWN = (PAGE_ID, "Kommunen")


def _item(pid: str) -> Item:
    return Item.objects.get(platform_id=pid)


def test_the_first_own_reply_is_kept_whatever_the_order(fb_channel):
    ingest_items(channel=fb_channel, items=[inbound("c1", "Fråga?")], own_account_id=PAGE_ID)
    reply = inbound("r2", "Svar två", minute=90, author=OWN, parent_platform_id="c1")
    ingest_items(channel=fb_channel, items=[reply], own_account_id=PAGE_ID)
    assert _item("c1").reply_after_s == 90 * 60
    earlier = inbound("r1", "Svar ett", minute=30, author=OWN, parent_platform_id="c1")
    other = inbound("x1", "Någon annan", minute=10, parent_platform_id="c1")
    ingest_items(channel=fb_channel, items=[earlier, other], own_account_id=PAGE_ID)
    assert _item("c1").reply_after_s == 30 * 60
    # A reply that arrives before its comment is counted when the comment comes.
    first = inbound("r3", "Svar", minute=45, author=OWN, parent_platform_id="c2")
    ingest_items(channel=fb_channel, items=[first], own_account_id=PAGE_ID)
    ingest_items(
        channel=fb_channel, items=[inbound("c2", "Sen fråga", minute=5)], own_account_id=PAGE_ID
    )
    assert _item("c2").reply_after_s == 40 * 60


def test_the_first_decision_is_kept(org, fb_channel, policy):
    from tillit.moderation.services.policy import channel_apply_policy

    channel_apply_policy(actor=org["admin"], channel=fb_channel, version=policy)
    ingest_items(channel=fb_channel, items=[inbound("c1", "Fråga?")], own_account_id=PAGE_ID)
    first = decision_make(actor=org["staff_1"], item=_item("c1"), kind="keep")
    decision_make(
        actor=org["staff_1"],
        item=_item("c1"),
        kind="hide",
        rule_code="R13a",
        supersede=True,
        supersede_reason="Läste fel",
    )
    assert Decision.objects.filter(item=_item("c1")).count() == 2
    assert _item("c1").first_decision_at == first.decided_at
    assert _item("c1").decision_after_s == int((first.decided_at - T0).total_seconds())


def test_the_migration_fills_what_was_written_before(org, fb_channel):
    from tillit.inbox.services.response_times import fill_first_times

    ingest_items(channel=fb_channel, items=[inbound("c1", "Fråga?")], own_account_id=PAGE_ID)
    reply = inbound("r1", "Svar", minute=20, author=OWN, parent_platform_id="c1")
    ingest_items(channel=fb_channel, items=[reply], own_account_id=PAGE_ID)
    Item.objects.update(reply_after_s=None)
    fill_first_times(Item, Decision)
    assert _item("c1").reply_after_s == 20 * 60
