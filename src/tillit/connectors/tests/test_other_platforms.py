"""YouTube, Instagram, Bluesky, X, LinkedIn and RSS connectors against recorded payloads."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import httpx
import pytest

from tillit.connectors.base import ActionStatus, ItemKind, Limits
from tillit.connectors.errors import (
    PayloadError,
    PlatformRefused,
    RateLimited,
    TokenInvalid,
    TransientError,
)
from tillit.connectors.parsing import decode_cursor
from tillit.connectors.platforms.instagram import InstagramConnector
from tillit.connectors.platforms.linkedin import LinkedInConnector
from tillit.connectors.platforms.rss import RssConnector
from tillit.connectors.platforms.x import XConnector
from tillit.connectors.platforms.youtube import YouTubeConnector

from .conftest import fixture_bytes, fixture_json

# --- YouTube -------------------------------------------------------------

YT = "https://www.googleapis.com/youtube/v3"


@pytest.fixture
def yt():
    return YouTubeConnector({"channel_id": "UCexempelby0000000000000", "access_token": "ya29.x"})


def mock_threads(router):
    router.get(f"{YT}/commentThreads", params={"moderationStatus": "published"}).respond(
        json=fixture_json("youtube", "comment_threads.json")
    )
    router.get(f"{YT}/commentThreads", params={"moderationStatus": "heldForReview"}).respond(
        json=fixture_json("youtube", "comment_threads_held.json")
    )


def test_youtube_fetch_counts_quota(router, yt):
    mock_threads(router)
    result = yt.fetch_items()
    top, reply, held = result.items
    assert top.kind is ItemKind.COMMENT and reply.kind is ItemKind.REPLY
    assert top.text == "Bra video! <b>ej fet</b> \u202etxet"
    assert top.edited_at == datetime(2025, 3, 11, 12, 5, tzinfo=UTC)
    assert top.permalink.endswith("lc=UgzThread1")
    assert held.is_hidden and not held.is_public
    assert result.quota_units == 2 and yt.quota_used == 2
    assert decode_cursor(result.cursor)["since"].startswith("2025-03-11T14:00")


def test_youtube_moderation_costs_50_units(router, yt):
    route = router.post(f"{YT}/comments/setModerationStatus").respond(204)
    result = yt.hide("UgzThread1")
    assert result.ok and result.quota_units == 50
    assert route.calls[-1].request.url.params["moderationStatus"] == "heldForReview"
    assert yt.delete("UgzThread1").ok
    assert route.calls[-1].request.url.params["moderationStatus"] == "rejected"
    assert yt.block("UCspammer", context_platform_id="UgzHeld1").ok
    assert route.calls[-1].request.url.params["banAuthor"] == "true"
    assert yt.block("UCspammer").status is ActionStatus.REFUSED
    assert yt.quota_used == 150


def test_youtube_reply(router, yt):
    route = router.post(f"{YT}/comments").respond(
        json={"kind": "youtube#comment", "id": "UgzThread1.new", "snippet": {}}
    )
    result = yt.reply("UgzThread1", "Tack!", "k")
    assert result.platform_ref == "UgzThread1.new" and result.quota_units == 50
    body = json.loads(route.calls[-1].request.content)
    assert body == {"snippet": {"parentId": "UgzThread1", "textOriginal": "Tack!"}}


@pytest.mark.parametrize(
    ("status", "fixture", "error"),
    [
        (403, "error_quota.json", RateLimited),
        (401, "error_auth.json", TokenInvalid),
        (500, None, TransientError),
    ],
)
def test_youtube_errors(router, yt, status, fixture, error):
    content = fixture_bytes("youtube", fixture) if fixture else b""
    router.get(f"{YT}/commentThreads").respond(status, content=content)
    with pytest.raises(error) as caught:
        yt.fetch_items()
    if error is RateLimited:
        assert 0 < caught.value.retry_after <= 86400


def test_youtube_forbidden_moderation_is_refused(router, yt):
    router.post(f"{YT}/comments/setModerationStatus").respond(
        403, content=fixture_bytes("youtube", "error_forbidden.json")
    )
    result = yt.hide("UgzThread1")
    assert result.status is ActionStatus.REFUSED and "cannot be moderated" in str(result.detail)


def test_youtube_unknown_kind_rejected(router, yt):
    threads = fixture_json("youtube", "comment_threads.json")
    threads["items"][0]["kind"] = "youtube#somethingNew"
    router.get(f"{YT}/commentThreads").respond(json=threads)
    with pytest.raises(PayloadError, match="unexpected kind"):
        yt.fetch_items()


def test_youtube_profile(router, yt):
    router.get(f"{YT}/channels").respond(json=fixture_json("youtube", "channels.json"))
    profile = yt.fetch_profile()
    assert profile.handle == "@exempelbykommun" and yt.quota_used == 1


# --- Instagram -----------------------------------------------------------

G = "https://graph.facebook.com/v23.0"


@pytest.fixture
def ig():
    return InstagramConnector(
        {"ig_user_id": "17841405822304914", "access_token": "IGQ.secret", "app_secret": "s"}
    )


def test_instagram_fetch_and_actions(router, ig):
    router.get(f"{G}/17841405822304914/media").respond(json=fixture_json("instagram", "media.json"))
    router.get(f"{G}/17895695668004550/comments").respond(
        json=fixture_json("instagram", "comments.json")
    )
    items = ig.fetch_items().items
    assert [i.kind for i in items] == [ItemKind.OWN_POST, ItemKind.COMMENT, ItemKind.REPLY]
    assert items[1].text == "Snyggt! <a href='javascript:x'>klick</a> \u202e"
    assert items[2].parent_platform_id == items[1].platform_id
    route = router.post(f"{G}/17870913679156914").respond(json={"success": True})
    assert ig.hide("17870913679156914").ok
    assert b"hide=true" in route.calls[-1].request.content
    assert ig.block("17841400000000001").status is ActionStatus.NOT_SUPPORTED


def test_instagram_webhook(ig):
    body = fixture_bytes("instagram", "webhook_comments.json")
    items = ig.parse_webhook(body)
    assert items[0].received_at == datetime.fromtimestamp(1741777200, tz=UTC)
    assert items[0].text == "Dåligt! \u202e" and items[0].author.handle == "bo.berg"
    with pytest.raises(PayloadError):
        ig.parse_webhook(body.replace(b'"comments"', b'"unknown_field"'))


# --- Bluesky -------------------------------------------------------------

PDS = "https://bsky.social/xrpc"
ORG = "did:plc:exempelbykommun0000000"
REPLY = "at://did:plc:annaandersson000000000/app.bsky.feed.post/3lbreply3xyz"


def test_bluesky_fetch_notifications_and_chat(router, bsky):
    notes = router.get(f"{PDS}/app.bsky.notification.listNotifications").respond(
        json=fixture_json("bluesky", "notifications.json")
    )
    chat = router.get(f"{PDS}/chat.bsky.convo.listConvos").respond(
        json=fixture_json("bluesky", "list_convos.json")
    )
    router.get(f"{PDS}/chat.bsky.convo.getMessages").respond(
        json=fixture_json("bluesky", "get_messages.json")
    )
    result = bsky.fetch_items()
    reply, mention, dm = result.items
    assert reply.kind is ItemKind.COMMENT and mention.kind is ItemKind.MENTION
    assert reply.text == "Skandal! <img src=x onerror=alert(1)> \u202e\u0000"
    # indexedAt, not the client-claimed createdAt from 2020.
    assert reply.received_at == datetime(2025, 3, 12, 9, 30, 0, 123000, tzinfo=UTC)
    assert reply.attachments[0].size == 123456
    assert dm.kind is ItemKind.DIRECT_MESSAGE and dm.author.display_name == "Anna A"
    assert notes.calls[-1].request.url.params.get_list("reasons") == ["mention", "reply", "quote"]
    assert chat.calls[-1].request.headers["atproto-proxy"] == "did:web:api.bsky.chat#bsky_chat"
    assert notes.calls[-1].request.headers["Authorization"] == "Bearer eyJ.access.jwt"
    again = bsky.fetch_items(result.cursor)
    assert again.items == ()


def test_bluesky_unexpected_reason_rejected(router, bsky):
    notes = fixture_json("bluesky", "notifications.json")
    notes["notifications"][0]["reason"] = "like"
    router.get(f"{PDS}/app.bsky.notification.listNotifications").respond(json=notes)
    with pytest.raises(PayloadError, match="unexpected reason"):
        bsky.fetch_items()


def test_bluesky_hide_updates_threadgate(router, bsky):
    router.get(f"{PDS}/app.bsky.feed.getPosts").respond(
        json=fixture_json("bluesky", "get_posts_reply.json")
    )
    router.get(f"{PDS}/com.atproto.repo.getRecord").respond(
        400, json={"error": "RecordNotFound", "message": "Could not locate record"}
    )
    put = router.post(f"{PDS}/com.atproto.repo.putRecord").respond(
        json={"uri": f"at://{ORG}/app.bsky.feed.threadgate/3lbtoppost2a", "cid": "bafygate"}
    )
    assert bsky.hide(REPLY).ok
    body = json.loads(put.calls[-1].request.content)
    assert body["collection"] == "app.bsky.feed.threadgate" and body["rkey"] == "3lbtoppost2a"
    assert body["record"]["hiddenReplies"] == [REPLY]
    assert "swapRecord" not in body


def test_bluesky_expired_token_relogs_once(router, bsky):
    router.get(f"{PDS}/app.bsky.actor.getProfile").mock(
        side_effect=[
            httpx.Response(400, json=fixture_json("bluesky", "error_expired.json")),
            httpx.Response(200, json=fixture_json("bluesky", "profile.json")),
        ]
    )
    profile = bsky.fetch_profile()
    assert profile.links == ("https://exempelby.se/policy",)


def test_bluesky_profile_website_field_is_a_link(router, bsky):
    profile = fixture_json("bluesky", "profile.json") | {"website": "https://exempelby.se/"}
    router.get(f"{PDS}/app.bsky.actor.getProfile").respond(json=profile)
    assert bsky.fetch_profile().links == ("https://exempelby.se/policy", "https://exempelby.se/")
    profile["website"] = "javascript:alert(1)"
    router.get(f"{PDS}/app.bsky.actor.getProfile").respond(json=profile)
    assert bsky.fetch_profile().links == ("https://exempelby.se/policy",)


def test_bluesky_block_report_delete(router, bsky):
    create = router.post(f"{PDS}/com.atproto.repo.createRecord").respond(
        json={"uri": f"at://{ORG}/app.bsky.graph.block/3lbblock", "cid": "bafyblock"}
    )
    assert bsky.block("did:plc:annaandersson000000000").ok
    assert json.loads(create.calls[-1].request.content)["record"]["subject"].startswith("did:")
    router.get(f"{PDS}/app.bsky.feed.getPosts").respond(
        json=fixture_json("bluesky", "get_posts_reply.json")
    )
    report = router.post(f"{PDS}/com.atproto.moderation.createReport").respond(json={"id": 42})
    assert bsky.report(REPLY, reason="hot").platform_ref == "42"
    assert "atproto_labeler" in report.calls[-1].request.headers["atproto-proxy"]
    assert bsky.delete(REPLY).status is ActionStatus.NOT_SUPPORTED
    assert bsky.delete_own(REPLY).status is ActionStatus.REFUSED


def test_bluesky_rate_limit(router, bsky):
    router.get(f"{PDS}/app.bsky.notification.listNotifications").respond(
        429, json={"error": "RateLimitExceeded"}, headers={"Retry-After": "30"}
    )
    with pytest.raises(RateLimited) as caught:
        bsky.fetch_items()
    assert caught.value.retry_after == 30


# --- X -------------------------------------------------------------------

XAPI = "https://api.x.com/2"


@pytest.fixture
def x():
    return XConnector({"user_id": "1500000000000000000", "access_token": "xtoken"})


def test_x_mentions_and_dms(router, x):
    router.get(f"{XAPI}/users/1500000000000000000/mentions").respond(
        json=fixture_json("x", "mentions.json")
    )
    router.get(f"{XAPI}/dm_events").respond(json=fixture_json("x", "dm_events.json"))
    result = x.fetch_items()
    reply, mention, dm = result.items
    assert reply.kind is ItemKind.COMMENT and reply.thread_platform_id == "1899000000000000001"
    assert reply.text.endswith("<script>x</script> \u202e")
    assert reply.attachments[0].url == "https://pbs.twimg.com/media/abc.jpg"
    assert mention.kind is ItemKind.MENTION
    assert dm.platform_id == "dm:1500000000000000000-2244994945:1899100000000000001"
    assert decode_cursor(result.cursor) == {
        "mention": "1899000000000000003",
        "dm": "1899100000000000001",
    }


def test_x_missing_author_is_payload_error(router, x):
    mentions = fixture_json("x", "mentions.json")
    mentions["includes"]["users"] = []
    router.get(f"{XAPI}/users/1500000000000000000/mentions").respond(json=mentions)
    with pytest.raises(PayloadError, match="includes.users"):
        x.fetch_items()


@pytest.mark.parametrize(
    ("status", "fixture", "headers", "error"),
    [
        (401, "error_unauthorized.json", {}, TokenInvalid),
        (403, "error_forbidden.json", {}, TokenInvalid),
        (429, "error_too_many.json", {"x-rate-limit-reset": "4102444800"}, RateLimited),
        (502, None, {}, TransientError),
    ],
)
def test_x_errors(router, x, status, fixture, headers, error):
    content = fixture_bytes("x", fixture) if fixture else b"<html>bad gateway</html>"
    router.get(f"{XAPI}/users/1500000000000000000/mentions").respond(
        status, content=content, headers=headers
    )
    with pytest.raises(error):
        x.fetch_items()


def test_x_hide_reply_dm_reply(router, x):
    route = router.put(f"{XAPI}/tweets/1899000000000000002/hidden").respond(
        json={"data": {"hidden": True}}
    )
    assert x.hide("1899000000000000002").ok
    assert json.loads(route.calls[-1].request.content) == {"hidden": True}
    router.post(f"{XAPI}/tweets").respond(json={"data": {"id": "1899", "text": "Tack"}})
    assert x.reply("1899000000000000002", "Tack", "k").platform_ref == "1899"
    router.post(f"{XAPI}/dm_conversations/1500000000000000000-2244994945/messages").respond(
        json={"data": {"dm_conversation_id": "1500000000000000000-2244994945", "dm_event_id": "77"}}
    )
    dm = x.reply("dm:1500000000000000000-2244994945:1899100000000000001", "Hej", "k2")
    assert dm.platform_ref == "dm:1500000000000000000-2244994945:77"
    router.post(f"{XAPI}/users/1500000000000000000/blocking").respond(
        403, content=fixture_bytes("x", "error_forbidden.json").replace(b"client-forbidden", b"x")
    )
    assert x.block("2244994945").status is ActionStatus.REFUSED
    assert x.delete("1899000000000000002").status is ActionStatus.NOT_SUPPORTED


def test_x_profile_reads_the_bio_links_behind_t_co(router, x):
    user = fixture_json("x", "user.json")
    user["data"]["description"] = "Regler: https://t.co/r1 Alla: https://t.co/c1 https://t.co/j1"
    user["data"]["entities"]["description"] = {
        "urls": [
            {
                "start": 8,
                "end": 23,
                "url": "https://t.co/r1",
                "expanded_url": "https://exempelby.se/regler",
            },
            {
                "start": 30,
                "end": 45,
                "url": "https://t.co/c1",
                "expanded_url": "https://exempelby.se/alla",
            },
            {
                "start": 46,
                "end": 61,
                "url": "https://t.co/j1",
                "expanded_url": "javascript:alert(1)",
            },
        ]
    }
    router.get(f"{XAPI}/users/1500000000000000000").respond(json=user)
    profile = x.fetch_profile()
    assert profile.links == (
        "https://exempelby.se",
        "https://exempelby.se/regler",
        "https://exempelby.se/alla",
    )
    # Shown as X shows it; a t.co link to a script address stays the t.co link.
    assert profile.bio == (
        "Regler: https://exempelby.se/regler Alla: https://exempelby.se/alla https://t.co/j1"
    )


def test_x_bad_request_is_refused(router, x):
    router.put(f"{XAPI}/tweets/1/hidden").respond(
        400, json={"errors": [{"message": "bad"}], "title": "Invalid Request", "status": 400}
    )
    assert x.hide("1").status is ActionStatus.REFUSED


# --- LinkedIn ------------------------------------------------------------

LI = "https://api.linkedin.com/rest"
SHARE = "urn:li:share:7300000000000000001"
COMMENT = f"urn:li:comment:({SHARE},7300000000000000101)"


@pytest.fixture
def li():
    return LinkedInConnector({"organization_id": "2414183", "access_token": "AQX"})


def test_linkedin_fetch(router, li):
    router.get(f"{LI}/posts").respond(json=fixture_json("linkedin", "posts.json"))
    router.get(url__startswith=f"{LI}/socialActions/urn%3Ali%3Ashare").respond(
        json=fixture_json("linkedin", "comments.json")
    )
    router.get(url__startswith=f"{LI}/socialActions/urn%3Ali%3Acomment").respond(
        json=fixture_json("linkedin", "replies.json")
    )
    post, comment, reply = li.fetch_items().items
    assert post.kind is ItemKind.OWN_POST and comment.kind is ItemKind.COMMENT
    assert comment.text == "Ring mig på 070-1234567 \u202e<i>hej</i>"
    assert comment.edited_at is not None and reply.kind is ItemKind.REPLY
    assert reply.parent_platform_id == COMMENT
    assert router.calls[0].request.headers["LinkedIn-Version"] == "202511"


def test_linkedin_profile_reads_the_multi_locale_website_and_description(router, li):
    org = fixture_json("linkedin", "organization.json")
    del org["localizedWebsite"], org["localizedDescription"]
    sv = {"country": "SE", "language": "sv"}
    org["website"] = {
        "localized": {"en_US": "https://exempelby.se/en", "sv_SE": "https://exempelby.se"},
        "preferredLocale": sv,
    }
    org["description"] = {"localized": {"en_US": "We are Exempelby."}, "preferredLocale": sv}
    route = router.get(f"{LI}/organizations/2414183").respond(json=org)
    profile = li.fetch_profile()
    assert profile.links == ("https://exempelby.se",)
    assert profile.bio == "We are Exempelby."  # the preferred locale is missing: the first
    org |= {"localizedWebsite": "https://exempelby.se/kort", "description": {"localized": 3}}
    route.respond(json=org)
    with pytest.raises(PayloadError):
        li.fetch_profile()
    del org["description"]
    route.respond(json=org)
    assert li.fetch_profile().links == ("https://exempelby.se/kort",)


def test_linkedin_delete_and_errors(router, li):
    route = router.delete(url__startswith=f"{LI}/socialActions/").respond(204)
    assert li.delete(COMMENT).ok
    url = route.calls[-1].request.url
    assert url.path.endswith("/comments/7300000000000000101")
    assert url.params["actor"] == "urn:li:organization:2414183"
    route.respond(403, content=fixture_bytes("linkedin", "error_denied.json"))
    refused = li.delete(COMMENT)
    assert refused.status is ActionStatus.REFUSED and "permissions" in str(refused.detail)
    assert li.hide(COMMENT).status is ActionStatus.NOT_SUPPORTED
    assert li.delete("not-a-urn").status is ActionStatus.REFUSED
    router.get(f"{LI}/posts").respond(401, content=fixture_bytes("linkedin", "error_revoked.json"))
    with pytest.raises(TokenInvalid):
        li.fetch_items()


# --- RSS -----------------------------------------------------------------

FEED = "https://exempelby.se/nyheter.rss"


@pytest.fixture
def rss():
    return RssConnector({"feed_url": FEED})


def test_rss_fetch_and_conditional_get(router, rss):
    route = router.get(FEED).respond(
        content=fixture_bytes("rss", "feed.xml"), headers={"ETag": '"v1"'}
    )
    result = rss.fetch_items()
    first, second = result.items
    assert first.text == "<p>Vattnet stängs av <script>x()</script> kl 9.</p>"
    assert first.received_at == datetime(2025, 3, 12, 7, 0, tzinfo=UTC)
    assert first.attachments[0].size == 20480
    route.respond(304)
    assert rss.fetch_items(result.cursor).items == ()
    assert route.calls[-1].request.headers["If-None-Match"] == '"v1"'


def test_rss_rejects_garbage_and_big_bodies(router):
    router.get(FEED).respond(content=b"<html><body>not a feed")
    with pytest.raises(PayloadError):
        RssConnector({"feed_url": FEED}).fetch_items()
    router.get(FEED).respond(content=fixture_bytes("rss", "feed.xml"))
    small = RssConnector({"feed_url": FEED}, limits=Limits(max_body_bytes=200))
    with pytest.raises(PayloadError, match="too large"):
        small.fetch_items()
    assert RssConnector({"feed_url": FEED}).reply("x", "y", "z").status is (
        ActionStatus.NOT_SUPPORTED
    )


def test_rss_entry_without_date_is_rejected(router, rss):
    body = fixture_bytes("rss", "feed.xml").replace(
        b"<pubDate>Mon, 10 Mar 2025 08:00:00 +0100</pubDate>", b""
    )
    router.get(FEED).respond(content=body)
    with pytest.raises(PayloadError, match="no published"):
        rss.fetch_items()


def test_refusal_error_type():
    assert issubclass(PlatformRefused, Exception)
