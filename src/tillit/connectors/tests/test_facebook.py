"""Facebook Page connector against recorded Graph API payloads."""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import UTC, datetime

import httpx
import pytest

from tillit.connectors.base import ActionStatus, ItemKind
from tillit.connectors.errors import PayloadError, RateLimited, TokenInvalid, TransientError
from tillit.connectors.parsing import decode_cursor
from tillit.connectors.platforms.facebook import FacebookConnector

from .conftest import fixture_bytes, fixture_json

G = "https://graph.facebook.com/v23.0"
PAGE = "104729318450123"
POST = "104729318450123_812345678901234"
CONFIG = {
    "page_id": PAGE,
    "page_access_token": "EAAGtoken-secret",
    "app_secret": "app-secret-123",
    "verify_token": "verify-me",
}


@pytest.fixture
def fb():
    return FacebookConnector(CONFIG)


def mock_reads(router):
    router.get(f"{G}/{PAGE}/feed").respond(json=fixture_json("facebook", "feed.json"))
    router.get(f"{G}/{POST}/comments").respond(json=fixture_json("facebook", "comments.json"))
    router.get(f"{G}/{PAGE}/conversations").respond(
        json=fixture_json("facebook", "conversations.json")
    )


def test_fetch_items_reads_posts_comments_and_messages(router, fb):
    mock_reads(router)
    result = fb.fetch_items()
    kinds = [i.kind for i in result.items]
    assert kinds == [ItemKind.OWN_POST, ItemKind.COMMENT, ItemKind.REPLY, ItemKind.DIRECT_MESSAGE]
    post, comment, reply, dm = result.items
    assert post.attachments[0].media_type == "photo"
    # Hostile text is kept byte for byte: markup, RTL override, control character.
    assert comment.text == "<script>alert('x')</script> Ring mig på 070-123 45 67 \u202eevil\u0007"
    assert comment.received_at == datetime(2025, 3, 10, 9, 15, 2, tzinfo=UTC)
    assert comment.parent_platform_id == POST and comment.thread_platform_id == POST
    assert comment.author.display_name == "Anna Andersson"
    assert reply.parent_platform_id == comment.platform_id and reply.is_hidden is True
    assert dm.is_public is False and dm.thread_platform_id == "t_10161234567890123"
    assert dm.attachments[0].name == "overklagan.pdf" and dm.attachments[0].size == 48213
    assert dm.raw["id"] == "m_AbCdEfGhIjKlMnOp"
    assert decode_cursor(result.cursor)["since"] == int(
        datetime(2025, 3, 10, 10, 5, tzinfo=UTC).timestamp()
    )


def test_token_travels_in_header_never_in_url(router, fb):
    mock_reads(router)
    fb.fetch_items()
    for call in router.calls:
        assert "EAAGtoken-secret" not in str(call.request.url)
        assert call.request.headers["Authorization"] == "Bearer EAAGtoken-secret"
        assert "appsecret_proof" in str(call.request.url)
    assert "EAAGtoken-secret" not in repr(fb)


def test_second_fetch_sends_since_and_skips_old(router, fb):
    mock_reads(router)
    cursor = fb.fetch_items().cursor
    result = fb.fetch_items(cursor)
    assert "since=" in str(router.calls[-3].request.url)
    # Only the newest message sits exactly on the cursor; equal stamps are returned again.
    assert [i.kind for i in result.items] == [ItemKind.DIRECT_MESSAGE]


def test_comment_without_from_is_a_payload_error(router, fb):
    comments = fixture_json("facebook", "comments.json")
    del comments["data"][0]["from"]
    mock_reads(router)
    router.get(f"{G}/{POST}/comments").respond(json=comments)
    (bad,) = fb.fetch_items().rejected
    assert "pages_read_user_content" in str(bad.reason)


