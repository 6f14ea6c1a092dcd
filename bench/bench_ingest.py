"""Benchmark: ingest N comments through the Meta webhook path into SQLite and PostgreSQL.

Reports items per second through the whole path (signature check, parsing by the Facebook
connector, ingest, commit) and the time from receipt until the item is visible in the
moderation queue (p50, p99). Not a test: it asserts nothing about time.

The ingest subscribers (assessment, search index) run as tasks after commit: with
``--tasks held`` (the default) they are enqueued and left for a worker, as in production;
with ``--tasks immediate`` they run inside the request after the commit, so the figure
includes them.

    .venv/bin/python bench/bench_ingest.py --n 2000 --db sqlite
    .venv/bin/python bench/bench_ingest.py --n 2000 --db postgres   # needs 127.0.0.1:5432
"""

import argparse
import hashlib
import hmac
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
SECRET = "bench-secret"  # noqa: S105


BACKENDS = {
    "held": "django_tasks.backends.dummy.DummyBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}


def configure(db: str, tasks: str = "held") -> None:
    if db == "sqlite":
        path = Path(tempfile.mkdtemp()) / "bench.sqlite3"
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    else:
        import psycopg

        with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as c:
            c.execute("DROP DATABASE IF EXISTS tillit_bench")
            c.execute("CREATE DATABASE tillit_bench")
        os.environ["DATABASE_URL"] = "postgres://postgres@127.0.0.1:5432/tillit_bench"
    os.environ["DJANGO_SETTINGS_MODULE"] = "tillit.settings.base"
    os.environ["TILLIT_LOG_LEVEL"] = "ERROR"
    os.environ["TILLIT_EMAIL_URL"] = "dummymail://"
    os.environ["TILLIT_ALLOWED_HOSTS"] = "testserver"
    os.environ["TILLIT_TASK_BACKEND"] = BACKENDS[tasks]
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def body_for(page_id: str, i: int) -> bytes:
    post_id = f"{page_id}_1"
    change = {
        "field": "feed",
        "value": {
            "item": "comment",
            "verb": "add",
            "post_id": post_id,
            "comment_id": f"{post_id}_{i}",
            "parent_id": post_id,
            "created_time": 1_764_400_000 + i,
            "from": {"id": str(9000 + i % 500), "name": f"Invånare {i % 500}"},
            "message": f"Hej! När öppnar simhallen igen efter renoveringen? Fråga nummer {i}.",
        },
    }
    return json.dumps(
        {"object": "page", "entry": [{"id": page_id, "time": 1, "changes": [change]}]},
        ensure_ascii=False,
    ).encode()


def run(n: int, db: str, tasks: str = "held") -> dict:
    configure(db, tasks)
    from django.test import Client
    from django.utils import timezone

    from tillit.channels.permissions import Actor
    from tillit.inbox.models import Item
    from tillit.inbox.selectors import queue_page
    from tillit.inbox.services.connections import connection_set
    from tillit.testing import build_org, make_active_channel

    org = build_org()
    channel = make_active_channel(org, timezone.localdate())
    page_id = "424242"
    connection_set(
        actor=None,
        channel=channel,
        connector="facebook",
        config={"page_id": page_id, "page_access_token": "t", "app_secret": SECRET},
    )
    actor = Actor(org["staff_1"])
    client = Client()
    bodies = [body_for(page_id, i) for i in range(n)]
    latencies = []
    start = time.perf_counter()
    for i, body in enumerate(bodies):
        sig = "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
        t0 = time.perf_counter()
        response = client.post(
            "/webhooks/meta/", body, content_type="application/json", HTTP_X_HUB_SIGNATURE_256=sig
        )
        assert response.status_code == 200, response.content
        if i % 10 == 0:  # visibility sampled on every tenth delivery to keep the loop honest
            top = queue_page(actor).items
            assert top and top[0].platform_id == f"{page_id}_1_{i}"
            latencies.append(time.perf_counter() - t0)
    elapsed = time.perf_counter() - start
    assert Item.objects.count() == n
    latencies.sort()
    return {
        "db": db,
        "tasks": tasks,
        "n": n,
        "items_per_s": round(n / elapsed, 1),
        "visible_p50_ms": round(statistics.median(latencies) * 1000, 2),
        "visible_p99_ms": round(latencies[int(len(latencies) * 0.99) - 1] * 1000, 2),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--tasks", choices=sorted(BACKENDS), default="held")
    args = parser.parse_args()
    print(json.dumps(run(args.n, args.db, args.tasks)))
