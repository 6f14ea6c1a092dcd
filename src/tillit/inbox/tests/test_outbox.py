"""The outbox: retries with back-off, rate limits, expired tokens, exactly-once effects."""

from datetime import timedelta

import httpx
import pytest
import respx
from django.utils import timezone

from tillit.inbox.models import ActionRequest, Connection, Item
from tillit.inbox.services.outbox import action_request, outbox_execute
from tillit.organisation.models import Notice

from .conftest import PAGE_ID
from .test_ingest import inbound

pytestmark = pytest.mark.django_db
GRAPH = "https://graph.facebook.com/v23.0"


@pytest.fixture
def item(fb_channel):
    from tillit.inbox.services.ingest import ingest_items

    ingest_items(channel=fb_channel, items=[inbound(f"{PAGE_ID}_1000_7", "Dumt")])
    return Item.objects.get()


@pytest.fixture
def queued(org, item, tasks_held):
    return action_request(
        actor=org["staff_1"], channel=item.channel, kind="hide", item=item, idempotency_key="hide-7"
    )


def make_due(action):
    ActionRequest.objects.filter(pk=action.pk).update(next_attempt_at=timezone.now())


def test_fails_three_times_then_done_exactly_once(queued, item):
    with respx.mock(assert_all_mocked=True) as mock:
        route = mock.post(f"{GRAPH}/{item.platform_id}").mock(
            side_effect=[
                httpx.Response(500, json={"error": {"message": "down", "code": 2}}),
                httpx.Response(500, json={"error": {"message": "down", "code": 2}}),
                httpx.Response(503, json={"error": {"message": "down", "code": 2}}),
                httpx.Response(200, json={"success": True}),
            ]
        )
        delays = []
        for _ in range(3):
            action = outbox_execute(queued.pk)
            assert action is not None
            assert action.state == "retry"
            delays.append(action.next_attempt_at - timezone.now())
            assert outbox_execute(queued.pk) is None  # not due yet: nothing sent
            make_due(action)
        action = outbox_execute(queued.pk)
        assert action is not None
        assert action.state == "done" and action.attempts == 4
        assert route.call_count == 4
        assert outbox_execute(queued.pk) is None  # final: never sent again
        assert route.call_count == 4
    assert delays[0] < delays[1] < delays[2]  # exponential back-off
    item.refresh_from_db()
    assert item.is_hidden


def test_rate_limit_honours_retry_after(queued, item):
    with respx.mock(assert_all_mocked=True) as mock:
        mock.post(f"{GRAPH}/{item.platform_id}").mock(
            return_value=httpx.Response(
                429, headers={"Retry-After": "120"}, json={"error": {"message": "slow", "code": 4}}
            )
        )
        action = outbox_execute(queued.pk)
        assert action is not None
    assert action.state == "retry"
    wait = (action.next_attempt_at - timezone.now()).total_seconds()
    assert 100 < wait <= 121


def test_expired_token_marks_connection_and_tells_administrator(org, queued, item):
    with respx.mock(assert_all_mocked=True) as mock:
        mock.post(f"{GRAPH}/{item.platform_id}").mock(
            return_value=httpx.Response(
                401,
                json={
                    "error": {
                        "message": "Session has expired",
                        "code": 190,
                        "type": "OAuthException",
                    }
                },
            )
        )
        action = outbox_execute(queued.pk)
        assert action is not None
    assert action.state == "retry"
    assert Connection.objects.get().state == "invalid"
    assert Notice.objects.filter(person=org["staff_1"], subject__contains="token").exists()


def test_platform_refusal_is_final(queued, item):
    with respx.mock(assert_all_mocked=True) as mock:
        mock.post(f"{GRAPH}/{item.platform_id}").mock(
            return_value=httpx.Response(
                400, json={"error": {"message": "Unsupported post request", "code": 100}}
            )
        )
        action = outbox_execute(queued.pk)
        assert action is not None
    assert action.state == "refused" and "Unsupported" in action.detail


def test_same_key_twice_is_one_action(org, item, tasks_held):
    a = action_request(
        actor=org["staff_1"], channel=item.channel, kind="hide", item=item, idempotency_key="same"
    )
    b = action_request(
        actor=org["staff_1"], channel=item.channel, kind="hide", item=item, idempotency_key="same"
    )
    assert a.pk == b.pk and ActionRequest.objects.count() == 1


def test_platform_down_for_an_hour_loses_nothing(queued, item):
    with respx.mock(assert_all_mocked=True) as mock:
        route = mock.post(f"{GRAPH}/{item.platform_id}")
        route.mock(side_effect=httpx.ConnectError("unreachable"))
        elapsed = timedelta()
        while elapsed < timedelta(hours=1):
            action = outbox_execute(queued.pk)
            assert action is not None
            assert action.state == "retry"
            elapsed += action.next_attempt_at - timezone.now()
            make_due(action)
        route.mock(return_value=httpx.Response(200, json={"success": True}))
        assert (done := outbox_execute(queued.pk)) is not None and done.state == "done"


def test_stale_sending_action_is_recovered(queued, item):
    ActionRequest.objects.filter(pk=queued.pk).update(
        state="sending", claimed_by="dead-worker", claimed_at=timezone.now() - timedelta(hours=1)
    )
    with respx.mock(assert_all_mocked=True) as mock:
        # The recovery asks the platform first: still visible, so the hide is sent again.
        mock.get(f"{GRAPH}/{item.platform_id}").mock(
            return_value=httpx.Response(200, json={"id": item.platform_id, "is_hidden": False})
        )
        sent = mock.post(f"{GRAPH}/{item.platform_id}").mock(
            return_value=httpx.Response(200, json={"success": True})
        )
        assert (
            done := outbox_execute(queued.pk, worker_id="w2")
        ) is not None and done.state == "done"
        assert sent.call_count == 1


def test_fresh_sending_action_is_left_to_its_worker(queued):
    ActionRequest.objects.filter(pk=queued.pk).update(
        state="sending", claimed_by="busy-worker", claimed_at=timezone.now()
    )
    assert outbox_execute(queued.pk, worker_id="w2") is None


def test_a_reply_whose_fate_is_unknown_after_a_crash_is_held_for_a_person(org, item, tasks_held):
    """Finding 11: killed mid-reply, then the platform cannot be asked whether it arrived."""
    reply = action_request(
        actor=org["staff_1"],
        channel=item.channel,
        kind="reply",
        item=item,
        params={"text": "Tack för frågan."},
        idempotency_key="reply-7",
    )
    ActionRequest.objects.filter(pk=reply.pk).update(
        state="sending", claimed_by="dead-worker", claimed_at=timezone.now() - timedelta(hours=1)
    )
    with respx.mock(assert_all_mocked=True, assert_all_called=False) as mock:
        lookup = mock.get(url__startswith=GRAPH).mock(
            return_value=httpx.Response(500, json={"error": {"message": "down", "code": 2}})
        )
        sent = mock.post(f"{GRAPH}/{item.platform_id}/comments").mock(
            return_value=httpx.Response(200, json={"id": "new"})
        )
        action = outbox_execute(reply.pk, worker_id="w2")
        assert action is not None and action.state == "unknown"
        assert lookup.called and not sent.called
        # Final: a later sweep never sends it either.
        assert outbox_execute(reply.pk, worker_id="w3") is None
    assert "not sent again" in action.detail
    assert Notice.objects.filter(
        person=org["staff_1"], subject__contains="check whether a reply was published"
    ).exists()
