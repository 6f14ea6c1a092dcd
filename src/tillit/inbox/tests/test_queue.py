"""The moderation queue: only mandated channels, keyset pages, filters, capabilities shown."""

from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client

from tillit.access.actor import OPERATOR, actor_for
from tillit.connectors.base import Author, InboundItem, ItemKind
from tillit.inbox.models import Item
from tillit.inbox.selectors import PAGE_SIZE, queue_page
from tillit.inbox.services.ingest import ingest_items
from tillit.testing import PASSWORD

pytestmark = pytest.mark.django_db
T0 = datetime(2026, 11, 1, tzinfo=UTC)


def fill(channel, n: int, kind=ItemKind.COMMENT) -> None:
    ingest_items(
        channel=channel,
        items=[
            InboundItem(
                platform_id=f"{kind}-{i}",
                kind=kind,
                is_public=kind != ItemKind.DIRECT_MESSAGE,
                text=f"Kommentar {i}",
                author=Author(f"u{i}", f"Person {i}"),
                received_at=T0 + timedelta(minutes=i // 2),
                raw={},
            )
            for i in range(n)
        ],
    )


def client_for(username):
    client = Client()
    client.login(username=username, password=PASSWORD)
    return client


def test_keyset_pages_cover_everything_once_in_order(org, fb_channel):
    fill(fb_channel, PAGE_SIZE * 2 + 7)
    actor = actor_for(org["staff_1"])
    for oldest in (False, True):
        seen, after = [], ""
        while True:
            page = queue_page(actor, oldest_first=oldest, after=after)
            seen.extend(page.items)
            if not page.next_cursor:
                break
            after = page.next_cursor
        keys = [(i.received_at, i.pk) for i in seen]
        assert len(keys) == len(set(keys)) == PAGE_SIZE * 2 + 7
        assert keys == sorted(keys, reverse=not oldest)


def test_bad_cursor_is_ignored(org, fb_channel):
    fill(fb_channel, 3)
    assert len(queue_page(actor_for(org["staff_1"]), after="!!not-a-cursor").items) == 3


def test_only_channels_with_a_mandate(org, fb_channel):
    fill(fb_channel, 3)
    assert queue_page(actor_for(org["outsider"])).items == []
    assert queue_page(actor_for(org["manager_b"])).items == []
    assert len(queue_page(actor_for(org["manager_a"])).items) == 3
    item = Item.objects.first()
    assert item is not None
    assert client_for("outsider").get(f"/inkorg/{item.pk}/").status_code == 404
    assert client_for("staff_2").get(f"/inkorg/{item.pk}/").status_code == 200


def test_filters_by_kind(org, fb_channel):
    fill(fb_channel, 4)
    fill(fb_channel, 2, kind=ItemKind.DIRECT_MESSAGE)
    page = queue_page(actor_for(org["staff_1"]), kind="direct_message")
    assert {i.kind for i in page.items} == {"direct_message"} and len(page.items) == 2


def test_queue_page_query_count_does_not_grow(org, fb_channel, django_assert_max_num_queries):
    fill(fb_channel, 120)
    client = client_for("staff_1")
    with django_assert_max_num_queries(15):
        response = client.get("/inkorg/")
    assert response.status_code == 200 and response.content.decode().count("/inkorg/") >= PAGE_SIZE


def test_unsupported_action_is_explained(org, today, tasks_held, public_dns):
    from tillit.channels import services as ch
    from tillit.channels.models import Platform
    from tillit.inbox.services.connections import connection_set
    from tillit.testing import PLAN, staff, walk_to_active

    platform = Platform.objects.create(slug="mastodon", name="Mastodon", decision="allowed")
    channel = ch.channel_create(
        actor=org["info_a"],
        department=org.dept_a,
        name="M",
        platform=platform,
        url="https://m.example/@k",
        **PLAN,
    )
    staff(org, channel, today)
    channel = walk_to_active(org, channel)
    connection_set(
        actor=OPERATOR,
        channel=channel,
        connector="mastodon",
        config={"api_base_url": "https://m.example", "access_token": "t"},
    )
    fill(channel, 1)
    page = client_for("staff_1").get(f"/inkorg/{Item.objects.get().pk}/").content.decode()
    assert "inte möjligt" in page or "not possible" in page
    assert "block" in page.lower() and "report" in page.lower()
