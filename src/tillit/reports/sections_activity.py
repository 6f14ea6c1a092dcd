"""Activity and response times: what came in, what the organisation said, and how soon."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db.models import (
    Count,
    F,
    Q,
    QuerySet,
)
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tillit.channels.models import Channel
from tillit.connectors.base import ItemKind
from tillit.inbox.models import Item

from .figures import COMMENT_KINDS, REPLY_KINDS, compared, period_items
from .measures import hours, percentiles, share
from .periods import Period, day_start
from .report import COUNT, HOURS, SHARE, Chart, Section, Series
from .scopes import Scope

#: Response-time bands of the distribution chart: (upper bound, label).
BANDS = (
    (timedelta(hours=1), _("Within an hour")),
    (timedelta(hours=4), _("1–4 hours")),
    (timedelta(hours=24), _("4–24 hours")),
    (timedelta(days=3), _("1–3 days")),
    (None, _("Longer")),
)


def _activity_counts(channels: QuerySet[Channel], period: Period) -> dict[str, int]:
    return period_items(channels, period).aggregate(
        own_posts=Count("pk", filter=Q(is_own=True, kind=ItemKind.OWN_POST)),
        comments=Count("pk", filter=Q(is_own=False, kind__in=COMMENT_KINDS)),
        replies=Count("pk", filter=Q(is_own=True, kind__in=REPLY_KINDS)),
        messages_in=Count("pk", filter=Q(is_own=False, kind=ItemKind.DIRECT_MESSAGE)),
        messages_out=Count("pk", filter=Q(is_own=True, kind=ItemKind.DIRECT_MESSAGE)),
    )


ACTIVITY = [
    ("own_posts", _("Own posts"), COUNT),
    ("comments", _("Comments from the public"), COUNT),
    ("replies", _("Replies by the organisation"), COUNT),
    ("messages_in", _("Direct messages received"), COUNT),
    ("messages_out", _("Direct messages sent"), COUNT),
]


def activity_section(scope: Scope, period: Period, previous: Period) -> Section:
    channels = scope.channels()
    section = Section(
        "activity",
        _("Activity"),
        compared(
            ACTIVITY, _activity_counts(channels, period), _activity_counts(channels, previous)
        ),
    )
    section.charts.append(_weekly_chart(channels, period))
    return section


#: Up to this many weeks the activity chart counts per week; beyond, per month.
WEEKLY_UP_TO = 27
ACTIVITY_SERIES = (
    ("comments", Q(is_own=False, kind__in=COMMENT_KINDS), _("Comments")),
    ("own_posts", Q(is_own=True, kind=ItemKind.OWN_POST), _("Own posts")),
    ("messages", Q(is_own=False, kind=ItemKind.DIRECT_MESSAGE), _("Direct messages")),
)


def _buckets(period: Period) -> tuple[list[tuple[str, datetime, datetime]], bool]:
    """The chart's buckets (label, first instant, first instant after) and whether weekly."""
    first, after = period.bounds()
    weeks = period.weeks()
    if len(weeks) <= WEEKLY_UP_TO:
        starts = [max(first, day_start(w)) for w in weeks]
        # Swedes count weeks: "v. 45" is the week that starts on that Monday.
        labels = [_("w. %(week)d") % {"week": w.isocalendar().week} for w in weeks]
        weekly = True
    else:
        months = []
        day = period.start.replace(day=1)
        while day <= period.end:
            months.append(day)
            day = (day + timedelta(days=32)).replace(day=1)
        starts = [max(first, day_start(m)) for m in months]
        labels = [m.strftime("%Y-%m") for m in months]
        weekly = False
    ends = [*starts[1:], after]
    return list(zip(labels, starts, ends, strict=True)), weekly


def _weekly_chart(channels: QuerySet[Channel], period: Period) -> Chart:
    # One pass over the period's rows with a conditional count per bucket and series: plain
    # comparisons, where truncating each row's time would run in Python on SQLite.
    buckets, weekly = _buckets(period)
    counts = period_items(channels, period).aggregate(
        **{
            f"{key}_{i}": Count("pk", filter=q & Q(received_at__gte=start, received_at__lt=end))
            for key, q, _label in ACTIVITY_SERIES
            for i, (_name, start, end) in enumerate(buckets)
        }
    )
    return Chart(
        key="weekly_activity",
        title=_("Activity per week") if weekly else _("Activity per month"),
        description=_(
            "Comments from the public, own posts and direct messages received, per week of the "
            "period (weeks begin on Monday)."
        )
        if weekly
        else _(
            "Comments from the public, own posts and direct messages received, per month of "
            "the period."
        ),
        kind="lines" if len(buckets) > 8 else "bars",
        categories=tuple(str(name) for name, _start, _end in buckets),
        series=tuple(
            Series(label, tuple(counts[f"{key}_{i}"] for i in range(len(buckets))))
            for key, _q, label in ACTIVITY_SERIES
        ),
    )


