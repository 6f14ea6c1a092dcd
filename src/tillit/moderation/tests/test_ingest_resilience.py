"""Polling: one task per connection under a lease; bad items and failing channels stop nothing."""

import json
from datetime import timedelta

import httpx
import pytest
import respx
from django.test import Client
from django.utils import timezone

from tillit.core.messages import shown
from tillit.inbox.models import Connection, IngestProblem, Item
from tillit.inbox.services.connections import connection_set
from tillit.inbox.services.polling import poll_connection, poll_lease_take
from tillit.inbox.tasks import poll_all
from tillit.inbox.tests.conftest import APP_SECRET, signed
from tillit.moderation.models import Assessment
from tillit.testing import PASSWORD, committed, make_channel, staff, walk_to_active

pytestmark = pytest.mark.django_db
G = "https://graph.facebook.com/v23.0"
PAGES = ["201", "202", "203"]
OVERSIZED = "å" * 100_001


@pytest.fixture
def policy(org):
    from tillit.moderation.services.policy import policy_create_from_guideline

    return policy_create_from_guideline(actor=org["admin"])


@pytest.fixture
def channels(org, today):
    """Three active Facebook channels, each connected to its own Page."""
    result = []
    for n, page in enumerate(PAGES):
        channel = make_channel(org, name=f"Sida {n}")
        staff(org, channel, today - timedelta(days=1))
        channel = walk_to_active(org, channel)
        connection_set(
            actor=org["manager_a"],
            channel=channel,
            connector="facebook",
            config={
                "page_id": page,
                "page_access_token": f"token-{page}",
                "app_secret": APP_SECRET,
            },
        )
        result.append(channel)
    return result


def graph_comment(cid: str, text, when: str = "2026-11-30T10:00:00+0000", **extra) -> dict:
    return {"id": cid, "message": text, "created_time": when, "from": {"id": "u1", "name": "Anna"}}


def good_comments(page: str, n: int) -> list[dict]:
    return [graph_comment(f"{page}_1_{i}", f"Tack för informationen nummer {i}!") for i in range(n)]


def mock_page(router, page: str, comments: list[dict]) -> None:
    post = {
        "id": f"{page}_1",
        "message": "Välkommen",
        "created_time": "2026-11-30T09:00:00+0000",
        "from": {"id": page, "name": "Sidan"},
    }
    router.get(f"{G}/{page}/feed").respond(json={"data": [post]})
    router.get(f"{G}/{page}_1/comments").respond(json={"data": comments})
    router.get(f"{G}/{page}/conversations").respond(json={"data": []})


