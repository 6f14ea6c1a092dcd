"""The report's figures, each one aggregate query over the scope's channels and the period.

Reads only. Everything is counted in the database (``GROUP BY``, conditional counts,
percentiles in SQL); no loop runs over items, decisions or registrations in Python. The
period's rows are found through the index on arrival time, so the time grows with the rows
in the period, not with the archive (bench/bench_reports.py, docs/reports.md).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, time, timedelta
from typing import Any

from django.db.models import (
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tillit.archive.choices import JobState
from tillit.archive.models import Capture
from tillit.archive.selectors import channels_overdue
from tillit.channels.choices import STAFFED_STATES
from tillit.channels.models import Channel
from tillit.connectors.base import ItemKind
from tillit.core.messages import Message
from tillit.inbox.models import InsightReading, Item
from tillit.moderation.choices import DecisionKind, Tier
from tillit.moderation.models import Block, Decision
from tillit.records.choices import AccessRequestState, Outcome
from tillit.records.models import AccessRequest, Registration
from tillit.retention.models import DisposalLogEntry, DisposalRun

from .compliance import compliance_rows, compliance_summary
from .measures import hours, percentiles, share
from .periods import Period
from .report import COUNT, HOURS, SHARE, Chart, Figure, Report, Section, Series, Table
from .scopes import ORG, Scope

COMMENT_KINDS = (ItemKind.COMMENT, ItemKind.REPLY, ItemKind.MENTION)
REPLY_KINDS = (ItemKind.COMMENT, ItemKind.REPLY)
#: Response-time bands of the distribution chart: (upper bound, label).
BANDS = (
    (timedelta(hours=1), _("Within an hour")),
    (timedelta(hours=4), _("1–4 hours")),
    (timedelta(hours=24), _("4–24 hours")),
    (timedelta(days=3), _("1–3 days")),
    (None, _("Longer")),
)


def _items(channels: QuerySet[Channel], period: Period) -> QuerySet[Item]:
    first, after = period.bounds()
    return Item.objects.filter(
        channel__in=channels.values("pk"), received_at__gte=first, received_at__lt=after
    )


def _activity_counts(channels: QuerySet[Channel], period: Period) -> dict[str, int]:
    return _items(channels, period).aggregate(
        own_posts=Count("pk", filter=Q(is_own=True, kind=ItemKind.OWN_POST)),
        comments=Count("pk", filter=Q(is_own=False, kind__in=COMMENT_KINDS)),
        replies=Count("pk", filter=Q(is_own=True, kind__in=REPLY_KINDS)),
        messages_in=Count("pk", filter=Q(is_own=False, kind=ItemKind.DIRECT_MESSAGE)),
        messages_out=Count("pk", filter=Q(is_own=True, kind=ItemKind.DIRECT_MESSAGE)),
    )


def _compared(key_labels: Sequence[tuple[str, Any, str]], now: dict, before: dict) -> list[Figure]:
    return [
        Figure(key, label, now.get(key), before.get(key), unit) for key, label, unit in key_labels
    ]


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
        _compared(
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
    zone = timezone.get_current_timezone()
    weeks = period.weeks()
    if len(weeks) <= WEEKLY_UP_TO:
        starts = [
            max(first, timezone.make_aware(datetime.combine(w, time.min), zone)) for w in weeks
        ]
        # Swedes count weeks: "v. 45" is the week that starts on that Monday.
        labels = [_("w. %(week)d") % {"week": w.isocalendar().week} for w in weeks]
        weekly = True
    else:
        months = []
        day = period.start.replace(day=1)
        while day <= period.end:
            months.append(day)
            day = (day + timedelta(days=32)).replace(day=1)
        starts = [
            max(first, timezone.make_aware(datetime.combine(m, time.min), zone)) for m in months
        ]
        labels = [m.strftime("%Y-%m") for m in months]
        weekly = False
    ends = [*starts[1:], after]
    return list(zip(labels, starts, ends, strict=True)), weekly


def _weekly_chart(channels: QuerySet[Channel], period: Period) -> Chart:
    # One pass over the period's rows with a conditional count per bucket and series: plain
    # comparisons, where truncating each row's time would run in Python on SQLite.
    buckets, weekly = _buckets(period)
    counts = _items(channels, period).aggregate(
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
    return _items(channels, period).filter(is_own=False, kind__in=COMMENT_KINDS)


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
        "response", _("Response times"), _compared(RESPONSE, now, _response(channels, previous))
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


def _decisions(channels: QuerySet[Channel], period: Period) -> QuerySet[Decision]:
    first, after = period.bounds()
    return Decision.objects.filter(
        item__channel__in=channels.values("pk"), decided_at__gte=first, decided_at__lt=after
    )


def _moderation_counts(channels: QuerySet[Channel], period: Period) -> dict:
    qs = _decisions(channels, period)
    counts = qs.aggregate(
        decisions=Count("pk"),
        kept=Count("pk", filter=Q(kind=DecisionKind.KEEP)),
        hidden=Count("pk", filter=Q(kind=DecisionKind.HIDE)),
        deleted=Count("pk", filter=Q(kind=DecisionKind.DELETE)),
        restored=Count("pk", filter=Q(kind__in=(DecisionKind.UNHIDE, DecisionKind.RESTORE))),
        auto_hidden=Count("pk", filter=Q(automatic=True, kind=DecisionKind.HIDE)),
        auto_pending=Count(
            "pk", filter=Q(automatic=True, kind=DecisionKind.HIDE, reviewed_at__isnull=True)
        ),
        auto_changed=Count(
            "pk",
            filter=Q(automatic=True, kind=DecisionKind.HIDE, superseded_by__isnull=False),
            distinct=True,
        ),
        auto_upheld=Count(
            "pk",
            filter=Q(
                automatic=True,
                kind=DecisionKind.HIDE,
                reviewed_at__isnull=False,
                superseded_by__isnull=True,
            ),
            distinct=True,
        ),
    )
    first, after = period.bounds()
    counts["blocks"] = Block.objects.filter(
        channel__in=channels.values("pk"),
        decision__decided_at__gte=first,
        decision__decided_at__lt=after,
    ).count()
    return counts


MODERATION = [
    ("decisions", _("Moderation decisions"), COUNT),
    ("kept", _("Comments kept"), COUNT),
    ("hidden", _("Comments hidden"), COUNT),
    ("deleted", _("Comments deleted"), COUNT),
    ("restored", _("Shown or restored again"), COUNT),
    ("blocks", _("Authors blocked"), COUNT),
    ("auto_hidden", _("Hidden automatically"), COUNT),
    ("auto_upheld", _("Automatic hides upheld on review"), COUNT),
    ("auto_changed", _("Automatic hides changed on review"), COUNT),
    ("auto_pending", _("Automatic hides not yet reviewed"), COUNT),
]


def moderation_section(scope: Scope, period: Period, previous: Period) -> Section:
    channels = scope.channels()
    section = Section(
        "moderation",
        _("Moderation"),
        _compared(
            MODERATION,
            _moderation_counts(channels, period),
            _moderation_counts(channels, previous),
        ),
    )
    by_rule = list(
        _decisions(channels, period)
        .filter(rule__isnull=False)
        .values("rule__code", "rule__title", "tier")
        .annotate(n=Count("pk"))
        .order_by("rule__code", "tier")
    )
    before = {
        (r["rule__code"], r["tier"]): r["n"]
        for r in _decisions(channels, previous)
        .filter(rule__isnull=False)
        .values("rule__code", "tier")
        .annotate(n=Count("pk"))
    }
    tiers = dict(Tier.choices)
    section.tables.append(
        Table(
            "by_rule",
            _("Decisions by rule"),
            (_("Rule"), _("Title"), _("Legal ground"), _("This period"), _("Previous period")),
            tuple(
                (
                    r["rule__code"],
                    r["rule__title"],
                    tiers.get(r["tier"], ""),
                    r["n"],
                    before.get((r["rule__code"], r["tier"]), 0),
                )
                for r in by_rule
            ),
        )
    )
    if by_rule:
        section.charts.append(
            Chart(
                key="by_rule",
                title=_("Decisions by rule"),
                description=_("The number of decisions citing each rule of the comment policy."),
                kind="bars",
                categories=tuple(r["rule__code"] for r in by_rule),
                series=(Series(_("Decisions"), tuple(r["n"] for r in by_rule)),),
            )
        )
    return section


def _records_counts(scope: Scope, period: Period) -> dict:
    first, after = period.bounds()
    channels = scope.channels()
    registrations = Registration.objects.filter(
        item__channel__in=channels.values("pk"), created_at__gte=first, created_at__lt=after
    ).annotate(waited=ExpressionWrapper(F("created_at") - F("received_at"), DurationField()))
    counts = registrations.aggregate(
        registered=Count("pk", filter=Q(outcome=Outcome.REGISTERED)),
        little=Count("pk", filter=Q(outcome=Outcome.LITTLE_IMPORTANCE)),
    )
    counts["waiting"] = (
        _items(channels, period)
        .filter(is_own=False, kind=ItemKind.DIRECT_MESSAGE, registration__isnull=True)
        .count()
    )
    counts["to_registration"] = hours(percentiles(registrations, "waited", (0.5,))[0.5])
    if scope.kind == ORG:
        requests = AccessRequest.objects.all()
        counts["requests_opened"] = requests.filter(
            received_at__gte=first, received_at__lt=after
        ).count()
        counts["requests_closed"] = requests.filter(
            state=AccessRequestState.CLOSED, closed_at__gte=first, closed_at__lt=after
        ).count()
        counts["requests_open"] = (
            requests.filter(received_at__lt=after)
            .filter(Q(closed_at__isnull=True) | Q(closed_at__gte=after))
            .count()
        )
    return counts


RECORDS = [
    ("registered", _("Direct messages registered"), COUNT),
    ("little", _("Direct messages of obviously little importance"), COUNT),
    ("waiting", _("Direct messages of the period not yet decided"), COUNT),
    ("to_registration", _("Time to the registrar's decision, median (hours)"), HOURS),
    ("requests_opened", _("Access requests received"), COUNT),
    ("requests_closed", _("Access requests closed"), COUNT),
    ("requests_open", _("Access requests open at the end of the period"), COUNT),
]


def records_section(scope: Scope, period: Period, previous: Period) -> Section:
    now, before = _records_counts(scope, period), _records_counts(scope, previous)
    rows = [row for row in RECORDS if row[0] in now]
    section = Section("records", _("Records"), _compared(rows, now, before))
    if scope.kind != ORG:
        section.notes.append(
            Message(_("Access requests concern the whole organisation and are counted there."))
        )
    return section


def _archive_counts(scope: Scope, period: Period) -> dict:
    first, after = period.bounds()
    channels = scope.channels()
    captures = Capture.objects.filter(
        channel__in=channels.values("pk"), requested_at__gte=first, requested_at__lt=after
    ).aggregate(
        taken=Count("pk", filter=Q(state=JobState.DONE)),
        failed=Count("pk", filter=Q(state=JobState.FAILED)),
    )
    entries = DisposalLogEntry.objects.filter(run__started_at__gte=first, run__started_at__lt=after)
    if scope.kind != ORG:
        entries = entries.filter(channel__in=channels.values("pk"))
    captures["disposed"] = entries.aggregate(n=Sum("count"))["n"] or 0
    captures["runs"] = DisposalRun.objects.filter(
        started_at__gte=first, started_at__lt=after
    ).count()
    return captures


ARCHIVE = [
    ("taken", _("Captures taken"), COUNT),
    ("failed", _("Captures failed"), COUNT),
    ("runs", _("Disposal runs"), COUNT),
    ("disposed", _("Documents disposed of"), COUNT),
]


def archive_section(scope: Scope, period: Period, previous: Period) -> Section:
    now, before = _archive_counts(scope, period), _archive_counts(scope, previous)
    section = Section("archive", _("Captures and disposal"), _compared(ARCHIVE, now, before))
    overdue = channels_overdue().filter(pk__in=scope.channels().values("pk")).count()
    section.figures.append(
        Figure("overdue_now", _("Channels whose capture is overdue now"), overdue)
    )
    return section


def _reach_counts(channels: QuerySet[Channel], period: Period) -> dict:
    readings = InsightReading.objects.filter(
        channel__in=channels.values("pk"), day__gte=period.start, day__lte=period.end
    )
    counts = readings.filter(problem="").aggregate(
        impressions=Sum("impressions"),
        reach=Sum("reach"),
        engagements=Sum("engagements"),
        posts=Sum("posts"),
        days=Count("pk"),
    )
    # Followers: each channel's latest count in the period, added up across the channels.
    latest = (
        InsightReading.objects.filter(
            channel=OuterRef("pk"), day__lte=period.end, followers__isnull=False, problem=""
        )
        .order_by("-day")
        .values("followers")[:1]
    )
    counts["followers"] = channels.annotate(f=Subquery(latest)).aggregate(n=Sum("f"))["n"]
    counts["lacking"] = readings.exclude(problem="").count()
    return counts


REACH = [
    ("followers", _("Followers at the end of the period"), COUNT),
    ("impressions", _("Views"), COUNT),
    ("reach", _("Reach (added up per day)"), COUNT),
    ("engagements", _("Interactions"), COUNT),
    ("posts", _("Own posts counted by the platform"), COUNT),
    ("lacking", _("Channel days the platform gave no figures for"), COUNT),
]


def reach_section(scope: Scope, period: Period, previous: Period) -> Section:
    """Reach and engagement where the platforms give them, with what they mean and lack."""
    channels = scope.channels()
    now = _reach_counts(channels, period)
    section = Section(
        "reach", _("Reach and engagement"), _compared(REACH, now, _reach_counts(channels, previous))
    )
    readings = InsightReading.objects.filter(
        channel__in=channels.values("pk"), day__gte=period.start, day__lte=period.end
    )
    for explanation in (
        readings.exclude(explanation="").values_list("explanation", flat=True).distinct()[:8]
    ):
        section.notes.append(explanation)
    for problem in readings.exclude(problem="").values_list("problem", flat=True).distinct()[:3]:
        section.notes.append(problem)
    without = (
        channels.filter(status__in=STAFFED_STATES)
        .exclude(pk__in=readings.values("channel_id"))
        .count()
    )
    if without:
        section.notes.append(
            Message(
                _(
                    "%(count)d running channels have no figures for the period: not connected, or their platform gives none."
                ),
                count=without,
            )
        )
    return section


def compliance_section(scope: Scope, period: Period, previous: Period) -> Section:
    rows = compliance_rows(scope.channels())
    summary = compliance_summary(rows)
    section = Section(
        "compliance",
        _("Compliance now"),
        [Figure(key, label, value) for key, label, value in summary],
    )
    section.notes.append(
        Message(_("Compliance is the state when the report was made, not during the period."))
    )
    return section


def channels_section(scope: Scope, period: Period, previous: Period) -> Section:
    """Per channel: the activity and decisions of the period (organisation and department)."""
    per_channel: dict[int, dict[str, Any]] = {
        row["channel_id"]: dict(row)
        for row in _items(scope.channels(), period)
        .values("channel_id")
        .annotate(
            own_posts=Count("pk", filter=Q(is_own=True, kind=ItemKind.OWN_POST)),
            comments=Count("pk", filter=Q(is_own=False, kind__in=COMMENT_KINDS)),
            answers=Count("pk", filter=Q(is_own=True, kind__in=REPLY_KINDS)),
            messages=Count("pk", filter=Q(is_own=False, kind=ItemKind.DIRECT_MESSAGE)),
        )
    }
    rows = scope.channels().select_related("department").order_by("department__name", "name")
    decided = dict(
        _decisions(scope.channels(), period)
        .values_list("item__channel_id")
        .annotate(n=Count("pk"))
        .values_list("item__channel_id", "n")
    )
    section = Section("channels", _("Per channel"))
    section.tables.append(
        Table(
            "per_channel",
            _("Per channel"),
            (
                _("Channel"),
                _("Department"),
                _("Own posts"),
                _("Comments"),
                _("Replies"),
                _("Direct messages"),
                _("Decisions"),
            ),
            tuple(
                (
                    c.name,
                    c.department.name if c.department_id else "",
                    per_channel.get(c.pk, {}).get("own_posts", 0),
                    per_channel.get(c.pk, {}).get("comments", 0),
                    per_channel.get(c.pk, {}).get("answers", 0),
                    per_channel.get(c.pk, {}).get("messages", 0),
                    decided.get(c.pk, 0),
                )
                for c in rows
            ),
        )
    )
    return section


SECTIONS: tuple[Callable[[Scope, Period, Period], Section], ...] = (
    activity_section,
    response_section,
    moderation_section,
    reach_section,
    records_section,
    archive_section,
    compliance_section,
)


def report_build(scope: Scope, period: Period, notes: list | None = None) -> Report:
    """The whole report for a scope and period, compared with the period before."""
    previous = period.previous()
    sections = [build(scope, period, previous) for build in SECTIONS]
    if scope.channel is None:
        sections.append(channels_section(scope, period, previous))
    return Report(
        scope=scope,
        period=period,
        previous=previous,
        generated_at=timezone.now(),
        sections=sections,
        notes=list(notes or []),
    )
