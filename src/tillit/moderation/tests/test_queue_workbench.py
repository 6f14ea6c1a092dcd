"""The queue with moderation: flagged by deadline first, fixed query counts, proposals, bulk decisions."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tillit.access.actor import actor_for
from tillit.connectors.base import Author, InboundItem, ItemKind
from tillit.inbox.models import ActionRequest, Item
from tillit.inbox.selectors import queue_page
from tillit.inbox.services.ingest import ingest_items
from tillit.moderation.models import Decision
from tillit.moderation.services import policy as policy_svc
from tillit.moderation.services.policy import channel_apply_policy
from tillit.testing import (
    PASSWORD,
    committed,
    make_channel,
    run_held_subscribers,
    staff,
    walk_to_active,
)

pytestmark = pytest.mark.django_db
T0 = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
FLAGGED = ["Du är en idiot", "Ring mig på 070-123 45 67", "Vilket jävla skitsnack"]


def fill(channel, n, *, flagged_every=3, prefix="q"):
    """n comments, every `flagged_every`-th one flagged; assessed as a worker would."""
    with committed():
        _ingest(channel, n, flagged_every, prefix)
    run_held_subscribers()


def _ingest(channel, n, flagged_every, prefix):
    ingest_items(
        channel=channel,
        items=[
            InboundItem(
                platform_id=f"{prefix}{i}",
                kind=ItemKind.COMMENT,
                is_public=True,
                text=FLAGGED[i % 3] if i % flagged_every == 0 else f"Tack för infon {i}",
                author=Author(f"u{i}", f"Person {i}"),
                received_at=T0 + timedelta(minutes=i),
                raw={},
            )
            for i in range(n)
        ],
    )


def second_channel(org):
    channel = make_channel(org, name="Simhallen")
    staff(org, channel, T0.date() - timedelta(days=3))
    return walk_to_active(org, channel)


@pytest.fixture
def moderated(org, fb_channel, policy, tasks_held):
    channel_apply_policy(actor=org["admin"], channel=fb_channel, version=policy)
    return fb_channel


def client_for(username):
    client = Client()
    client.login(username=username, password=PASSWORD)
    return client


def test_default_order_is_flagged_by_deadline_then_newest(org, moderated):
    fill(moderated, 12)
    actor = actor_for(org["staff_1"])
    seen, after = [], ""
    while True:
        page = queue_page(actor, after=after, page_size=5)
        seen.extend(page.items)
        if not page.next_cursor:
            break
        after = page.next_cursor
    assert len(seen) == len({i.pk for i in seen}) == 12
    flagged = [i for i in seen if getattr(i, "assessment", None) and i.assessment.flagged]
    assert seen[: len(flagged)] == flagged and len(flagged) == 4
    assert [(i.assessment.deadline, i.pk) for i in flagged] == sorted(
        (i.assessment.deadline, i.pk) for i in flagged
    )
    rest = seen[len(flagged) :]
    assert [(i.received_at, i.pk) for i in rest] == sorted(
        ((i.received_at, i.pk) for i in rest), reverse=True
    )
    assert [i.pk for i in queue_page(actor, order="newest").items] == [
        i.pk for i in sorted(seen, key=lambda i: (i.received_at, i.pk), reverse=True)
    ]


def test_flagged_segment_filling_a_page_exactly_continues_with_the_rest(org, moderated):
    fill(moderated, 6, flagged_every=2)  # three flagged, three not
    actor = actor_for(org["staff_1"])
    first = queue_page(actor, page_size=3)
    assert len(first.items) == 3 and first.next_cursor
    second = queue_page(actor, page_size=3, after=first.next_cursor)
    assert len(second.items) == 3 and not second.next_cursor
    assert {i.pk for i in first.items + second.items} == set(
        Item.objects.values_list("pk", flat=True)
    )


@pytest.mark.parametrize("query", ["", "?order=newest", "?order=deadline", "?q=idiot&flagged=1"])
def test_queue_query_count_is_the_same_whatever_the_size(org, moderated, query):
    """10, 50 and 200 stored items (a full page and more) cost the same number of queries."""
    client = client_for("staff_1")
    other = second_channel(org)
    counts, done = [], 0
    for size in (10, 50, 200):
        fill(moderated, size - done, prefix=f"s{size}-")
        fill(other, 3, prefix=f"o{size}-")
        done = size
        client.get(f"/inkorg/{query}")  # warm the session and caches
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(f"/inkorg/{query}")
        assert response.status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1] == counts[2], counts


def test_rows_show_the_proposal_in_swedish_with_the_rule_title(org, moderated):
    fill(moderated, 1)
    page = client_for("staff_1").get("/inkorg/").content.decode()
    assert re.search(r"Förslag: dölj enligt [^(<]+ \(R13[a-g]\)", page)  # name, then letter
    assert "(olaga_hot)" not in page and "(threat)" not in page


def test_bulk_decisions_record_one_decision_per_item_with_its_rule(org, moderated):
    fill(moderated, 6, flagged_every=1)
    items = list(Item.objects.order_by("pk")[:4])
    client = client_for("staff_1")
    query = "&".join(f"item={i.pk}" for i in items)
    page = client.get(f"/inkorg/beslut/?{query}").content.decode()
    assert "4 markerade objekt" in page and "R13a" in page
    response = client.post(
        "/inkorg/beslut/", {"item": [i.pk for i in items], "kind": "hide", "rule": "R13a"}
    )
    assert response.status_code == 302
    decisions = Decision.objects.filter(item__in=items)
    assert decisions.count() == 4
    assert set(decisions.values_list("rule__code", "kind")) == {("R13a", "hide")}
    assert ActionRequest.objects.filter(kind="hide", item__in=items).count() == 4
    # Handled only once the platform confirms each hide (these channels have no connection).
    assert {i.status for i in Item.objects.filter(pk__in=[i.pk for i in items])} == {
        "needs_attention"
    }


def test_bulk_refuses_a_rule_missing_from_one_channel_and_saves_nothing(
    org, moderated, monkeypatch
):
    fill(moderated, 2, flagged_every=1)
    other = second_channel(org)
    monkeypatch.setattr(
        policy_svc, "GUIDELINE_RULES", [r for r in policy_svc.GUIDELINE_RULES if r[0] != "R13a"]
    )
    narrow = policy_svc.policy_create_from_guideline(actor=org["admin"])
    channel_apply_policy(actor=org["admin"], channel=other, version=narrow)
    fill(other, 2, flagged_every=1, prefix="o")
    ids = list(Item.objects.values_list("pk", flat=True))
    response = client_for("staff_1").post(
        "/inkorg/beslut/", {"item": ids, "kind": "hide", "rule": "R13a", "note": "Min not"}
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "Inget beslutades" in text and "finns inte i policyn för" in text and other.name in text
    assert not Decision.objects.exists() and not ActionRequest.objects.exists()


def test_bulk_refuses_empty_missing_rule_and_items_out_of_reach(org, moderated):
    fill(moderated, 2, flagged_every=1)
    ids = list(Item.objects.values_list("pk", flat=True))
    client = client_for("staff_1")
    empty = client.post("/inkorg/beslut/", {"kind": "keep"})
    assert empty.status_code == 400 and "Markera minst ett objekt" in empty.content.decode()
    no_rule = client.post("/inkorg/beslut/", {"item": ids, "kind": "hide"})
    assert "kräver en regel" in no_rule.content.decode()
    # Someone without a mandate: the items are not theirs, nothing is decided.
    outsider = client_for("manager_b").post("/inkorg/beslut/", {"item": ids, "kind": "keep"})
    assert outsider.status_code == 400
    assert "får du inte besluta om" in outsider.content.decode()
    # A tampered id among good ones refuses the whole selection.
    mixed = client.post("/inkorg/beslut/", {"item": ids + [999999], "kind": "keep"})
    assert mixed.status_code == 400
    assert not Decision.objects.exists()
    kept = client.post("/inkorg/beslut/", {"item": ids, "kind": "keep"})
    assert kept.status_code == 302 and Decision.objects.filter(kind="keep").count() == 2


def test_item_page_links_to_its_neighbours_in_the_queue(org, moderated):
    fill(moderated, 4, flagged_every=2)
    actor = actor_for(org["staff_1"])
    order = queue_page(actor).items
    page = client_for("staff_1").get(f"/inkorg/{order[1].pk}/").content.decode()
    assert f'href="/inkorg/{order[0].pk}/" rel="prev" data-shortcut="prev"' in page
    assert f'href="/inkorg/{order[2].pk}/" rel="next" data-shortcut="next"' in page
    assert 'data-shortcut="hide"' in page and 'data-shortcut="keep"' in page
