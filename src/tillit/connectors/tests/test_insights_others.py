"""fetch_insights for YouTube, Bluesky, X and LinkedIn against recorded answer shapes."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta

import httpx
import pytest

from tillit.connectors.base import Limits
from tillit.connectors.errors import PlatformRefused, RateLimited, TokenInvalid, TransientError
from tillit.connectors.platforms.bluesky import BlueskyConnector
from tillit.connectors.platforms.linkedin import LinkedInConnector
from tillit.connectors.platforms.x import XConnector
from tillit.connectors.platforms.youtube import YouTubeConnector

from .conftest import fixture_bytes, fixture_json

DAYS = (date(2026, 3, 1), date(2026, 3, 3))


def notes(result):
    return " ".join(str(m) for m in result.missing)


# --- YouTube ---------------------------------------------------------------

YT = "https://www.googleapis.com/youtube/v3"


@pytest.fixture
def yt():
    return YouTubeConnector({"channel_id": "UCexempelby0000000000000", "access_token": "ya29.x"})


def mock_youtube(router):
    return {
        "channels": router.get(f"{YT}/channels").respond(
            json=fixture_json("youtube", "channels_statistics.json")
        ),
        "playlist": router.get(f"{YT}/playlistItems").respond(
            json=fixture_json("youtube", "playlist_items.json")
        ),
        "videos": router.get(f"{YT}/videos").respond(
            json=fixture_json("youtube", "videos_statistics.json")
        ),
    }


def test_youtube_full_answer(router, yt):
    routes = mock_youtube(router)
    result = yt.fetch_insights(*DAYS)
    assert result.followers == 4310 and result.posts == 2
    first, second = result.per_post
    assert (first.impressions, first.engagements) == (1532, 55)
    assert (second.impressions, second.engagements) == (310, 2)  # likes hidden
    assert result.engagements == 57
    # The Data API has no views for a period: said once, not counted as a sum of videos.
    assert result.impressions is None and result.reach is None
    assert "YouTube Analytics API" in notes(result) and len(result.missing) == 1
    assert result.quota_units == 3 and yt.quota_used == 3
    assert routes["playlist"].calls[-1].request.url.params["playlistId"] == (
        "UUexempelby0000000000000"
    )
    assert routes["videos"].calls[-1].request.url.params["id"] == "dQw4w9WgXc1,dQw4w9WgXc3"
    assert first.permalink == "https://www.youtube.com/watch?v=dQw4w9WgXc1"


def test_youtube_hidden_subscribers_and_hostile_values(router, yt):
    mock_youtube(router)
    channels = fixture_json("youtube", "channels_statistics.json")
    channels["items"][0]["statistics"]["hiddenSubscriberCount"] = True
    router.get(f"{YT}/channels").respond(json=channels)
    videos = fixture_json("youtube", "videos_statistics.json")
    videos["items"][0]["statistics"] = {"viewCount": "1.5K", "likeCount": -4, "commentCount": "9"}
    videos["items"][1]["id"] = ["not", "an", "id"]
    router.get(f"{YT}/videos").respond(json=videos)
    result = yt.fetch_insights(*DAYS)
    assert result.followers is None and "hides its number of subscribers" in notes(result)
    first, second = result.per_post
    assert (first.impressions, first.engagements) == (None, 9)
    assert (second.impressions, second.engagements) == (None, None)  # its statistics unread
    assert "2 figures that are not counts" in notes(result)


@pytest.mark.parametrize(
    ("status", "fixture", "error"),
    [
        (403, "error_quota.json", RateLimited),
        (401, "error_auth.json", TokenInvalid),
        (500, None, TransientError),
    ],
)
def test_youtube_errors_propagate(router, yt, status, fixture, error):
    content = fixture_bytes("youtube", fixture) if fixture else b""
    router.get(f"{YT}/channels").respond(status, content=content)
    with pytest.raises(error):
        yt.fetch_insights(*DAYS)


def test_youtube_refused_videos_keep_the_subscribers(router, yt):
    mock_youtube(router)
    router.get(f"{YT}/playlistItems").respond(
        403, content=fixture_bytes("youtube", "error_forbidden.json")
    )
    result = yt.fetch_insights(*DAYS)
    assert result.followers == 4310 and result.posts is None and result.engagements is None
    assert "Tillit could not get the figures per post from YouTube" in notes(result)
    assert "did not send engagements" not in notes(result)


def test_youtube_pagination_is_bounded(router):
    yt = YouTubeConnector(
        {"channel_id": "UCexempelby0000000000000", "access_token": "t"},
        limits=Limits(max_pages=3),
    )
    mock_youtube(router)
    page = fixture_json("youtube", "playlist_items.json")
    page["nextPageToken"] = "CAUQAA"
    route = router.get(f"{YT}/playlistItems").respond(json=page)
    page["items"] = page["items"][:1]
    result = yt.fetch_insights(*DAYS)
    assert len(route.calls) == 3 and "most recent posts" in notes(result)


# --- Bluesky ---------------------------------------------------------------

PDS = "https://bsky.social/xrpc"
ORG = "did:plc:exempelbykommun0000000"


def mock_bluesky(router):
    router.get(f"{PDS}/app.bsky.actor.getProfile").respond(
        json=fixture_json("bluesky", "profile.json")
    )
    return router.get(f"{PDS}/app.bsky.feed.getAuthorFeed").respond(
        json=fixture_json("bluesky", "author_feed.json")
    )


def test_bluesky_full_answer(router, bsky):
    feed = mock_bluesky(router)
    result = bsky.fetch_insights(*DAYS)
    assert result.followers == 10 and result.posts == 2  # the repost is someone else's
    newest, older = result.per_post
    assert newest.engagements == 31 + 6 + 4 + 1 and older.engagements == 12 + 2
    assert result.engagements == 56 and result.impressions is None and result.reach is None
    assert newest.permalink == f"https://bsky.app/profile/{ORG}/post/3lcfig0003aa"
    assert newest.published_at == datetime(2026, 3, 3, 10, tzinfo=UTC)  # indexedAt
    params = feed.calls[-1].request.url.params
    assert params["actor"] == ORG and params["filter"] == "posts_no_replies"
    assert "Bluesky has no views or reach" in notes(result) and len(result.missing) == 1


def test_bluesky_hostile_values(router, bsky):
    mock_bluesky(router)
    feed = fixture_json("bluesky", "author_feed.json")
    feed["feed"][0]["post"].update(likeCount="31", repostCount=-6, replyCount=4.0, quoteCount=True)
    feed["feed"][2]["post"]["uri"] = "javascript:alert(1)"
    feed["feed"].insert(0, "not an object")
    router.get(f"{PDS}/app.bsky.feed.getAuthorFeed").respond(json=feed)
    router.get(f"{PDS}/app.bsky.actor.getProfile").respond(json={"followersCount": 10**20})
    result = bsky.fetch_insights(*DAYS)
    (post,) = result.per_post
    assert post.engagements == 31 and result.followers is None
    assert "4 figures that are not counts" in notes(result)


@pytest.mark.parametrize(("status", "error"), [(429, RateLimited), (500, TransientError)])
def test_bluesky_errors_propagate(router, bsky, status, error):
    headers = {"ratelimit-reset": str(int(time.time()) + 60)} if status == 429 else {}
    router.get(f"{PDS}/app.bsky.actor.getProfile").respond(status, headers=headers)
    with pytest.raises(error) as caught:
        bsky.fetch_insights(*DAYS)
    if status == 429:
        assert 0 < caught.value.retry_after <= 60


def test_bluesky_expired_twice_is_token_invalid(router, bsky):
    router.get(f"{PDS}/app.bsky.actor.getProfile").respond(
        400, json=fixture_json("bluesky", "error_expired.json")
    )
    with pytest.raises(TokenInvalid):
        bsky.fetch_insights(*DAYS)


def test_bluesky_pagination_is_bounded(router):
    router.post(f"{PDS}/com.atproto.server.createSession").respond(
        json=fixture_json("bluesky", "session.json")
    )
    bsky = BlueskyConnector(
        {"identifier": "exempelby.bsky.social", "app_password": "p"}, limits=Limits(max_pages=2)
    )
    mock_bluesky(router)
    feed = fixture_json("bluesky", "author_feed.json")
    feed["feed"], feed["cursor"] = feed["feed"][:1], "2026-03-03T10:00:00.000Z::bafy"
    route = router.get(f"{PDS}/app.bsky.feed.getAuthorFeed").respond(json=feed)
    result = bsky.fetch_insights(*DAYS)
    assert len(route.calls) == 2 and "most recent posts" in notes(result)


# --- X ---------------------------------------------------------------------

X = "https://api.x.com/2"
USER = "1500000000000000000"


@pytest.fixture
def xc():
    return XConnector({"user_id": USER, "access_token": "x-token"})


def mock_x(router):
    router.get(f"{X}/users/{USER}").respond(json=fixture_json("x", "user_metrics.json"))
    return router.get(f"{X}/users/{USER}/tweets").respond(
        json=fixture_json("x", "user_tweets.json")
    )


def test_x_full_answer(router, xc):
    tweets = mock_x(router)
    result = xc.fetch_insights(*DAYS)
    assert result.followers == 5210 and result.posts == 2
    assert result.impressions == 3120 + 870 and result.engagements == 41 + 5 + 3 + 1 + 9 + 1
    assert result.reach is None and "X gives no reach" in notes(result)
    params = tweets.calls[-1].request.url.params
    assert params["start_time"] == "2026-03-01T00:00:00Z"
    assert params["end_time"] == "2026-03-04T00:00:00Z"
    assert params["exclude"] == "retweets,replies" and "public_metrics" in params["tweet.fields"]
    assert result.per_post[0].permalink == "https://x.com/i/web/status/1897000000000000002"


def test_x_access_tier_refusal_is_a_missing_figure_not_a_broken_token(router, xc):
    router.get(f"{X}/users/{USER}").respond(json=fixture_json("x", "user_metrics.json"))
    router.get(f"{X}/users/{USER}/tweets").respond(
        403, content=fixture_bytes("x", "error_forbidden.json")
    )
    result = xc.fetch_insights(*DAYS)
    assert result.followers == 5210 and result.impressions is None and result.posts is None
    assert "access tier" in notes(result) and "did not send views" not in notes(result)
    router.get(f"{X}/users/{USER}").respond(403, content=fixture_bytes("x", "error_forbidden.json"))
    with pytest.raises(PlatformRefused, match="access tier"):
        xc.fetch_insights(*DAYS)


@pytest.mark.parametrize(
    ("status", "fixture", "error"),
    [
        (401, "error_unauthorized.json", TokenInvalid),
        (429, "error_too_many.json", RateLimited),
        (503, None, TransientError),
    ],
)
def test_x_errors_propagate(router, xc, status, fixture, error):
    headers = {"x-rate-limit-reset": str(int(time.time()) + 900)} if status == 429 else {}
    content = fixture_bytes("x", fixture) if fixture else b""
    router.get(f"{X}/users/{USER}").respond(status, content=content, headers=headers)
    with pytest.raises(error) as caught:
        xc.fetch_insights(*DAYS)
    if status == 429:
        assert 800 < caught.value.retry_after <= 900


def test_x_hostile_values_and_the_present(router, xc):
    mock_x(router)
    tweets = fixture_json("x", "user_tweets.json")
    tweets["data"][0]["public_metrics"] = {"impression_count": "3120", "like_count": 2**70}
    tweets["data"][1]["id"] = "../../users/me"
    an_hour_ago = datetime.now(UTC) - timedelta(hours=1)
    for tweet in tweets["data"]:
        tweet["created_at"] = an_hour_ago.isoformat().replace("+00:00", "Z")
    router.get(f"{X}/users/{USER}/tweets").respond(json=tweets)
    today = datetime.now(UTC).date()
    result = xc.fetch_insights(today - timedelta(days=2), today)
    (post,) = result.per_post
    assert post.impressions == 3120 and post.engagements is None
    assert "1 figures that are not counts" in notes(result)
    sent = router.routes[-1].calls[-1].request.url.params["end_time"]
    # X refuses an end time less than ten seconds ago.
    assert datetime.fromisoformat(sent) < datetime.now(UTC) - timedelta(seconds=10)


def test_x_pagination_is_bounded(router):
    xc = XConnector({"user_id": USER, "access_token": "t"}, limits=Limits(max_pages=3))
    mock_x(router)
    tweets = fixture_json("x", "user_tweets.json")
    tweets["meta"]["next_token"] = "7140dibdnow9c7btw4b2yqt"
    route = router.get(f"{X}/users/{USER}/tweets").respond(json=tweets)
    result = xc.fetch_insights(*DAYS)
    # The same posts on every page are counted once.
    assert len(route.calls) == 3 and result.posts == 2 and "most recent posts" in notes(result)
    assert route.calls[-1].request.url.params["pagination_token"] == "7140dibdnow9c7btw4b2yqt"


# --- LinkedIn --------------------------------------------------------------

LI = "https://api.linkedin.com/rest"
ORG_URN = "urn%3Ali%3Aorganization%3A2414183"


@pytest.fixture
def li():
    return LinkedInConnector({"organization_id": "2414183", "access_token": "li-token"})


def recent():
    today = datetime.now(UTC).date()
    return today - timedelta(days=40), today - timedelta(days=10)


def mock_linkedin(router):
    sizes = router.get(f"{LI}/networkSizes/{ORG_URN}").respond(
        json=fixture_json("linkedin", "network_size.json")
    )
    stats = router.get(url__startswith=f"{LI}/organizationalEntityShareStatistics").respond(
        json=fixture_json("linkedin", "share_statistics.json")
    )
    return sizes, stats


def test_linkedin_full_answer(router, li):
    sizes, stats = mock_linkedin(router)
    result = li.fetch_insights(*recent())
    assert result.followers == 3127
    assert (result.impressions, result.reach) == (812 + 1204, 640 + 955)
    assert result.engagements == 22 + 3 + 2 + 37 + 6 + 4  # clicks are not counted
    assert result.per_post == () and "per post" in notes(result) and len(result.missing) == 1
    size = sizes.calls[-1].request
    assert size.url.params["edgeType"] == "COMPANY_FOLLOWED_BY_MEMBER"
    assert "x-restli-protocol-version" not in size.headers
    raw = stats.calls[-1].request.url.raw_path.decode()
    assert f"organizationalEntity={ORG_URN}" in raw and "q=organizationalEntity" in raw
    assert "timeIntervals=(timeRange:(start:" in raw and ",timeGranularityType:DAY)" in raw
    assert stats.calls[-1].request.headers["X-Restli-Protocol-Version"] == "2.0.0"
    assert stats.calls[-1].request.headers["LinkedIn-Version"] == "202511"


def test_linkedin_keeps_twelve_months(router, li):
    sizes, stats = mock_linkedin(router)
    today = datetime.now(UTC).date()
    old = li.fetch_insights(today - timedelta(days=500), today - timedelta(days=400))
    assert not stats.calls and old.impressions is None and old.followers == 3127
    assert "12 months only, and this period is older" in notes(old)
    half = li.fetch_insights(today - timedelta(days=380), today - timedelta(days=300))
    assert half.impressions == 2016 and "first days of the period are not counted" in notes(half)
    start = int(stats.calls[-1].request.url.raw_path.decode().split("start:")[1].split(",")[0])
    assert start / 1000 > time.time() - 365 * 86400


def test_linkedin_hostile_values(router, li):
    mock_linkedin(router)
    stats = fixture_json("linkedin", "share_statistics.json")
    stats["elements"][0]["totalShareStatistics"].update(impressionCount=-1, likeCount="22")
    stats["elements"][1]["totalShareStatistics"] = "not an object"
    stats["elements"].append(None)
    router.get(url__startswith=f"{LI}/organizationalEntityShareStatistics").respond(json=stats)
    router.get(f"{LI}/networkSizes/{ORG_URN}").respond(json={"firstDegreeSize": 3127.0})
    result = li.fetch_insights(*recent())
    assert result.impressions == 0 and result.reach == 640 and result.engagements == 27
    assert result.followers is None and "2 figures that are not counts" in notes(result)


def test_linkedin_denied_statistics_keep_the_followers(router, li):
    mock_linkedin(router)
    router.get(url__startswith=f"{LI}/organizationalEntityShareStatistics").respond(
        403, content=fixture_bytes("linkedin", "error_denied.json")
    )
    result = li.fetch_insights(*recent())
    assert result.followers == 3127 and result.impressions is None
    assert "the figures for the period" in notes(result)
    assert "Not enough permissions" in notes(result) and "code: 100" in notes(result)
    assert "did not send" not in notes(result)


@pytest.mark.parametrize(
    ("status", "error"), [(401, TokenInvalid), (429, RateLimited), (500, TransientError)]
)
def test_linkedin_errors_propagate(router, li, status, error):
    router.get(f"{LI}/networkSizes/{ORG_URN}").respond(status, json={"message": "x"})
    with pytest.raises(error):
        li.fetch_insights(*recent())


def test_network_failure_is_transient(router, li):
    router.get(f"{LI}/networkSizes/{ORG_URN}").mock(side_effect=httpx.ConnectError("boom"))
    with pytest.raises(TransientError):
        li.fetch_insights(*recent())
