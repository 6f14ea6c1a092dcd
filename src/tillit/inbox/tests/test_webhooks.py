"""Meta webhooks: signature, verification, hostile bodies, idempotent ingest, arrival times."""

import json
from datetime import UTC, datetime

import pytest
from django.test import Client

from tillit.core.messages import shown
from tillit.inbox.models import IngestProblem, Item, ItemVersion
from tillit.testing import committed

from .conftest import PAGE_ID, comment_change, delivery, signed

pytestmark = pytest.mark.django_db
URL = "/webhooks/meta/"
HOSTILE = "<script>alert('x')</script>\u202egnp.exe\u0007 <img src=x onerror=alert(1)>"


def post(body: bytes, headers: dict, url: str = URL):
    with committed():  # what the delivery enqueues on commit runs, as after a real commit
        return Client().post(url, body, content_type="application/json", **headers)


def test_valid_delivery_is_stored_with_platform_arrival_time(fb_channel):
    body = delivery(comment_change(f"{PAGE_ID}_1000_1", "Hej!", created=1_764_400_000))
    response = post(body, signed(body))
    assert response.status_code == 200 and response.json()["created"] == 1
    item = Item.objects.get()
    assert item.channel == fb_channel and item.kind == "comment" and item.is_public
    assert item.received_at == datetime.fromtimestamp(1_764_400_000, tz=UTC)
    assert item.author.display_name == "Anna Lindberg"
    assert item.raw["value"]["message"] == "Hej!"
    assert item.capture_complete


def test_same_delivery_twice_stores_once(fb_channel):
    body = delivery(comment_change(f"{PAGE_ID}_1000_1", "Hej!"))
    post(body, signed(body))
    assert post(body, signed(body)).json() == {
        "created": 0,
        "edited": 0,
        "unchanged": 1,
        "rejected": 0,
        "truncated": 0,
    }
    assert Item.objects.count() == 1


def test_edit_keeps_the_old_version(fb_channel):
    first = delivery(comment_change(f"{PAGE_ID}_1000_1", "Första texten"))
    post(first, signed(first))
    edit = json.loads(first)
    edit["entry"][0]["changes"][0]["value"].update(verb="edited", message="Ändrad text")
    edit_body = json.dumps(edit).encode()
    post(edit_body, signed(edit_body))
    item = Item.objects.get()
    assert item.text == "Ändrad text" and item.version == 2
    assert ItemVersion.objects.get(item=item).text == "Första texten"


@pytest.mark.parametrize(
    "headers", [{}, {"HTTP_X_HUB_SIGNATURE_256": "sha256=00"}, signed(b"other body")]
)
def test_wrong_or_missing_signature_is_403_and_nothing_stored(fb_channel, headers):
    body = delivery(comment_change(f"{PAGE_ID}_1000_1", "Hej!"))
    assert post(body, headers).status_code == 403
    assert Item.objects.count() == 0


def test_signed_with_another_secret_is_refused(fb_channel):
    body = delivery(comment_change(f"{PAGE_ID}_1000_1", "Hej!"))
    assert post(body, signed(body, secret="not-ours")).status_code == 403


@pytest.mark.parametrize(
    "body",
    [
        b"{not json",
        b"[]",
        b'{"object": "page"}',
        b'{"object": "user", "entry": [{}]}',
        b'{"object": "page", "entry": [' * 1000 + b"]}" * 1000,
        b"[" * 100_000 + b"]" * 100_000,
    ],
)
def test_unreadable_deliveries_are_400_and_logged(fb_channel, body, caplog):
    response = post(body, signed(body))
    assert response.status_code == 400
    assert "meta webhook rejected" in caplog.text
    assert Item.objects.count() == 0


@pytest.mark.parametrize(
    "change",
    [
        {"field": "feed", "value": {"item": "comment", "verb": "add"}},
        {"field": "feed", "value": {"item": "hologram", "verb": "add"}},
        {"field": "feed", "value": {"item": "comment", "verb": "add", "post_id": "x"}},
        "not an object",
    ],
)
def test_one_bad_change_is_recorded_and_the_rest_stored(fb_channel, change):
    good = comment_change(f"{PAGE_ID}_1000_1", "Hej!")
    body = delivery(good, change)
    response = post(body, signed(body))
    assert response.status_code == 200  # recorded: Meta must not retry it for ever
    assert response.json()["created"] == 1 and response.json()["rejected"] == 1
    assert Item.objects.get().text == "Hej!"
    problem = IngestProblem.objects.get()
    assert problem.kind == "rejected" and problem.source == "webhook" and problem.reason
    assert json.loads(problem.raw) == change
    post(body, signed(body))  # Meta redelivers: counted, not a second row
    assert IngestProblem.objects.get().occurrences == 2


def test_signed_hostile_text_is_stored_not_500(fb_channel):
    long_text = "x" * 100_001
    body = delivery(
        comment_change(f"{PAGE_ID}_1000_1", "halv \ud83d emoji och \u0000 nolla"),
        comment_change(f"{PAGE_ID}_1000_2", long_text),
    )
    response = post(body, signed(body))
    assert response.status_code == 200 and response.json()["truncated"] == 1
    odd = Item.objects.get(platform_id=f"{PAGE_ID}_1000_1")
    assert odd.text == "halv \ufffd emoji och \ufffd nolla"
    assert "\\ud83d" in odd.raw["tillit_raw_json"]  # the payload is kept exactly
    cut = Item.objects.get(platform_id=f"{PAGE_ID}_1000_2")
    assert cut.text_truncated and len(cut.text) == 100_000
    assert cut.raw["value"]["message"] == long_text
    problem = IngestProblem.objects.get()
    assert problem.kind == "truncated" and problem.item == cut