def test_read_webhook_keeps_good_entries_and_names_the_bad(fb):
    good = json.loads(fixture_bytes("facebook", "webhook_feed.json"))
    good["entry"][0]["id"] = PAGE
    broken = {"field": "feed", "value": {"item": "comment", "verb": "add", "comment_id": "c9"}}
    good["entry"][0]["changes"].append(broken)
    other_page = {"id": "999", "changes": [broken]}
    good["entry"].append(other_page)
    result = fb.read_webhook(json.dumps(good).encode())
    assert len(result.items) == 1  # the comment; the reaction carries no text
    (bad,) = result.rejected  # the other Page's entry is that connection's to read
    assert bad.platform_id == "c9" and "the author is missing" in str(bad.reason)
    with pytest.raises(PayloadError):
        fb.parse_webhook(json.dumps(good).encode())  # the strict reader still refuses it
    assert FacebookConnector.webhook_accounts(good) == [PAGE, "999"]
    assert FacebookConnector.webhook_accounts({"object": "instagram", "entry": []}) is None


@pytest.mark.parametrize(
    ("status", "body", "headers", "error"),
    [
        (400, "error_token_expired.json", {}, TokenInvalid),
        (401, None, {}, TokenInvalid),
        (403, "error_throttled.json", {}, RateLimited),
        (429, None, {"Retry-After": "120"}, RateLimited),
        (500, None, {}, TransientError),
        (503, None, {}, TransientError),
    ],
)
def test_errors_map_to_connector_errors(router, fb, status, body, headers, error):
    content = fixture_bytes("facebook", body) if body else b'{"error": {"message": "x"}}'
    router.get(f"{G}/{PAGE}/feed").respond(status, content=content, headers=headers)
    with pytest.raises(error) as caught:
        fb.fetch_items()
    if status == 429:
        assert caught.value.retry_after == 120


def test_hide_unhide_delete(router, fb):
    route = router.post(f"{G}/812345678901234_998877665544332").respond(json={"success": True})
    assert fb.hide("812345678901234_998877665544332").status is ActionStatus.DONE
    assert b"is_hidden=true" in route.calls[-1].request.content
    assert fb.unhide("812345678901234_998877665544332").ok
    assert b"is_hidden=false" in route.calls[-1].request.content
    router.delete(f"{G}/812345678901234_998877665544332").respond(json={"success": True})
    assert fb.delete("812345678901234_998877665544332").ok


def test_refusal_is_recorded_not_raised(router, fb):
    router.post(f"{G}/812345678901234_998877665544332").respond(
        400, content=fixture_bytes("facebook", "error_permission.json")
    )
    result = fb.hide("812345678901234_998877665544332")
    assert result.status is ActionStatus.REFUSED
    assert "Permissions error" in str(result.detail) and "code: 200" in str(result.detail)


def test_reply_and_block(router, fb):
    router.post(f"{G}/812345678901234_998877665544332/comments").respond(
        json={"id": "812345678901234_111"}
    )
    result = fb.reply("812345678901234_998877665544332", "Tack, vi återkommer.", "k1")
    assert result.ok and result.platform_ref == "812345678901234_111"
    router.post(f"{G}/{PAGE}/blocked").respond(json={"7365120938475612": True})
    assert fb.block("7365120938475612").ok


def test_report_is_not_supported_without_network(router, fb):
    result = fb.report("812345678901234_998877665544332", reason="hat")
    assert result.status is ActionStatus.NOT_SUPPORTED and "Report" in str(result.detail)
    assert not router.calls


def test_unsafe_id_never_reaches_the_network(router, fb):
    with pytest.raises(ValueError, match="unsafe"):
        fb.hide("../me/feed")
    assert not router.calls


def test_profile(router, fb):
    router.get(f"{G}/{PAGE}").respond(json=fixture_json("facebook", "page.json"))
    profile = fb.fetch_profile()
    assert profile.links == ("https://exempelby.se", "https://exempelby.se/kontakt")
    assert "Kommentarspolicy" in profile.bio


