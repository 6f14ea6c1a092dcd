"""fetch_insights for a Facebook Page and an Instagram account against Graph-shaped answers."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import httpx
import pytest

from tillit.connectors.base import Limits
from tillit.connectors.errors import PlatformRefused, RateLimited, TokenInvalid, TransientError
from tillit.connectors.insights import MAX_INSIGHT_POSTS
from tillit.connectors.platforms.facebook import FacebookConnector
from tillit.connectors.platforms.instagram import InstagramConnector

from .conftest import fixture_bytes, fixture_json

G = "https://graph.facebook.com/v23.0"
PAGE = "104729318450123"
IG = "17841405822304914"
DAYS = (date(2026, 3, 1), date(2026, 3, 3))
CONFIG = {"page_id": PAGE, "page_access_token": "EAAGtoken-secret", "app_secret": "s"}
PAGE_METRICS = ("page_media_view", "page_total_media_view_unique", "page_post_engagements")


@pytest.fixture
def fb():
    return FacebookConnector(CONFIG)


@pytest.fixture
def ig():
    return InstagramConnector({"ig_user_id": IG, "access_token": "IGQ.secret"})


def mock_graph(router, account, platform, metrics, edge, *, skip=()):
    """Each metric's answer, the follower count and the posts, as recorded for ``platform``."""
    routes = {}
    for metric in metrics:
        if metric not in skip:
            routes[metric] = router.get(
                f"{G}/{account}/insights", params={"metric": metric}
            ).respond(json=fixture_json(platform, f"insights_{metric}.json"))
    followers = "page_followers.json" if platform == "facebook" else "ig_user_followers.json"
    router.get(f"{G}/{account}").respond(json=fixture_json(platform, followers))
    routes[edge] = router.get(f"{G}/{account}/{edge}").respond(
        json=fixture_json(
            platform, "posts_figures.json" if edge == "posts" else "media_figures.json"
        )
    )
    return routes


def mock_page(router, *, skip=()):
    return mock_graph(router, PAGE, "facebook", PAGE_METRICS, "posts", skip=skip)


def test_facebook_full_answer(router, fb):
    routes = mock_page(router)
    result = fb.fetch_insights(*DAYS)
    assert (result.impressions, result.reach, result.engagements) == (5705, 3595, 283)
    assert result.followers == 1843 and result.posts == 2
    assert result.missing == () and result.supported
    newest, older = result.per_post
    assert newest.engagements == 57 + 12 + 4 and older.engagements == 21 + 3  # no shares yet
    assert newest.published_at == datetime(2026, 3, 3, 14, 5, tzinfo=UTC)
    assert newest.permalink.startswith("https://www.facebook.com/")
    assert "Pacific time" in str(result.explanation)
    assert any("page_total_media_view_unique" in s for s in result.source)
    call = routes["page_media_view"].calls[-1].request
    assert call.url.params["period"] == "day"
    since, until = int(call.url.params["since"]), int(call.url.params["until"])
    assert until - since == 3 * 86400
    assert "EAAGtoken-secret" not in str(call.url)
    assert call.headers["Authorization"] == "Bearer EAAGtoken-secret"
    posts = routes["posts"].calls[-1].request.url.params
    assert "reactions.summary(total_count)" in posts["fields"] and posts["since"] == str(since)


def test_facebook_retired_metric_costs_only_that_figure(router, fb):
    mock_page(router, skip=("page_media_view",))
    router.get(f"{G}/{PAGE}/insights", params={"metric": "page_media_view"}).respond(
        400, content=fixture_bytes("facebook", "error_invalid_metric.json")
    )
    result = fb.fetch_insights(*DAYS)
    assert result.impressions is None and result.reach == 3595 and result.followers == 1843
    (note,) = result.missing
    assert "Tillit could not get views from Facebook (Page)" in str(note)
    assert "valid insights metric" in str(note) and "code: 100" in str(note)


