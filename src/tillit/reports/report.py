"""What a report holds, whatever it is rendered as (page, CSV, PDF, JSON): sections of figures.

Every renderer reads the same ``Report``, so the page, the exports and the command line can
never disagree about a number.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.utils.functional import Promise

from .periods import Period
from .scopes import Scope

Text = str | Promise

COUNT, HOURS, SHARE, DAYS = "count", "hours", "share", "days"


@dataclass(frozen=True)
class Figure:
    """One measure for the period and the one before it; ``None``: nothing to measure."""

    key: str
    label: Text
    current: float | int | None
    previous: float | int | None = None
    unit: str = COUNT

    @property
    def change(self) -> float | int | None:
        """The difference from the previous period (percentage points for shares)."""
        if self.current is None or self.previous is None:
            return None
        return self.current - self.previous


@dataclass(frozen=True)
class Series:
    """One line or set of bars of a chart."""

    name: Text
    values: tuple[float | int, ...]


@dataclass(frozen=True)
class Chart:
    """A chart's data: categories along the axis, one or more series, and its words."""

    key: str
    title: Text
    description: Text
    kind: str  # "bars" or "lines"
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    unit: str = COUNT

    @property
    def table_rows(self) -> list[tuple[str, tuple[float | int, ...]]]:
        """The same numbers as a table: each category with its value in every series."""
        return [
            (category, tuple(s.values[i] if i < len(s.values) else 0 for s in self.series))
            for i, category in enumerate(self.categories)
        ]


@dataclass(frozen=True)
class Table:
    """A plain table (per channel, per rule): a header and rows of text and numbers."""

    key: str
    title: Text
    header: tuple[Text, ...]
    rows: tuple[tuple[Any, ...], ...]


@dataclass
class Section:
    """One part of the report: its figures, charts, tables and what could not be measured."""

    key: str
    title: Text
    figures: list[Figure] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    notes: list[Any] = field(default_factory=list)  # Messages: what is missing, and why


@dataclass
class Report:
    """A report for one scope and period, compared with the period before."""

    scope: Scope
    period: Period
    previous: Period
    generated_at: datetime
    sections: list[Section]
    notes: list[Any] = field(default_factory=list)

    def figure(self, section: str, key: str) -> Figure:
        """One figure by section and key (for tests and the e-mailed summary)."""
        for s in self.sections:
            if s.key == section:
                for f in s.figures:
                    if f.key == key:
                        return f
        raise KeyError(f"{section}.{key}")

    def section(self, key: str) -> Section:
        return next(s for s in self.sections if s.key == key)