def sign(body: bytes, secret: str = "app-secret-123") -> str:  # noqa: S107
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def test_webhook_signature(fb):
    body = fixture_bytes("facebook", "webhook_feed.json")
    assert fb.verify_webhook({"X-Hub-Signature-256": sign(body)}, body)
    assert not fb.verify_webhook({"X-Hub-Signature-256": sign(body, "wrong")}, body)
    assert not fb.verify_webhook({"X-Hub-Signature-256": sign(body)}, body + b" ")
    assert not fb.verify_webhook({}, body)
    assert not fb.verify_webhook({"X-Hub-Signature": "sha1=abc"}, body)
    no_secret = FacebookConnector({"page_id": PAGE, "page_access_token": "t"})
    assert not no_secret.verify_webhook({"X-Hub-Signature-256": sign(body)}, body)


def test_webhook_challenge(fb):
    good = {"hub.mode": "subscribe", "hub.verify_token": "verify-me", "hub.challenge": "1158201444"}
    assert fb.webhook_challenge(good) == "1158201444"
    assert fb.webhook_challenge({**good, "hub.verify_token": "nope"}) is None
    assert fb.webhook_challenge({**good, "hub.challenge": "<script>"}) is None
    assert fb.webhook_challenge({**good, "hub.mode": "unsubscribe"}) is None


def test_parse_webhook_feed_and_messaging(fb):
    items = fb.parse_webhook(fixture_bytes("facebook", "webhook_feed.json"))
    assert len(items) == 1  # the reaction carries no text
    assert items[0].text == "Varför svarar ingen? \u202e<b>fet</b>"
    assert items[0].received_at == datetime.fromtimestamp(1741600000, tz=UTC)
    assert items[0].kind is ItemKind.COMMENT
    dms = fb.parse_webhook(fixture_bytes("facebook", "webhook_messaging.json"))
    assert len(dms) == 1 and dms[0].kind is ItemKind.DIRECT_MESSAGE
    # Arrival time on the platform, from the event, not the time we parsed it.
    assert dms[0].received_at == datetime.fromtimestamp(1741600299, tz=UTC)
    assert dms[0].attachments[0].media_type == "image"


@pytest.mark.parametrize(
    "body",
    [
        b"{not json",
        b"[]",
        json.dumps({"object": "user", "entry": []}).encode(),
        json.dumps({"object": "page"}).encode(),
        json.dumps({"object": "page", "entry": [{"changes": [{"field": "feed"}]}]}).encode(),
        json.dumps(
            {"object": "page", "entry": [{"changes": [{"field": "mystery", "value": {}}]}]}
        ).encode(),
        json.dumps(
            {
                "object": "page",
                "entry": [
                    {"changes": [{"field": "feed", "value": {"item": "hologram", "verb": "add"}}]}
                ],
            }
        ).encode(),
        json.dumps(
            {"object": "page", "entry": [{"messaging": [{"sender": {"id": "1"}}]}]}
        ).encode(),
        b'{"object": "page", "object": "page", "entry": []}',
    ],
)
def test_parse_webhook_rejects_malformed(fb, body):
    with pytest.raises(PayloadError):
        fb.parse_webhook(body)


def test_comment_with_wrong_types_is_rejected_and_the_rest_still_read(router, fb):
    comments = fixture_json("facebook", "comments.json")
    bad_id = comments["data"][0]["id"]
    comments["data"][0]["message"] = ["not", "text"]
    mock_reads(router)
    router.get(f"{G}/{POST}/comments").respond(json=comments)
    result = fb.fetch_items()
    assert [r.platform_id for r in result.rejected] == [bad_id]
    assert "expected a string" in str(result.rejected[0].reason)
    assert result.rejected[0].raw["message"] == ["not", "text"]
    assert bad_id not in {i.platform_id for i in result.items}
    assert len(result.items) == 3  # the post, the other comment and the message


def test_oversized_body_is_rejected(router):
    from tillit.connectors.base import Limits

    small = FacebookConnector(CONFIG, limits=Limits(max_body_bytes=100))
    router.get(f"{G}/{PAGE}/feed").respond(json=fixture_json("facebook", "feed.json"))
    with pytest.raises(PayloadError, match="too large"):
        small.fetch_items()


def test_network_failure_is_transient(router, fb):
    router.get(f"{G}/{PAGE}/feed").mock(side_effect=httpx.ConnectError("boom"))
    with pytest.raises(TransientError):
        fb.fetch_items()