def test_facebook_hostile_values_are_left_out(router, fb):
    mock_page(router, skip=("page_media_view",))
    hostile = fixture_json("facebook", "insights_page_media_view.json")
    hostile["data"][0]["values"] = [
        {"value": "12", "end_time": "2026-03-02T08:00:00+0000"},
        {"value": -5, "end_time": "2026-03-03T08:00:00+0000"},
        {"value": 1.5, "end_time": "2026-03-04T08:00:00+0000"},
        {"value": True, "end_time": "2026-03-05T08:00:00+0000"},
        {"value": 10**15, "end_time": "2026-03-06T08:00:00+0000"},
        {"value": {"a": 1}, "end_time": "2026-03-07T08:00:00+0000"},
        {"end_time": "2026-03-08T08:00:00+0000"},
        "not an object",
        {"value": 3},
    ]
    hostile["data"].append({"name": "page_media_view", "values": "not a list"})
    router.get(f"{G}/{PAGE}/insights", params={"metric": "page_media_view"}).respond(json=hostile)
    router.get(f"{G}/{PAGE}").respond(json={"followers_count": "lots"})
    posts = fixture_json("facebook", "posts_figures.json")
    posts["data"][0]["reactions"] = {"summary": {"total_count": -1}}
    posts["data"][0]["created_time"] = "yesterday"
    posts["data"][1]["shares"] = {"count": "7"}
    posts["data"][1]["permalink_url"] = "javascript:alert(1)"
    router.get(f"{G}/{PAGE}/posts").respond(json=posts)
    result = fb.fetch_insights(*DAYS)
    assert result.impressions == 15  # "12" and 3; the rest are not counts
    assert result.followers is None
    (post,) = result.per_post  # the one with no readable time is not placed in the period
    assert post.engagements == 21 + 3 + 7 and post.permalink is None
    notes = " ".join(str(m) for m in result.missing)
    assert "6 figures that are not counts" in notes
    assert "Facebook (Page) did not send the follower count." in notes


def test_facebook_the_same_day_twice_counts_once(router, fb):
    # 100 days: two stretches of at most 90 days; Graph repeating a day must not double it.
    routes = mock_page(router)
    result = fb.fetch_insights(date(2026, 1, 1), date(2026, 4, 10))
    assert len(routes["page_media_view"].calls) == 2
    assert result.impressions == 5705
    first, second = (c.request.url.params for c in routes["page_media_view"].calls)
    assert first["until"] == second["since"]
    assert int(first["until"]) - int(first["since"]) == 90 * 86400


def test_facebook_never_asks_about_the_future(router, fb):
    routes = mock_page(router)
    today = datetime.now(UTC).date()
    fb.fetch_insights(today - timedelta(days=1), today + timedelta(days=30))
    until = int(routes["page_media_view"].calls[-1].request.url.params["until"])
    assert until <= datetime.now(UTC).timestamp()


@pytest.mark.parametrize(
    ("status", "body", "headers", "error"),
    [
        (401, None, {}, TokenInvalid),
        (400, "error_token_expired.json", {}, TokenInvalid),
        (429, None, {"Retry-After": "120"}, RateLimited),
        (400, "error_throttled.json", {}, RateLimited),
        (500, None, {}, TransientError),
        (503, None, {}, TransientError),
    ],
)
def test_facebook_errors_propagate(router, fb, status, body, headers, error):
    content = fixture_bytes("facebook", body) if body else b'{"error": {"message": "x"}}'
    router.get(f"{G}/{PAGE}/insights").respond(status, content=content, headers=headers)
    with pytest.raises(error) as caught:
        fb.fetch_insights(*DAYS)
    if status == 429:
        assert caught.value.retry_after == 120


def test_facebook_refusing_everything_is_a_refusal(router, fb):
    denied = fixture_bytes("facebook", "error_permission.json")
    router.route(host="graph.facebook.com").respond(403, content=denied)
    with pytest.raises(PlatformRefused, match="Permissions error"):
        fb.fetch_insights(*DAYS)


def test_facebook_refusing_the_insights_still_gives_followers_and_posts(router, fb):
    denied = fixture_bytes("facebook", "error_permission.json")
    mock_page(router, skip=PAGE_METRICS)
    router.get(f"{G}/{PAGE}/insights").respond(403, content=denied)
    result = fb.fetch_insights(*DAYS)
    assert result.followers == 1843 and result.posts == 2
    assert result.impressions is result.reach is result.engagements is None
    assert len(result.missing) == 3
    assert all("Permissions error" in str(m) and "code: 200" in str(m) for m in result.missing)


def _posts_page(count, first_id, *, more=True):
    posts = [
        {
            "id": f"{PAGE}_{first_id + n}",
            "created_time": "2026-03-02T10:00:00+0000",
            "reactions": {"summary": {"total_count": 1}},
        }
        for n in range(count)
    ]
    paging: dict[str, object] = {"cursors": {"after": f"c{first_id + count}"}}
    if more:
        paging["next"] = f"{G}/{PAGE}/posts?after=c{first_id + count}"
    return {"data": posts, "paging": paging}


