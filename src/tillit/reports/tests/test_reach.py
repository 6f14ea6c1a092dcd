"""The report's reach section adds up the days the platform gave and says what is missing."""

from datetime import date

import pytest

from tillit.connectors.errors import TransientError
from tillit.inbox.models import Connection
from tillit.inbox.services.insights import insights_read
from tillit.inbox.tests.conftest import fb_channel  # noqa: F401  (shared fixture)
from tillit.inbox.tests.test_insights_reading import TODAY, _answers, _figures

pytestmark = pytest.mark.django_db


@pytest.fixture
def connection(fb_channel, settings):  # noqa: F811
    settings.TILLIT_INSIGHTS_BACKFILL_DAYS = 5
    return Connection.objects.get(channel=fb_channel)


def test_the_report_adds_the_days_up_and_says_what_is_missing(monkeypatch, org, connection):
    from django.utils import translation

    from tillit.access.actor import OPERATOR
    from tillit.core.messages import shown_text
    from tillit.reports.periods import Period
    from tillit.reports.scopes import scope_for
    from tillit.reports.selectors import report_build

    def answer(period):
        if period.start == date(2026, 12, 1):
            raise TransientError("Graph is down")
        return _figures(period)

    _answers(monkeypatch, answer)
    insights_read(connection, TODAY)
    report = report_build(scope_for(OPERATOR, "org"), Period(date(2026, 11, 28), date(2026, 12, 2)))
    assert report.figure("reach", "impressions").current == 10 * (28 + 29 + 30 + 2)
    assert report.figure("reach", "followers").current == 1002
    assert report.figure("reach", "lacking").current == 1
    with translation.override("sv"):
        notes = [shown_text(n, html=False) for n in report.section("reach").notes]
    assert any("Graph is down" in n for n in notes), notes
