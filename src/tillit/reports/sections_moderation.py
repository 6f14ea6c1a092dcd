"""Moderation: decisions by kind, rule and legal tier, automatic hides and their reviews."""

from __future__ import annotations

from django.db.models import (
    Count,
    Q,
    QuerySet,
)
from django.utils.translation import gettext_lazy as _

from tillit.channels.models import Channel
from tillit.moderation.choices import DecisionKind, Tier
from tillit.moderation.models import Block

from .figures import compared, period_decisions
from .periods import Period
from .report import COUNT, Chart, Section, Series, Table
from .scopes import Scope


def _moderation_counts(channels: QuerySet[Channel], period: Period) -> dict:
    qs = period_decisions(channels, period)
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
        compared(
            MODERATION,
            _moderation_counts(channels, period),
            _moderation_counts(channels, previous),
        ),
    )
    by_rule = list(
        period_decisions(channels, period)
        .filter(rule__isnull=False)
        .values("rule__code", "rule__title", "tier")
        .annotate(n=Count("pk"))
        .order_by("rule__code", "tier")
    )
    before = {
        (r["rule__code"], r["tier"]): r["n"]
        for r in period_decisions(channels, previous)
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