def test_bad_items_and_a_failing_channel_stop_nothing(
    org, channels, policy, django_capture_on_commit_callbacks
):
    first, second, third = channels
    bad = [
        graph_comment(f"{PAGES[0]}_1_big", OVERSIZED),
        graph_comment(f"{PAGES[0]}_1_broken", ["not", "text"]),
    ]
    batch = good_comments(PAGES[0], 50) + bad + good_comments(PAGES[0], 100)[50:]
    with respx.mock(assert_all_mocked=True) as router:
        mock_page(router, PAGES[0], batch)
        # The second Page's Graph call blows up in a way no connector expects.
        router.get(f"{G}/{PAGES[1]}/feed").mock(side_effect=RuntimeError("socket on fire"))
        mock_page(router, PAGES[2], good_comments(PAGES[2], 3))
        with django_capture_on_commit_callbacks() as callbacks:
            assert poll_all.call() == 3  # one poll task per connection
        # Stored, but not assessed until the commit: the queue shows them as not yet assessed.
        stored = Item.objects.filter(channel=first, kind="comment")
        assert stored.count() == 101 and not Assessment.objects.exists()
        queue = Client()
        queue.login(username="staff_1", password=PASSWORD)
        page = queue.get("/inkorg/", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
        assert "ännu inte bedömd" in page
        for callback in callbacks:
            callback()  # what the commits would run: the subscriber tasks
    assessed = Assessment.objects.filter(item__channel=first)
    assert assessed.count() == 101  # the 100 good ones and the shortened one
    assert Item.objects.filter(channel=third, kind="comment").count() == 3
    assert Assessment.objects.filter(item__channel=third).count() == 3
    big = Item.objects.get(platform_id=f"{PAGES[0]}_1_big")
    assert big.text_truncated and big.raw["message"] == OVERSIZED
    problems = {p.kind: p for p in IngestProblem.objects.filter(channel=first)}
    assert problems["truncated"].item == big
    assert problems["rejected"].platform_id == f"{PAGES[0]}_1_broken"
    assert "väntade text" in _sv(problems["rejected"].reason)
    assert json.loads(problems["rejected"].raw)["message"] == ["not", "text"]
    failed = Connection.objects.get(channel=second)
    assert "socket on fire" in _sv(failed.poll_error) and failed.poll_error_at is not None
    assert failed.poll_lease_until is None  # released, so the next poll may run
    ok = Connection.objects.get(channel=first)
    assert ok.poll_error == "" and ok.last_polled_at is not None

    # A person sees both on the channel page, in Swedish.
    client = Client()
    client.login(username="manager_a", password=PASSWORD)
    page = client.get(f"/register/{first.public_id}/", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert "Lagrad avkortad" in page and "Inte lagrad" in page and "väntade text" in page
    page = client.get(f"/register/{second.public_id}/", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert "Senaste hämtningen misslyckades" in page and "socket on fire" in page


def test_the_same_bad_batch_through_the_webhook(org, channels, policy):
    from tillit.inbox.tests.test_webhooks import post

    page = PAGES[0]

    def change(cid, text):
        value = {
            "item": "comment",
            "verb": "add",
            "post_id": f"{page}_1",
            "comment_id": cid,
            "parent_id": f"{page}_1",
            "created_time": 1_764_400_000,
            "from": {"id": "u1", "name": "Anna"},
            "message": text,
        }
        return {"field": "feed", "value": value}

    changes = [change(f"{page}_1_{i}", f"Tack nummer {i}") for i in range(100)]
    changes[10:10] = [change(f"{page}_1_big", OVERSIZED), change(f"{page}_1_x", {"no": 1})]
    body = json.dumps({"object": "page", "entry": [{"id": page, "changes": changes}]}).encode()
    response = post(body, signed(body))
    assert response.status_code == 200
    assert response.json() == {
        "created": 101,
        "edited": 0,
        "unchanged": 0,
        "rejected": 1,
        "truncated": 1,
    }
    assert Assessment.objects.filter(item__channel=channels[0]).count() == 101
    assert set(IngestProblem.objects.values_list("kind", flat=True)) == {"rejected", "truncated"}


def test_a_held_lease_keeps_a_second_poll_out_until_it_expires(channels):
    connection = Connection.objects.get(channel=channels[0])
    assert poll_lease_take(connection.pk, "worker-1")
    assert not poll_lease_take(connection.pk, "worker-2")
    with respx.mock(assert_all_mocked=True) as router:  # any Graph call would fail the test
        assert poll_connection(connection) is None
        assert not router.calls
    Connection.objects.filter(pk=connection.pk).update(
        poll_lease_until=timezone.now() - timedelta(seconds=1)
    )
    with respx.mock(assert_all_mocked=True) as router, committed():
        mock_page(router, PAGES[0], good_comments(PAGES[0], 2))
        assert (
            result := poll_connection(connection)
        ) is not None and result.created == 3  # the post and two comments
    connection.refresh_from_db()
    assert connection.poll_lease_until is None and connection.poll_lease_holder == ""


def test_a_refused_token_is_recorded_on_the_connection(channels):
    connection = Connection.objects.get(channel=channels[0])
    with respx.mock(assert_all_mocked=True) as router:
        router.get(f"{G}/{PAGES[0]}/feed").mock(
            return_value=httpx.Response(401, json={"error": {"code": 190, "message": "expired"}})
        )
        assert poll_connection(connection) is None
    connection.refresh_from_db()
    assert connection.state == "invalid" and "expired" in _sv(connection.poll_error)


def _sv(value: str) -> str:
    from django.utils import translation

    with translation.override("sv"):
        return shown(value, html=False)
