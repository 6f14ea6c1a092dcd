"""Benchmark: the queue page's server time at 10k, 100k and 1M stored items.

Builds an organisation (services) with four active channels, then loads N items with their
assessments (plain INSERTs through `executemany`, in batches; the search index's triggers
fire as on any insert). The history is handled; an open backlog of `--open` items (default 2,000, the same
at every size: what moderators have not yet reached does not grow with the archive) is
new, a tenth of it flagged with deadlines; 2 % of the history was flagged too (handled).
Then it times GET /inkorg/ through the Django test client as a moderator (middleware,
access filter, both keyset segments, proposals, template), warm, and reports p50 and p95
over `--repeat` requests, for the default order, newest first, flagged only, a search and
a later page. Not a test: it asserts nothing about time.

    .venv/bin/python bench/bench_queue.py --sizes 10000 100000 1000000
"""

import argparse
import json
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
BATCH = 5000
WORDS = [
    "simhallen",
    "biblioteket",
    "kommunens",
    "parkering",
    "bygglovet",
    "skolan",
    "hotet",
    "vägen",
    "bussen",
    "öppettider",
    "renoveringen",
    "avgiften",
    "sophämtningen",
    "cykelbanan",
    "förskolan",
]
PAGES = {
    "default": "/inkorg/",
    "newest": "/inkorg/?order=newest",
    "flagged": "/inkorg/?order=deadline",
    "search": "/inkorg/?q=kommunens+bygglovet",
}


def setup_django(database_url: str) -> None:
    """Django on ``database_url`` with the benches' quiet settings (no mail, no worker)."""
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "tillit.settings.base"
    os.environ["TILLIT_LOG_LEVEL"] = "ERROR"
    os.environ["TILLIT_EMAIL_URL"] = "dummymail://"
    os.environ["TILLIT_ALLOWED_HOSTS"] = "testserver"
    os.environ["TILLIT_TASK_BACKEND"] = "django_tasks.backends.dummy.DummyBackend"
    import django

    django.setup()


def configure() -> Path:
    path = Path(tempfile.mkdtemp()) / "bench.sqlite3"
    setup_django(f"sqlite:///{path}")
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return path


def world():
    """The organisation, four staffed active channels with the guideline's policy."""
    from django.utils import timezone

    from tillit.moderation.services.policy import channel_apply_policy, policy_create_from_guideline
    from tillit.testing import build_org, make_channel, staff, walk_to_active

    org = build_org()
    policy = policy_create_from_guideline(actor=org["admin"])
    channels = []
    for name in ("Biblioteket", "Simhallen", "Kommunen", "Kulturhuset"):
        channel = make_channel(org, name=name)
        staff(org, channel, timezone.localdate() - timedelta(days=1))
        channel = walk_to_active(org, channel)
        channel_apply_policy(actor=org["admin"], channel=channel, version=policy)
        channels.append(channel)
    return org, channels, policy


ITEM_SQL = (
    "INSERT INTO inbox_item (id, channel_id, platform_id, kind, is_public, text, text_format, "
    "author_id, author_name, text_truncated, is_own, received_at, first_seen_at, "
    "parent_platform_id, thread_platform_id, permalink, raw, version, status, is_hidden, "
    "is_deleted, capture_complete, decision_seq) VALUES "
    "(%s, %s, %s, 'comment', 1, %s, 'plain', %s, %s, 0, 0, %s, %s, '', '', '', '{}', 1, %s, 0, 0, 1, 0)"
)
ASSESSMENT_SQL = (
    "INSERT INTO moderation_assessment (id, item_id, policy_version_id, assessed_text_version, "
    "findings, categories, score, flagged, rules, tier, priority, deadline, language, "
    "escalation_level, assessed_at, model_version, raised_by_model) VALUES "
    "(%s, %s, %s, 1, '[]', '{}', %s, %s, %s, %s, %s, %s, 'sv', 0, %s, '', 0)"
)


