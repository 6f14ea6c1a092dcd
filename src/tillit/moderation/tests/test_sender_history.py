"""The sender's history on the inbox item page: earlier items, their decisions, the block (R16)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tillit.inbox.models import Item
from tillit.inbox.services.ingest import ingest_items
from tillit.inbox.tests.test_item_page import client_for, inbound, page

pytestmark = pytest.mark.django_db


def test_sender_history_shows_earlier_items_decisions_and_the_block(org, fb_channel):
    from tillit.moderation.models import PolicyVersion
    from tillit.moderation.services.decisions import decision_make
    from tillit.moderation.services.policy import channel_apply_policy, policy_create_from_guideline

    policy = policy_create_from_guideline(actor=org["admin"])
    channel_apply_policy(actor=org["admin"], channel=fb_channel, version=policy)
    bo = ("b1", "Bo Ek")
    ingest_items(
        channel=fb_channel,
        items=[inbound(f"b{i}", f"Jävla idiot {i}", minute=i, author=bo) for i in range(3)]
        + [inbound("other", "Hej", minute=9, author=("u9", "Annan Person"))],
    )
    first, second, third = Item.objects.filter(author__platform_id="b1").order_by("received_at")
    for i in (first, second, third):
        Item.objects.filter(pk=i.pk).update(capture_complete=True)
    decision_make(actor=org["staff_1"], item=first, kind="hide", rule_code="R13a")
    decision_make(
        actor=org["staff_1"],
        item=second,
        kind="block",
        rule_code="R13a",
        block_reason="Upprepade personangrepp.",
    )
    rule = PolicyVersion.objects.get(pk=policy.pk).rules.get(code="R13a")
    html = page(client_for("staff_1"), third)
    history = html.split('id="sender-history-heading"', 1)[1].split("</section>", 1)[0]
    assert "Blockerad i den här kanalen sedan" in history
    assert "Jävla idiot 0" in history and "Jävla idiot 1" in history
    assert "Jävla idiot 2" not in history  # the current item is not its own history
    assert "Hej" not in history  # someone else's
    assert f"R13a {rule.title}" in history  # the rule letter with its Swedish name
    assert "2 tidigare inlägg" in history


def test_sender_history_query_count_is_fixed(org, fb_channel):
    from tillit.moderation.services.decisions import decision_make

    client = client_for("staff_1")
    ingest_items(channel=fb_channel, items=[inbound("now", "Nu", minute=500)])
    current = Item.objects.get(platform_id="now")

    def grow(start):
        ingest_items(
            channel=fb_channel,
            items=[inbound(f"h{start + i}", f"Förr {i}", minute=start + i) for i in range(3)],
        )
        for item in Item.objects.filter(platform_id__startswith="h", decisions__isnull=True):
            decision_make(actor=org["staff_1"], item=item, kind="keep")

    grow(0)
    page(client, current)
    with CaptureQueriesContext(connection) as small:
        page(client, current)
    grow(10)
    grow(20)
    with CaptureQueriesContext(connection) as large:
        page(client, current)
    assert len(large) == len(small)
