"""The insights contract: the capability, the default without it, periods and counts."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import httpx
import pytest

from tillit.connectors import registry
from tillit.connectors.base import (
    MODERATION_CAPABILITIES,
    Capability,
    Connector,
    InsightPeriod,
    Insights,
    PostInsight,
    check_connector_class,
)
from tillit.connectors.errors import PayloadError, PlatformRefused
from tillit.connectors.insights import (
    MAX_INSIGHT_POSTS,
    PER_POST,
    REACH,
    InsightsDraft,
    NewestFirst,
    count,
    dig,
)

MARCH = (date(2026, 3, 1), date(2026, 3, 31))


def test_every_connector_declares_and_implements_insights_or_gets_the_default():
    for slug, cls in registry.all_connectors().items():
        check_connector_class(cls)
        declares = Capability.READ_INSIGHTS in cls.capabilities
        implements = cls._fetch_insights is not Connector._fetch_insights
        assert declares == implements, slug
        # Each says in its own words what its figures mean (or why there are none).
        assert cls.insights_explanation is not Connector.insights_explanation, slug
        assert len(cls.insights_explanation) > 60, slug
    connectors = registry.all_connectors().items()
    without = {s for s, c in connectors if Capability.READ_INSIGHTS not in c.capabilities}
    assert without == {"rss"}


def _connector(**attributes):
    base = {
        "platform": "quiet",
        "label": "Quiet",
        "unsupported": dict.fromkeys(
            MODERATION_CAPABILITIES | {Capability.PUBLISH}, "because the platform offers none"
        ),
        "state_unsupported": "the platform cannot say whether an item is hidden",
    }
    return type("Quiet", (Connector,), {**base, **attributes})


def test_the_contract_holds_capability_and_implementation_together():
    def figures(self, period):
        return Insights(period.start, period.end)

    check_connector_class(_connector())  # neither: the default explanation will do
    check_connector_class(
        _connector(
            capabilities=frozenset({Capability.READ_INSIGHTS}),
            _fetch_insights=figures,
            insights_explanation="Views are what the quiet platform counts as views.",
        )
    )
    with pytest.raises(TypeError, match="needs _fetch_insights"):
        check_connector_class(_connector(capabilities=frozenset({Capability.READ_INSIGHTS})))
    with pytest.raises(TypeError, match="never called"):
        check_connector_class(_connector(_fetch_insights=figures))
    with pytest.raises(TypeError, match="not fetch_insights"):
        check_connector_class(_connector(fetch_insights=figures))
    with pytest.raises(TypeError, match="insights_explanation"):
        check_connector_class(_connector(insights_explanation="Views."))


def test_without_the_capability_nothing_reaches_the_network():
    rss = registry.get_connector("rss")({"feed_url": "https://exempelby.se/feed"})
    rss._http = httpx.Client(transport=httpx.MockTransport(lambda r: pytest.fail("network")))
    result = rss.fetch_insights(*MARCH)
    assert not result.supported and not result.has_figures
    assert (result.start, result.end) == MARCH
    assert result.followers is result.impressions is result.reach is result.engagements is None
    assert "web analytics" in str(result.missing[0]) and result.explanation == result.missing[0]


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (date(2026, 3, 2), date(2026, 3, 1)),
        (date(2025, 1, 1), date(2026, 1, 2)),
        (datetime(2026, 3, 1, tzinfo=UTC), date(2026, 3, 2)),
        ("2026-03-01", date(2026, 3, 2)),
    ],
)
def test_a_period_that_is_not_one_is_refused_before_the_network(start, end):
    rss = registry.get_connector("rss")({"feed_url": "https://exempelby.se/feed"})
    with pytest.raises(ValueError):
        rss.fetch_insights(start, end)


def test_a_period_is_days_in_a_zone_and_cut_into_windows():
    stockholm = ZoneInfo("Europe/Stockholm")
    period = InsightPeriod(date(2026, 1, 1), date(2026, 12, 31), stockholm)
    assert period.days == 365
    assert period.since == datetime(2025, 12, 31, 23, tzinfo=UTC)
    assert period.until == datetime(2026, 12, 31, 23, tzinfo=UTC)
    windows = period.windows(90)
    assert len(windows) == 5 and windows[0][0] == period.since and windows[-1][1] == period.until
    assert all(b - a <= timedelta(days=90) for a, b in windows)
    assert all(windows[i][1] == windows[i + 1][0] for i in range(4))
    cut = period.windows(30, before=datetime(2026, 2, 10, tzinfo=UTC))
    assert cut[-1][1] == datetime(2026, 2, 10, tzinfo=UTC) and len(cut) == 2
    assert period.windows(30, before=datetime(2020, 1, 1, tzinfo=UTC)) == []
    assert period.contains(datetime(2026, 6, 1, tzinfo=UTC))
    assert not period.contains(period.until)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0, 0),
        (12, 12),
        ("4310", 4310),
        (-1, None),
        (1.0, None),
        (2.5, None),
        (True, None),
        (None, None),
        ("", None),
        ("4.3K", None),
        ("-5", None),
        ("\u0661\u0662", None),  # Arabic-Indic digits: isdigit() says yes, a count it is not
        (10**13, None),
        ("9" * 14, None),
        ([1], None),
        ({"value": 1}, None),
    ],
)
def test_counts_are_read_defensively(value, expected):
    assert count(value) == expected


def test_dig_never_raises():
    assert dig({"a": {"b": 1}}, "a", "b") == 1
    assert dig({"a": [1]}, "a", "b") is None
    assert dig(None, "a") is None and dig("text", "a") is None


def test_insights_hold_only_counts_and_a_bounded_list():
    with pytest.raises(ValueError):
        Insights(date(2026, 3, 1), date(2026, 3, 2), followers=-1)
    with pytest.raises(ValueError):
        Insights(date(2026, 3, 1), date(2026, 3, 2), fetched_at=datetime(2026, 3, 3))
    post = PostInsight("1", datetime(2026, 3, 1, tzinfo=UTC), permalink="javascript:alert(1)")
    assert post.permalink is None
    with pytest.raises(ValueError):
        Insights(date(2026, 3, 1), date(2026, 3, 2), per_post=(post,) * (MAX_INSIGHT_POSTS + 1))
    with pytest.raises(ValueError):
        PostInsight("1", datetime(2026, 3, 1))


def test_a_draft_says_what_is_missing_and_raises_only_when_nothing_was_read():
    period = InsightPeriod(*MARCH)
    refused = PlatformRefused("no", 403)
    draft = InsightsDraft(period, "Quiet", "What quiet figures mean, in a long sentence.")
    draft.failed(REACH, refused)
    with pytest.raises(PlatformRefused):
        draft.done()
    draft = InsightsDraft(period, "Quiet", "What quiet figures mean, in a long sentence.")
    draft.failed(REACH, refused)
    draft.failed(REACH, PayloadError("odd"))
    draft.set_followers("12")
    draft.engagements.add(-3)
    for n in range(MAX_INSIGHT_POSTS + 2):
        draft.add_post(str(n), datetime(2026, 3, 2, tzinfo=UTC), engagements=(1, "x", None))
    result = draft.done()
    assert result.followers == 12 and result.posts == MAX_INSIGHT_POSTS
    notes = [str(m) for m in result.missing]
    assert sum("Tillit could not get reach from Quiet" in n for n in notes) == 2
    # Views and engagements were not explained, so the draft says they were not sent.
    assert "Quiet did not send views." in notes and "Quiet did not send engagements." in notes
    assert any(f"{MAX_INSIGHT_POSTS + 1} figures that are not counts" in n for n in notes)
    assert any(f"Only the {MAX_INSIGHT_POSTS} most recent posts" in n for n in notes)
    assert result.explanation is not None


def test_a_post_sent_twice_counts_once_and_a_failed_list_is_dropped():
    draft = InsightsDraft(InsightPeriod(*MARCH), "Quiet", "What quiet figures mean, in words.")
    for _ in range(2):
        assert draft.add_post("a", datetime(2026, 3, 2, tzinfo=UTC), engagements=(4,))
    draft.engagements_from_posts()
    assert draft.done().posts == 1 and draft.done().engagements == 4
    draft.failed(PER_POST, PayloadError("odd"))
    assert draft.done().posts is None and draft.done().per_post == ()


def test_newest_first_ends_after_a_few_older_posts_in_a_row():
    period = InsightPeriod(*MARCH)
    scan = NewestFirst(period)
    pinned = datetime(2025, 1, 1, tzinfo=UTC)
    assert scan.place(datetime(2026, 4, 2, tzinfo=UTC)) is False  # after the period
    assert scan.place(pinned) is False and not scan.passed
    assert scan.place(datetime(2026, 3, 30, tzinfo=UTC)) is True
    for _ in range(NewestFirst.OLDER_IN_A_ROW):
        scan.place(datetime(2026, 2, 1, tzinfo=UTC))
    assert scan.passed
