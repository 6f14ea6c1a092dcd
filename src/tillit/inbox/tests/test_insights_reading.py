"""The daily insights read (R23): each missing day once, a refusal kept with its reason and
asked again, a rate limit stops only that channel."""

from datetime import date, timedelta

import pytest

from tillit.connectors.base import Insights
from tillit.connectors.errors import RateLimited, TransientError
from tillit.connectors.platforms.facebook.connector import FacebookConnector
from tillit.inbox.models import Connection, InsightReading
from tillit.inbox.services.insights import days_to_read, insights_read

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 3)


@pytest.fixture
def connection(fb_channel, settings):
    settings.TILLIT_INSIGHTS_BACKFILL_DAYS = 5
    return Connection.objects.get(channel=fb_channel)


def _answers(monkeypatch, answer):
    calls = []

    def fake(self, period):
        calls.append(period.start)
        return answer(period)

    monkeypatch.setattr(FacebookConnector, "_fetch_insights", fake)
    return calls


def _figures(period):
    n = period.start.day
    return Insights(
        start=period.start, end=period.end, followers=1000 + n, impressions=10 * n, engagements=n
    )


def test_each_missing_day_is_read_once(monkeypatch, connection):
    calls = _answers(monkeypatch, _figures)
    assert insights_read(connection, TODAY) == {"read": 5, "refused": 0}
    assert calls == [TODAY - timedelta(days=n) for n in range(5, 0, -1)]
    assert insights_read(connection, TODAY) == {"read": 0, "refused": 0}
    assert InsightReading.objects.get(day=date(2026, 12, 2)).impressions == 20


def test_a_refused_day_is_kept_with_its_reason_and_asked_again(monkeypatch, connection):
    def answer(period):
        if period.start == date(2026, 11, 30):
            raise TransientError("Graph is down")
        return _figures(period)

    _answers(monkeypatch, answer)
    assert insights_read(connection, TODAY) == {"read": 4, "refused": 1}
    refused = InsightReading.objects.get(day=date(2026, 11, 30))
    assert refused.impressions is None and "Graph is down" in refused.problem
    assert days_to_read(connection, TODAY) == [date(2026, 11, 30)]
    _answers(monkeypatch, _figures)
    insights_read(connection, TODAY)
    assert InsightReading.objects.get(day=date(2026, 11, 30)).problem == ""


def test_a_rate_limit_stops_the_channel_until_the_next_run(monkeypatch, connection):
    def answer(period):
        raise RateLimited("slow down", retry_after=3600)

    calls = _answers(monkeypatch, answer)
    assert insights_read(connection, TODAY) == {"read": 0, "refused": 1}
    assert len(calls) == 1
