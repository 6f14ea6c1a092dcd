"""Graph's insights edges, read for the reports (R23): Facebook Pages and Instagram accounts.

Each metric is asked for on its own, so a metric Meta has retired (the API then refuses the
whole call with error 100) costs only that figure. A metric is asked for stretch by stretch
(``window_days``: Graph allows 90 days, Instagram's account insights 30) and never about the
future; values are read defensively and at most ``_MAX_VALUES`` per answer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from ...errors import PayloadError
from ...insights import (
    ENGAGEMENTS,
    FOLLOWERS,
    IMPRESSIONS,
    PER_POST,
    REACH,
    Insights,
    InsightsDraft,
    NewestFirst,
    Tally,
)
from ...parsing import field_list, obj, parse_time
from .graph import GraphClient

# A day's value per day of a year, and a little room: more is not an answer to our question.
_MAX_VALUES = 400


@dataclass(frozen=True)
class GraphFigures:
    """Where a Meta account's figures come from: its metrics, and its posts' edge and counts."""

    # (metric, the figure it is): IMPRESSIONS, REACH or ENGAGEMENTS.
    metrics: tuple[tuple[str, str], ...]
    window_days: int
    params: Mapping[str, str]
    posts_edge: str
    post_fields: str
    time_field: str
    permalink_field: str
    # The parts of a post's engagement, as Graph sent them (read by the draft).
    engagements: Callable[[Mapping[str, Any]], tuple[Any, ...]]


def graph_insights(
    graph: GraphClient, account: str, draft: InsightsDraft, spec: GraphFigures
) -> Insights:
    """The account's metrics over the period, its followers and its posts' counts so far."""
    tallies = {IMPRESSIONS: draft.impressions, REACH: draft.reach, ENGAGEMENTS: draft.engagements}
    windows = draft.period.windows(spec.window_days, before=datetime.now(UTC))
    for metric, figure in spec.metrics:
        if draft.attempt(
            figure, add_metric, graph, account, metric, windows, spec.params, tallies[figure]
        ):
            params = " ".join(f"{key}={value}" for key, value in sorted(spec.params.items()))
            draft.source.append(f"GET /{{id}}/insights metric={metric} {params}")
    draft.attempt(FOLLOWERS, _followers, graph, account, draft)
    if draft.attempt(PER_POST, _posts, graph, account, draft, spec):
        draft.posts_counted = True
        draft.source.append(f"GET /{{id}}/{spec.posts_edge} fields={spec.post_fields}")
    return draft.done()


def metric_values(answer: Mapping[str, Any], metric: str) -> Iterator[tuple[str | None, Any]]:
    """(end_time, value) for ``metric`` in an insights answer: a total, or one per day."""
    for raw in field_list(answer, "data", "insights"):
        entry = obj(raw, "insights.data[]")
        if entry.get("name") != metric:
            continue
        total = entry.get("total_value")
        if isinstance(total, Mapping):
            yield None, total.get("value")
            continue
        values = entry.get("values")
        for point in values[:_MAX_VALUES] if isinstance(values, list) else ():
            if isinstance(point, Mapping):
                end = point.get("end_time")
                yield (end[:40] if isinstance(end, str) else None), point.get("value")


def add_metric(
    graph: GraphClient,
    account: str,
    metric: str,
    windows: list[tuple[datetime, datetime]],
    params: Mapping[str, Any],
    tally: Tally,
) -> None:
    """Add up ``metric`` over the stretches; a day Graph repeats across stretches counts once."""
    seen: set[str] = set()
    for since, until in windows:
        answer = graph.request(
            "GET",
            f"{account}/insights",
            params={
                **params,
                "metric": metric,
                "since": int(since.timestamp()),
                "until": int(until.timestamp()),
            },
        )
        for end, value in metric_values(answer, metric):
            if end is not None:
                if end in seen:
                    continue
                seen.add(end)
            tally.add(value)


def _followers(graph: GraphClient, account: str, draft: InsightsDraft) -> None:
    # A Page and an Instagram account both name the field followers_count.
    answer = graph.request("GET", account, params={"fields": "followers_count"})
    draft.set_followers(answer.get("followers_count"))
    draft.source.append("GET /{id}?fields=followers_count")


def _posts(graph: GraphClient, account: str, draft: InsightsDraft, spec: GraphFigures) -> None:
    """The account's posts published in the period, newest first, until the listing passes it.

    An entry without a readable time is skipped: it cannot be placed in a period.
    """
    period = draft.period
    scan = NewestFirst(period)
    params = {
        "fields": spec.post_fields,
        "since": int(period.since.timestamp()),
        "until": int(period.until.timestamp()),
        "limit": 100,
    }
    for entry in graph.paged(f"{account}/{spec.posts_edge}", params):
        post_id = entry.get("id")
        try:
            published = parse_time(entry.get(spec.time_field), spec.time_field)
        except PayloadError:
            continue
        if not isinstance(post_id, str) or not post_id:
            continue
        if scan.place(published) and not draft.add_post(
            post_id,
            published,
            engagements=spec.engagements(entry),
            permalink=entry.get(spec.permalink_field),
        ):
            return
        if scan.passed:
            return
    draft.truncated = draft.truncated or graph.stopped_early


def summary_total(entry: Mapping[str, Any], edge: str) -> Any:
    """``edge.summary.total_count`` (reactions, comments) when Graph sent it."""
    value = entry.get(edge)
    summary = value.get("summary") if isinstance(value, Mapping) else None
    return summary.get("total_count") if isinstance(summary, Mapping) else None