def _with_delays(channels: QuerySet[Channel], period: Period) -> QuerySet[Item]:
    """Comments of the period with their seconds to the first own reply and first decision.

    Both are written on the comment when they happen (inbox.services.response_times), so
    this reads integer columns of the period's rows: no lookup per comment, and no date
    arithmetic (which SQLite would run in Python, row by row).
    """
    return period_items(channels, period).filter(is_own=False, kind__in=COMMENT_KINDS)


def _bands() -> dict:
    """One conditional count per response-time band (answered comments only)."""
    conditions, lower = {}, None
    for i, (upper, _label) in enumerate(BANDS):
        q = Q(reply_after_s__isnull=False)
        if lower is not None:
            q &= Q(reply_after_s__gt=lower.total_seconds())
        if upper is not None:
            q &= Q(reply_after_s__lte=upper.total_seconds())
        conditions[f"band{i}"] = Count("pk", filter=q)
        lower = upper
    return conditions


def _response(channels: QuerySet[Channel], period: Period) -> dict:
    qs = _with_delays(channels, period)
    now = timezone.now()
    # Every count in one pass over the period's comments; the percentiles then need only the
    # ranks (PostgreSQL: none at all).
    counts = qs.aggregate(
        comments=Count("pk"),
        answered=Count("pk", filter=Q(reply_after_s__isnull=False)),
        decided=Count("pk", filter=Q(decision_after_s__isnull=False)),
        # A flagged comment counts once its deadline has passed or it was decided: one still
        # inside its deadline and undecided is neither in time nor late yet.
        due=Count(
            "pk",
            filter=Q(assessment__deadline__isnull=False)
            & (Q(first_decision_at__isnull=False) | Q(assessment__deadline__lt=now)),
        ),
        in_time=Count("pk", filter=Q(first_decision_at__lte=F("assessment__deadline"))),
        **_bands(),
    )
    reply = percentiles(qs, "reply_after_s", (0.5, 0.9), total=counts["answered"])
    decision = percentiles(qs, "decision_after_s", (0.5, 0.9), total=counts["decided"])
    return {
        "reply_median": hours(reply[0.5]),
        "reply_p90": hours(reply[0.9]),
        "answered_share": share(counts["answered"], counts["comments"]),
        "decision_median": hours(decision[0.5]),
        "decision_p90": hours(decision[0.9]),
        "in_deadline_share": share(counts["in_time"], counts["due"]),
        "flagged_due": counts["due"],
        "bands": tuple(counts[f"band{i}"] for i in range(len(BANDS))),
    }


RESPONSE = [
    ("reply_median", _("Time to first reply, median (hours)"), HOURS),
    ("reply_p90", _("Time to first reply, 90th percentile (hours)"), HOURS),
    ("answered_share", _("Comments answered (%)"), SHARE),
    ("decision_median", _("Time to moderation decision, median (hours)"), HOURS),
    ("decision_p90", _("Time to moderation decision, 90th percentile (hours)"), HOURS),
    ("in_deadline_share", _("Flagged comments decided within the deadline (%)"), SHARE),
    ("flagged_due", _("Flagged comments whose deadline has come"), COUNT),
]


def response_section(scope: Scope, period: Period, previous: Period) -> Section:
    channels = scope.channels()
    now = _response(channels, period)
    section = Section(
        "response", _("Response times"), compared(RESPONSE, now, _response(channels, previous))
    )
    section.charts.append(_band_chart(now["bands"]))
    return section


def _band_chart(bands: tuple[int, ...]) -> Chart:
    return Chart(
        key="reply_bands",
        title=_("How soon comments were answered"),
        description=_("The number of answered comments by the time to the first reply."),
        kind="bars",
        categories=tuple(str(label) for _upper, label in BANDS),
        series=(Series(_("Answered comments"), bands),),
    )
