"""Report figures against hand-counted fixtures (R23): response-time percentiles, decisions by
rule, the share within the deadline, the comparison with the period before, and who may see
which scope."""

from datetime import date

import pytest

from tillit.access.actor import OPERATOR, actor_for
from tillit.core.exceptions import NotFound
from tillit.reports.periods import Period, PeriodError, period_checked
from tillit.reports.scopes import scope_for
from tillit.reports.selectors import report_build

from .builders import NOVEMBER, november

pytestmark = pytest.mark.django_db


@pytest.fixture
def policy(org):
    from tillit.moderation.services.policy import policy_create_from_guideline

    return policy_create_from_guideline(actor=org["admin"])


@pytest.fixture
def built(org, active_channel, policy):
    return november(active_channel, policy)


def _report(code="org", actor=OPERATOR):
    return report_build(scope_for(actor, code), Period(*NOVEMBER))


def test_activity_counts_each_kind_once(built):
    report = _report()
    assert report.figure("activity", "comments").current == 5
    assert report.figure("activity", "replies").current == 5
    assert report.figure("activity", "own_posts").current == 2
    assert report.figure("activity", "messages_in").current == 1
    assert report.figure("activity", "comments").previous == 1
    assert report.figure("activity", "comments").change == 4


def test_response_time_percentiles_are_nearest_rank(built):
    report = _report()
    # First replies after 1, 2, 3 and 10 hours (the later reply to the first is ignored).
    assert report.figure("response", "reply_median").current == 2.0
    assert report.figure("response", "reply_p90").current == 10.0
    assert report.figure("response", "answered_share").current == 80.0
    # Decisions after 0.5, 1 and 4 hours.
    assert report.figure("response", "decision_median").current == 1.0
    assert report.figure("response", "decision_p90").current == 4.0
    # Three deadlines have come; one was met.
    assert report.figure("response", "flagged_due").current == 3
    assert report.figure("response", "in_deadline_share").current == 33.3
    assert report.figure("response", "reply_median").previous == 5.0


def test_decisions_by_rule_letter_and_tier(built):
    report = _report()
    moderation = report.section("moderation")
    assert report.figure("moderation", "decisions").current == 3
    assert report.figure("moderation", "hidden").current == 1
    assert report.figure("moderation", "deleted").current == 1
    assert report.figure("moderation", "kept").current == 1
    [table] = moderation.tables
    rows = {row[0]: row for row in table.rows}
    assert set(rows) == {"R13a", "R13b"}
    assert rows["R13a"][3] == 1 and rows["R13a"][4] == 0
    assert [c.key for c in moderation.charts] == ["by_rule"]


def test_weekly_chart_has_a_value_per_week(built):
    chart = _report().section("activity").charts[0]
    weeks = Period(*NOVEMBER).weeks()
    assert len(chart.categories) == len(weeks) == 6  # 1 November 2026 is a Sunday
    comments = dict(zip(chart.categories, chart.series[0].values, strict=True))
    assert comments["w. 46"] == 5 and sum(comments.values()) == 5


def test_a_channel_report_and_the_per_channel_table(org, built, active_channel):
    report = _report(f"channel:{active_channel.pk}")
    assert report.figure("activity", "comments").current == 5
    assert "channels" not in [s.key for s in report.sections]
    [table] = _report(f"department:{org.dept_a.pk}").section("channels").tables
    assert table.rows[0][:7] == ("Biblioteket", "Avdelning A", 2, 5, 5, 1, 3)


def test_who_may_see_which_scope(org, active_channel):
    def sees(username, code):
        try:
            scope_for(actor_for(org[username]), code)
        except NotFound:
            return False
        return True

    channel, dept_a, dept_b = (
        f"channel:{active_channel.pk}",
        f"department:{org.dept_a.pk}",
        f"department:{org.dept_b.pk}",
    )
    assert sees("admin", "org") and sees("auditor", "org") and sees("auditor", channel)
    assert (
        sees("manager_a", dept_a) and not sees("manager_a", "org") and not sees("manager_a", dept_b)
    )
    assert sees("info_a", channel) and not sees("info_b", channel)
    assert sees("staff_1", channel) and not sees("staff_1", dept_a)
    assert not sees("outsider", channel)
    for bad in ("channel:999999", "channel:x", "department:", "everything", "channel:1;drop"):
        assert not sees("admin", bad), bad


def test_a_period_that_cannot_be_reported(org):
    today = date(2026, 12, 3)
    with pytest.raises(PeriodError):
        period_checked(date(2026, 11, 30), date(2026, 11, 1), today)
    with pytest.raises(PeriodError):
        period_checked(date(2027, 1, 1), date(2027, 1, 31), today)
    with pytest.raises(PeriodError):
        period_checked(date(2020, 1, 1), date(2026, 1, 1), today)
    period, notes = period_checked(date(2026, 12, 1), date(2026, 12, 31), today)
    assert period.end == today and len(notes) == 1
    assert Period(date(2026, 11, 1), date(2026, 11, 30)).previous() == Period(
        date(2026, 10, 2), date(2026, 10, 31)
    )


def test_an_empty_period_reports_nothing_to_measure(org, active_channel):
    report = _report()
    assert report.figure("response", "reply_median").current is None
    assert report.figure("response", "answered_share").current is None
    assert report.figure("activity", "comments").current == 0
