"""Aggregates the database computes for reports: counts, and percentiles of durations.

Percentiles use the nearest-rank definition (the smallest value with at least p of the
values at or below it) on every database, so SQLite and PostgreSQL report the same hours for
the same rows: PostgreSQL's ``percentile_disc`` in one query; on SQLite, which has no
percentile function, the value at that rank in the ordered rows (one indexed query each).
Neither brings the rows into Python.
"""

from __future__ import annotations

import math
from datetime import timedelta
from typing import Any

from django.db import connection
from django.db.models import Aggregate, F, QuerySet


class PercentileDisc(Aggregate):
    """PostgreSQL's ``percentile_disc(p) WITHIN GROUP (ORDER BY expr)``."""

    function = "percentile_disc"
    template = "%(function)s(%(fraction)s) WITHIN GROUP (ORDER BY %(expressions)s)"

    def __init__(self, expression, fraction: float, output_field, **extra):
        super().__init__(expression, fraction=float(fraction), output_field=output_field, **extra)


def percentiles(
    qs: QuerySet, field: str, fractions: tuple[float, ...], *, total: int | None = None
) -> dict[float, Any]:
    """The nearest-rank percentiles of a field or annotation over ``qs`` (None when empty):
    seconds for an integer column, a timedelta for a duration.

    ``total``: the number of non-null values, when the caller has counted them already.
    """
    if total == 0:
        return dict.fromkeys(fractions)
    qs = qs.filter(**{f"{field}__isnull": False})
    if connection.vendor == "postgresql":
        found = qs.aggregate(
            **{
                f"p{i}": PercentileDisc(F(field), fraction, output_field=_output(qs, field))
                for i, fraction in enumerate(fractions)
            }
        )
        return {fraction: found[f"p{i}"] for i, fraction in enumerate(fractions)}
    total = qs.count() if total is None else total
    result: dict[float, Any] = {}
    ordered = qs.order_by(field).values_list(field, flat=True)
    for fraction in fractions:
        if not total:
            result[fraction] = None
            continue
        rank = max(1, math.ceil(fraction * total))
        result[fraction] = ordered[rank - 1]
    return result


def _output(qs: QuerySet, field: str):
    annotation = qs.query.annotations.get(field)
    if annotation is not None:
        return annotation.output_field
    return qs.model._meta.get_field(field)


def hours(value: timedelta | int | None) -> float | None:
    """A duration (or whole seconds) in hours, one decimal; None stays None."""
    if value is None:
        return None
    seconds = value.total_seconds() if isinstance(value, timedelta) else value
    return round(seconds / 3600, 1)


def share(part: int, whole: int) -> float | None:
    """``part`` of ``whole`` in per cent, one decimal; None when there is nothing to share."""
    return None if not whole else round(100 * part / whole, 1)
