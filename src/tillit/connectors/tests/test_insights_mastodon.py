"""fetch_insights for Mastodon: against mastodon-mock on 127.0.0.1, and a hostile instance."""

from __future__ import annotations

import contextlib
from datetime import UTC, date, datetime, timedelta

import httpx
import pytest

from tillit.connectors.base import Limits
from tillit.connectors.errors import PlatformRefused, RateLimited, TokenInvalid, TransientError
from tillit.connectors.platforms.mastodon import MastodonConnector

from .conftest import mastodon_fault

STATUSES = r"^/api/v1/accounts/[^/]+/statuses$"


@pytest.fixture
def org(server):
    return MastodonConnector({"api_base_url": server.base_url, "access_token": "alice_token"})


@contextlib.contextmanager
def fault(server, path_regex, **effect):
    """Every call matching ``path_regex`` fails as ``effect`` says, until the block ends."""
    rule = mastodon_fault(server, {"path_regex": path_regex}, {"type": "status", **effect})
    try:
        yield
    finally:
        httpx.delete(f"{server.base_url}/api/v1/_mock/faults/{rule}")


def today():
    return datetime.now(UTC).date()


def notes(result):
    return " ".join(str(m) for m in result.missing)


def test_own_public_posts_of_the_period_with_their_counts(server, org):
    alice, bob, carol = server.client("alice"), server.client("bob"), server.client("carol")
    post = alice.status_post("Öppet hus på lördag", visibility="public")
    quiet = alice.status_post("Bara för följare", visibility="private")
    alice.status_post("Tack!", in_reply_to_id=post.id)  # a reply: not one of the posts
    bob.status_favourite(post.id)
    carol.status_favourite(post.id)
    bob.status_reblog(post.id)
    bob.status_post("@alice Vilken tid?", in_reply_to_id=post.id)
    carol.status_favourite(quiet.id)
    bob.account_follow(alice.me().id)
    result = org.fetch_insights(today() - timedelta(days=1), today())
    assert result.followers == alice.me().followers_count >= 1
    (figures,) = result.per_post
    assert figures.platform_id == str(post.id)
    # Two favourites, one boost, two replies (alice's own thanks and bob's question).
    assert figures.engagements == 2 + 1 + 2 == result.engagements
    assert result.impressions is None and result.reach is None
    assert "Mastodon has no views or reach" in notes(result) and len(result.missing) == 1
    assert figures.permalink and figures.permalink.startswith("http")


def test_a_period_before_the_posts_counts_none(server, org):
    server.client("alice").status_post("Nytt i dag")
    result = org.fetch_insights(date(2020, 1, 1), date(2020, 1, 31))
    assert result.posts == 0 and result.engagements is None


def test_a_bad_token_is_token_invalid(server):
    bad = MastodonConnector({"api_base_url": server.base_url, "access_token": "nope"})
    with pytest.raises(TokenInvalid):
        bad.fetch_insights(today(), today())


def test_rate_limit_and_server_errors_propagate(server, org):
    with fault(server, STATUSES, type="ratelimit"), pytest.raises(RateLimited):
        org.fetch_insights(today(), today())
    with fault(server, STATUSES, status=500), pytest.raises(TransientError):
        org.fetch_insights(today(), today())


def test_refused_statuses_keep_the_followers(server, org):
    with fault(server, STATUSES, status=403):
        result = org.fetch_insights(today(), today())
    assert result.followers is not None and result.posts is None and result.engagements is None
    assert "Tillit could not get the figures per post from Mastodon" in notes(result)
    with fault(server, r"^/api/v1/", status=403), pytest.raises(PlatformRefused):
        org.fetch_insights(today(), today())


class HostileApi:
    """An instance answering with what no count is, and never ending its pages."""

    def __init__(self, *, pages_of=40):
        self.calls = []
        self.pages_of = pages_of

    def me(self):
        return {"id": "1", "followers_count": -3}

    def account_statuses(self, account_id, **kwargs):
        self.calls.append(kwargs)
        start = 10**6 - len(self.calls) * self.pages_of
        when = (datetime.now(UTC) - timedelta(hours=1)).isoformat()
        return [
            {
                "id": str(start - n),
                "created_at": when,
                "visibility": "public",
                "url": "javascript:alert(1)",
                "favourites_count": "3",
                "reblogs_count": 2.5,
                "replies_count": True,
            }
            for n in range(self.pages_of)
        ]


def test_hostile_values_are_left_out_and_pages_are_bounded(monkeypatch):
    connector = MastodonConnector(
        {"api_base_url": "https://mastodon.example", "access_token": "t"},
        limits=Limits(max_pages=3),
    )
    api = HostileApi()
    monkeypatch.setattr(connector, "_api", api)
    result = connector.fetch_insights(today(), today())
    assert len(api.calls) == 3 and result.posts == 120
    assert api.calls[1]["max_id"] == str(10**6 - 40 - 39)  # the oldest of the page before
    assert all(c["exclude_replies"] and c["exclude_reblogs"] for c in api.calls)
    post = result.per_post[0]
    assert post.engagements == 3 and post.permalink is None and result.followers is None
    assert "241 figures that are not counts" in notes(result)
    assert "most recent posts" in notes(result)


def test_a_page_without_usable_ids_ends_the_listing(monkeypatch):
    connector = MastodonConnector({"api_base_url": "https://mastodon.example", "access_token": "t"})

    class Stuck(HostileApi):
        def account_statuses(self, account_id, **kwargs):
            self.calls.append(kwargs)
            return [{"id": {"no": 1}}, {"id": "12a"}]

    api = Stuck()
    monkeypatch.setattr(connector, "_api", api)
    result = connector.fetch_insights(today(), today())
    # Without an id to page from, asking again would only get the same page.
    assert len(api.calls) == 1 and result.posts == 0


def test_an_unreadable_page_is_a_missing_figure(monkeypatch):
    connector = MastodonConnector({"api_base_url": "https://mastodon.example", "access_token": "t"})

    class Broken(HostileApi):
        def account_statuses(self, account_id, **kwargs):
            return ["not an object"]

    monkeypatch.setattr(connector, "_api", Broken())
    result = connector.fetch_insights(today(), today())
    assert result.posts is None and "could not get the figures per post" in notes(result)