def test_an_id_of_400_characters_is_refused_twice_without_error(fb_channel):
    long_id = "9" * 400
    body = delivery(comment_change(long_id, "Hej!"), comment_change(f"{PAGE_ID}_1000_2", "Ok"))
    for _ in range(2):
        response = post(body, signed(body))
        assert response.status_code == 200
        assert response.json()["rejected"] == 1
    assert list(Item.objects.values_list("platform_id", flat=True)) == [f"{PAGE_ID}_1000_2"]
    problem = IngestProblem.objects.get()
    assert "400 tecken" in _sv(problem.reason) and problem.occurrences == 2
    # A different id with the same first 300 characters is refused too, not confused with it.
    other = delivery(comment_change("9" * 300 + "8" * 100, "Annat"))
    assert post(other, signed(other)).json()["rejected"] == 1
    assert IngestProblem.objects.count() == 2


def test_huge_body_is_refused(fb_channel, settings):
    settings.TILLIT_WEBHOOK_MAX_BYTES = 1000
    body = delivery(comment_change(f"{PAGE_ID}_1000_1", "x" * 2000))
    assert post(body, signed(body)).status_code == 413
    assert Item.objects.count() == 0


def test_hostile_text_is_stored_as_received_and_escaped_when_shown(org, fb_channel):
    body = delivery(comment_change(f"{PAGE_ID}_1000_1", HOSTILE))
    post(body, signed(body))
    item = Item.objects.get()
    assert item.text == HOSTILE
    client = Client()
    client.login(username="staff_1", password="test-pass-123")
    page = client.get(f"/inkorg/{item.pk}/").content.decode()
    assert "<script>alert('x')</script>" not in page and "<img src=x" not in page
    queue = client.get("/inkorg/").content.decode()
    assert "<script>alert" not in queue


def test_direct_message_is_private(fb_channel):
    body = delivery(
        messaging=[
            {
                "sender": {"id": "777"},
                "recipient": {"id": PAGE_ID},
                "timestamp": 1_764_400_000_000,
                "message": {"mid": "m_1", "text": "Jag vill överklaga."},
            }
        ]
    )
    post(body, signed(body))
    item = Item.objects.get()
    assert item.kind == "direct_message" and not item.is_public


def test_a_message_without_a_name_keeps_the_sender_as_displayed(fb_channel):
    first = delivery(comment_change(f"{PAGE_ID}_1000_1", "Hej!", author=("777", "Anna " * 80)))
    post(first, signed(first))
    dm = delivery(
        messaging=[
            {
                "sender": {"id": "777"},
                "recipient": {"id": PAGE_ID},
                "timestamp": 1_764_400_000_000,
                "message": {"mid": "m_1", "text": "Hej igen"},
            }
        ]
    )
    post(dm, signed(dm))
    comment, message = Item.objects.order_by("pk")
    assert comment.author == message.author
    assert comment.author.display_name == "Anna " * 80  # 400 characters, whole
    assert comment.author_name == "Anna " * 80 and message.author_name == ""
    assert message.shown_author == "Anna " * 80


def test_subscription_challenge_uses_the_connections_verify_token(fb_channel):
    ok = Client().get(
        URL,
        {"hub.mode": "subscribe", "hub.verify_token": "verify-me", "hub.challenge": "1158201444"},
    )
    assert ok.status_code == 200 and ok.content == b"1158201444"
    bad = Client().get(
        URL, {"hub.mode": "subscribe", "hub.verify_token": "wrong", "hub.challenge": "1"}
    )
    assert bad.status_code == 403
    assert Client().get("/webhooks/facebook/", {"hub.mode": "subscribe"}).status_code == 403


def test_the_view_is_generic_over_connectors(fb_channel):
    body = delivery(comment_change(f"{PAGE_ID}_1000_1", "Hej!"))
    assert post(body, signed(body), url="/webhooks/facebook/").json()["created"] == 1
    assert post(body, signed(body), url="/webhooks/rss/").status_code == 404
    assert post(body, signed(body), url="/webhooks/nosuch/").status_code == 404


def test_unknown_page_is_ignored_not_stored(fb_channel):
    body = delivery(comment_change("999_1_1", "Hej!")).replace(PAGE_ID.encode(), b"999", 1)
    assert post(body, signed(body)).status_code == 200
    assert Item.objects.count() == 0


def test_removal_on_the_platform_marks_the_item(fb_channel):
    body = delivery(comment_change(f"{PAGE_ID}_1000_1", "Hej!"))
    post(body, signed(body))
    removal = json.loads(body)
    removal["entry"][0]["changes"][0]["value"]["verb"] = "remove"
    removal_body = json.dumps(removal).encode()
    assert post(removal_body, signed(removal_body)).status_code == 200
    item = Item.objects.get()
    assert item.removed_by_platform_at is not None and item.text == "Hej!"


def _sv(value: str) -> str:
    from django.utils import translation

    with translation.override("sv"):
        return shown(value, html=False)