def _endless_posts(request):
    """Always one more page of 100 posts in the period, each page after the last."""
    after = request.url.params.get("after", "c0")
    return httpx.Response(200, json=_posts_page(100, int(after[1:])))


def test_facebook_pagination_and_the_list_are_bounded(router):
    fb = FacebookConnector(CONFIG, limits=Limits(max_pages=2))
    mock_page(router)
    router.get(f"{G}/{PAGE}/posts").mock(side_effect=_endless_posts)
    result = fb.fetch_insights(*DAYS)
    assert result.posts == 200 and len(router.routes[-1].calls) == 2
    assert any("Only the 200 most recent posts" in str(m) for m in result.missing)
    many = FacebookConnector(CONFIG, limits=Limits(max_pages=8))
    result = many.fetch_insights(*DAYS)
    assert result.posts == MAX_INSIGHT_POSTS == len(result.per_post)
    assert any(f"Only the {MAX_INSIGHT_POSTS} most recent" in str(m) for m in result.missing)


def test_facebook_listing_stops_once_past_the_period(router, fb):
    mock_page(router)
    older = _posts_page(10, 0)
    for post in older["data"]:
        post["created_time"] = "2026-01-01T10:00:00+0000"
    route = router.get(f"{G}/{PAGE}/posts").respond(json=older)
    result = fb.fetch_insights(*DAYS)
    assert result.posts == 0 and len(route.calls) == 1 and result.missing == ()


# --- Instagram -------------------------------------------------------------

IG_METRICS = {"views": 4210, "reach": 1630, "total_interactions": 318}


def mock_ig(router, *, skip=()):
    return mock_graph(router, IG, "instagram", IG_METRICS, "media", skip=skip)


def test_instagram_full_answer(router, ig):
    routes = mock_ig(router)
    result = ig.fetch_insights(*DAYS)
    assert (result.impressions, result.reach, result.engagements) == (4210, 1630, 318)
    assert result.followers == 2904 and result.posts == 2 and result.missing == ()
    first, second = result.per_post
    assert first.engagements == 152 and second.engagements == 2  # likes hidden on the second
    params = routes["reach"].calls[-1].request.url.params
    assert params["metric_type"] == "total_value" and params["period"] == "day"
    assert "like_count" in routes["media"].calls[-1].request.url.params["fields"]


def test_instagram_asks_thirty_days_at_a_time_and_adds_the_stretches(router, ig):
    routes = mock_ig(router)
    result = ig.fetch_insights(date(2026, 1, 1), date(2026, 3, 6))  # 65 days
    calls = routes["views"].calls
    assert len(calls) == 3 and result.impressions == 3 * 4210
    spans = [int(c.request.url.params["until"]) - int(c.request.url.params["since"]) for c in calls]
    assert spans == [30 * 86400, 30 * 86400, 5 * 86400]


def test_instagram_partial_answer(router, ig):
    mock_ig(router, skip=("reach",))
    router.get(f"{G}/{IG}/insights", params={"metric": "reach"}).respond(
        400, content=fixture_bytes("facebook", "error_permission.json")
    )
    router.get(f"{G}/{IG}/media").respond(json={"data": "not a list"})
    result = ig.fetch_insights(*DAYS)
    assert result.reach is None and result.impressions == 4210 and result.posts is None
    notes = [str(m) for m in result.missing]
    assert len(notes) == 2 and "Tillit could not get reach" in notes[0]
    assert "the figures per post" in notes[1]


def test_instagram_hostile_total_is_left_out(router, ig):
    mock_ig(router, skip=("views",))
    views = fixture_json("instagram", "insights_views.json")
    views["data"][0]["total_value"] = {"value": "4210.5"}
    router.get(f"{G}/{IG}/insights", params={"metric": "views"}).respond(json=views)
    result = ig.fetch_insights(*DAYS)
    assert result.impressions is None
    assert any("1 figures that are not counts" in str(m) for m in result.missing)


@pytest.mark.parametrize(
    ("status", "headers", "error"),
    [(401, {}, TokenInvalid), (429, {"Retry-After": "30"}, RateLimited), (502, {}, TransientError)],
)
def test_instagram_errors_propagate(router, ig, status, headers, error):
    router.get(f"{G}/{IG}/insights").respond(
        status, content=json.dumps({"error": {"message": "x"}}).encode(), headers=headers
    )
    with pytest.raises(error):
        ig.fetch_insights(*DAYS)
