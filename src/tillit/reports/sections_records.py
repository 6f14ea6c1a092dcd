"""Records, captures and disposal, reach, compliance now, and the per-channel table."""

from __future__ import annotations

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
from django.utils.translation import gettext_lazy as _

from tillit.archive.choices import JobState
from tillit.archive.models import Capture
from tillit.archive.selectors import channels_overdue
from tillit.channels.choices import STAFFED_STATES
from tillit.channels.models import Channel
from tillit.connectors.base import ItemKind
from tillit.core.messages import Message
from tillit.inbox.models import InsightReading
from tillit.records.choices import AccessRequestState, Outcome
from tillit.records.models import AccessRequest, Registration
from tillit.retention.models import DisposalLogEntry, DisposalRun

from .compliance import compliance_rows, compliance_summary
from .figures import COMMENT_KINDS, REPLY_KINDS, compared, period_decisions, period_items
from .measures import hours, percentiles
from .periods import Period
from .report import COUNT, HOURS, Figure, Section, Table
from .scopes import ORG, Scope


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
        period_items(channels, period)
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
    section = Section("records", _("Records"), compared(rows, now, before))
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
    section = Section("archive", _("Captures and disposal"), compared(ARCHIVE, now, before))
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
        "reach", _("Reach and engagement"), compared(REACH, now, _reach_counts(channels, previous))
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
        for row in period_items(scope.channels(), period)
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
        period_decisions(scope.channels(), period)
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
                    *(
                        per_channel.get(c.pk, {}).get(key, 0)
                        for key in ("own_posts", "comments", "answers", "messages")
                    ),
                    decided.get(c.pk, 0),
                )
                for c in rows
            ),
        )
    )
    return section
