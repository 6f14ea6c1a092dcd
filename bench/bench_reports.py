"""Benchmark: a follow-up report's server time at 10k, 100k and 1M stored items (issue 14).

Builds the queue benchmark's organisation (four active channels with the guideline's
policy), then loads N items spread over two years: 60 % comments from the public, 25 % own
replies to an earlier comment (after a delay of minutes to days), 5 % own posts and 10 %
direct messages; one comment in six gets a moderation decision (100,000 at 1M items), a
third of them citing a rule. Plain INSERTs in batches, as bench_queue.py does.

For each size it times, warm, over `--repeat` runs: the organisation's report for the last
six months and for the last month (every section: activity, response-time percentiles,
decisions by rule, records, captures, compliance, the per-channel table), one channel's
report for the last month, and the PDF of the organisation's month. The peer in the same run
is the straightforward alternative: the same month's activity counts and reply-time median
computed in Python over the rows (fetching each comment and its first reply), as a script
against the database would. Not a test: it asserts nothing about time.

    .venv/bin/python bench/bench_reports.py --sizes 10000 100000 1000000
    TILLIT_BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/tillit_bench \
        .venv/bin/python bench/bench_reports.py
"""

import argparse
import json
import math
import os
import platform
import random
import statistics
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))
BATCH = 5000
SPAN_DAYS = 730

ITEM_SQL = (
    "INSERT INTO inbox_item (id, channel_id, platform_id, kind, is_public, text, text_format, "
    "author_id, author_name, text_truncated, is_own, received_at, first_seen_at, "
    "parent_platform_id, thread_platform_id, permalink, raw, version, status, is_hidden, "
    "is_deleted, capture_complete, decision_seq, parent_id, first_decision_at, decision_after_s) "
    "VALUES "
    "(%s, %s, %s, %s, %s, %s, 'plain', %s, %s, %s, %s, %s, %s, '', '', '', '{}', 1, 'handled', "
    "%s, %s, %s, 0, %s, %s, %s)"
)
# What ingest writes on the comment when an own reply arrives (inbox.services.response_times).
REPLY_SQL = (
    "UPDATE inbox_item SET reply_after_s = %s WHERE id = %s "
    "AND (reply_after_s IS NULL OR reply_after_s > %s)"
)
DECISION_SQL = (
    "INSERT INTO moderation_decision (item_id, kind, tier, snapshot, automatic, decided_at, "
    "note, author_told, report_reference, needs_review, rule_id, supersede_reason) VALUES "
    "(%s, %s, %s, '{}', %s, %s, '', %s, '', %s, %s, '')"
)


def configure() -> None:
    from bench_queue import setup_django

    # Its own variable, never DATABASE_URL: the bench empties the database it is given.
    url = os.environ.get("TILLIT_BENCH_DATABASE_URL", "")
    if url and not url.rstrip("/").rsplit("/", 1)[-1].endswith("bench"):
        sys.exit("TILLIT_BENCH_DATABASE_URL must name a database ending in 'bench'")
    if not url:
        import tempfile

        url = f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.sqlite3'}"
    setup_django(url)
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor == "postgresql":
        # A throwaway schema: start from nothing so sizes add up as on SQLite.
        with connection.cursor() as cur:
            cur.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
    call_command("migrate", verbosity=0)


def load(n: int, start: int, channels, policy, now: datetime) -> None:
    """Items start..n-1 and their decisions, BATCH rows a transaction."""
    from django.db import connection, transaction

    from tillit.inbox.models import Author

    rng = random.Random(start)  # noqa: S311  (reproducible bench data, not a secret)
    if not Author.objects.exists():
        Author.objects.bulk_create(
            [Author(platform="facebook", platform_id="own", display_name="Kommunen")]
            + [
                Author(platform="facebook", platform_id=f"a{i}", display_name=f"Invånare {i}")
                for i in range(5000)
            ]
        )
    own_author = Author.objects.get(platform_id="own").pk
    authors = list(Author.objects.exclude(pk=own_author).values_list("pk", flat=True))
    rules = list(policy.rules.values_list("pk", "tier"))
    adapt = connection.ops.adapt_datetimefield_value
    begin = now - timedelta(days=SPAN_DAYS)
    channel_ids = [c.pk for c in channels]
    recent: dict[int, list[tuple[int, datetime]]] = {c: [] for c in channel_ids}
    for first in range(start, n, BATCH):
        items, decisions, replies = [], [], []
        for i in range(first, min(n, first + BATCH)):
            channel = channel_ids[i % len(channel_ids)]
            # Evenly through the two years, in id order, with some jitter.
            when = begin + timedelta(seconds=SPAN_DAYS * 86400 * i / max(n, 1) + rng.random() * 600)
            roll = rng.random()
            parent = None
            if roll < 0.25 and recent[channel]:
                kind, own = "comment", True
                parent, asked = recent[channel][rng.randrange(len(recent[channel]))]
                when = asked + timedelta(minutes=rng.expovariate(1 / 240))
                seconds = int((when - asked).total_seconds())
                replies.append((seconds, parent, seconds))
            elif roll < 0.30:
                kind, own = "own_post", True
            elif roll < 0.40:
                kind, own = "direct_message", False
            else:
                kind, own = "comment", False
            decided = None
            if kind == "comment" and not own and i % 6 == 0:
                decided = when + timedelta(minutes=rng.expovariate(1 / 180))
            items.append(
                (
                    i + 1,
                    channel,
                    f"p{i}",
                    kind,
                    kind != "direct_message",
                    f"Text nummer {i}",
                    own_author if own else authors[i % len(authors)],
                    "Kommunen" if own else f"Invånare {i % 5000}",
                    False,
                    own,
                    adapt(when),
                    adapt(when),
                    False,
                    False,
                    True,
                    parent,
                    adapt(decided) if decided else None,
                    int((decided - when).total_seconds()) if decided else None,
                )
            )
            if kind == "comment" and not own:
                recent[channel] = (recent[channel] + [(i + 1, when)])[-200:]
                if decided is not None:
                    rule_id, tier = rules[i % len(rules)] if i % 18 == 0 else (None, "")
                    decisions.append(
                        (
                            i + 1,
                            "hide" if rule_id else "keep",
                            tier,
                            i % 90 == 0,
                            adapt(decided),
                            False,
                            False,
                            rule_id,
                        )
                    )
        with transaction.atomic(), connection.cursor() as cur:
            cur.executemany(ITEM_SQL, items)
            cur.executemany(DECISION_SQL, decisions)
            cur.executemany(REPLY_SQL, replies)
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute(
                "SELECT setval(pg_get_serial_sequence('inbox_item', 'id'), "
                "(SELECT MAX(id) FROM inbox_item))"
            )
            cur.execute("ANALYZE")


