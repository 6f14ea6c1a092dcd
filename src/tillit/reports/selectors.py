"""The whole report: every section (``sections_*.py``) for a scope and period, and the one before.

Each figure is one aggregate query over the scope's channels and the period.

Reads only. Everything is counted in the database (``GROUP BY``, conditional counts,
percentiles in SQL); no loop runs over items, decisions or registrations in Python. The
period's rows are found through the index on arrival time, so the time grows with the rows
in the period, not with the archive (bench/bench_reports.py, docs/reports.md).
"""

from __future__ import annotations

from collections.abc import Callable

from django.utils import timezone

from .periods import Period
from .report import Report, Section
from .scopes import Scope
from .sections_activity import activity_section, response_section
from .sections_moderation import moderation_section
from .sections_records import (
    archive_section,
    channels_section,
    compliance_section,
    reach_section,
    records_section,
)

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