def load(n: int, start: int, channels, policy, open_ids: set[int]) -> None:
    """Items start..n-1 with assessments, BATCH rows a transaction.

    Plain INSERTs (executemany) rather than model instances, so a million rows load in
    minutes; the rows hold what ingest and the assessment would write, and the search
    index's triggers fire on each insert as they do in production.
    """
    from django.db import connection, transaction

    from tillit.inbox.models import Author

    rng = random.Random(start)  # noqa: S311  (reproducible bench text, not a secret)
    authors = list(
        Author.objects.filter(platform="facebook").order_by("pk").values_list("pk", flat=True)
    )
    if not authors:
        Author.objects.bulk_create(
            Author(platform="facebook", platform_id=f"a{i}", display_name=f"Invånare {i}")
            for i in range(5000)
        )
        authors = list(
            Author.objects.filter(platform="facebook").order_by("pk").values_list("pk", flat=True)
        )
    adapt = connection.ops.adapt_datetimefield_value
    t0 = datetime(2020, 1, 1, tzinfo=UTC)
    now = datetime.now(UTC)
    channel_ids = [c.pk for c in channels]
    for first in range(start, n, BATCH):
        items, assessments = [], []
        for i in range(first, min(n, first + BATCH)):
            is_open = i in open_ids
            flagged = (is_open and i % 10 == 0) or (not is_open and i % 50 == 0)
            items.append(
                (
                    i + 1,
                    channel_ids[i % len(channel_ids)],
                    f"p{i}",
                    " ".join(rng.sample(WORDS, 4)) + f" nummer {i}",
                    authors[i % len(authors)],
                    f"Invånare {i % 5000}",
                    adapt(t0 + timedelta(seconds=i * 60)),
                    adapt(now),
                    "new" if is_open else "handled",
                )
            )
            assessments.append(
                (
                    i + 1,
                    i + 1,
                    policy.pk,
                    0.9 if flagged else 0.0,
                    flagged,
                    '["R13a"]' if flagged else "[]",
                    "own_rules" if flagged else "",
                    2 if flagged else 3,
                    adapt(now + timedelta(minutes=i % 600)) if flagged else None,
                    adapt(now),
                )
            )
        with transaction.atomic(), connection.cursor() as cur:
            cur.executemany(ITEM_SQL, items)
            cur.executemany(ASSESSMENT_SQL, assessments)


def measure(client, repeat: int) -> dict:
    out = {}
    first = client.get(PAGES["default"])
    assert first.status_code == 200
    body = first.content.decode()
    cursor = body.split("after=")[1].split('"')[0] if "after=" in body else ""
    pages = dict(PAGES)
    if cursor:
        pages["page 2"] = f"/inkorg/?after={cursor}"
    for name, url in pages.items():
        times = []
        for _ in range(3):
            client.get(url)  # warm
        for _ in range(repeat):
            t0 = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - t0)
            assert response.status_code == 200, (url, response.status_code)
        times.sort()
        out[name] = {
            "p50_ms": round(statistics.median(times) * 1000, 1),
            "p95_ms": round(times[max(0, int(len(times) * 0.95) - 1)] * 1000, 1),
            "rows": response.content.decode().count("data-queue-row"),
        }
    return out


def run(sizes: list[int], backlog: int, repeat: int) -> list[dict]:
    path = configure()
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("PRAGMA synchronous = OFF")  # the bench's own throwaway file
    from django.test import Client

    from tillit.inbox.models import Item
    from tillit.testing import PASSWORD

    org, channels, policy = world()
    client = Client()
    assert client.login(username="staff_1", password=PASSWORD)
    results, done = [], 0
    for size in sorted(sizes):
        # The open backlog sits among the newest items of the largest size loaded so far.
        open_ids = set(range(max(0, size - backlog * 3), size, 3))
        # Items loaded earlier that were open become handled: the backlog stays the same size.
        Item.objects.filter(status="new").exclude(
            platform_id__in=[f"p{i}" for i in open_ids]
        ).update(status="handled")
        t0 = time.perf_counter()
        load(size, done, channels, policy, open_ids)
        loaded = time.perf_counter() - t0
        done = size
        with connection.cursor() as cur:
            cur.execute("PRAGMA optimize")
        results.append(
            {
                "items": Item.objects.count(),
                "open": Item.objects.exclude(status="handled").count(),
                "load_s": round(loaded, 1),
                "db_mb": round(path.stat().st_size / 1e6),
                "pages": measure(client, repeat),
            }
        )
        print(json.dumps(results[-1]), flush=True)
    return results


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--open", type=int, default=2000, dest="backlog")
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    results = run(args.sizes, args.backlog, args.repeat)
    print(
        json.dumps(
            {
                "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
                f"Python {platform.python_version()}",
                "results": results,
            }
        )
    )