def timed(fn, repeat: int) -> dict:
    fn()  # warm
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    times.sort()
    return {"p50_ms": round(statistics.median(times) * 1000), "max_ms": round(times[-1] * 1000)}


def python_peer(channels, period) -> dict:
    """The peer: the month's counts and reply median by iterating over the rows in Python."""
    from tillit.inbox.models import Item

    first, after = period.bounds()
    counts: dict = {"comments": 0, "own_posts": 0, "messages": 0}
    asked: dict[int, datetime] = {}
    for kind, own, pk, when in Item.objects.filter(
        channel__in=channels, received_at__gte=first, received_at__lt=after
    ).values_list("kind", "is_own", "pk", "received_at"):
        if kind == "comment" and not own:
            counts["comments"] += 1
            asked[pk] = when
        elif kind == "own_post":
            counts["own_posts"] += 1
        elif kind == "direct_message" and not own:
            counts["messages"] += 1
    replies: dict[int, datetime] = {}
    for parent, when in Item.objects.filter(parent_id__in=list(asked), is_own=True).values_list(
        "parent_id", "received_at"
    ):
        replies[parent] = min(when, replies.get(parent, when))
    # Whole seconds and the nearest-rank median, as the report defines them.
    delays = sorted(int((replies[p] - asked[p]).total_seconds()) for p in replies)
    median = delays[math.ceil(len(delays) / 2) - 1] if delays else None
    counts["median_h"] = round(median / 3600, 1) if median is not None else None
    return counts


def run(sizes: list[int], repeat: int) -> list[dict]:
    configure()
    from bench_queue import world
    from django.db import connection
    from django.utils import timezone

    from tillit.access.actor import OPERATOR
    from tillit.inbox.models import Item
    from tillit.moderation.models import Decision
    from tillit.reports.exports import report_pdf
    from tillit.reports.periods import Period, last_month
    from tillit.reports.scopes import scope_for
    from tillit.reports.selectors import report_build

    if connection.vendor == "sqlite":
        with connection.cursor() as cur:
            cur.execute("PRAGMA synchronous = OFF")  # the bench's own throwaway file
    _org, channels, policy = world()
    now = timezone.now()
    month = last_month()
    today = timezone.localdate()
    half_year = Period(start=today - timedelta(days=182), end=today)
    org = scope_for(OPERATOR, "org")
    one = scope_for(OPERATOR, f"channel:{channels[0].pk}")
    results, done = [], 0
    for size in sorted(sizes):
        t0 = time.perf_counter()
        load(size, done, channels, policy, now)
        loaded = time.perf_counter() - t0
        done = size
        if connection.vendor == "sqlite":
            with connection.cursor() as cur:
                cur.execute("ANALYZE")
        report = report_build(org, month)
        peer = python_peer([c.pk for c in channels], month)
        results.append(
            {
                "database": connection.vendor,
                "items": Item.objects.count(),
                "decisions": Decision.objects.count(),
                "load_s": round(loaded, 1),
                "month": str(month),
                "figures": {
                    "comments": report.figure("activity", "comments").current,
                    "reply_median_h": report.figure("response", "reply_median").current,
                    "peer": peer,
                },
                "org, six months": timed(lambda: report_build(org, half_year), repeat),
                "org, last month": timed(lambda: report_build(org, month), repeat),
                "one channel, last month": timed(lambda: report_build(one, month), repeat),
                "org month as PDF": timed(lambda: report_pdf(report_build(org, month)), repeat),
                "peer: Python over rows, last month": timed(
                    lambda: python_peer([c.pk for c in channels], month), repeat
                ),
            }
        )
        print(json.dumps(results[-1], ensure_ascii=False), flush=True)
    return results


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    results = run(args.sizes, args.repeat)
    print(
        json.dumps(
            {
                "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
                f"Python {platform.python_version()}",
                "today": date.today().isoformat(),
                "results": results,
            },
            ensure_ascii=False,
        )
    )
