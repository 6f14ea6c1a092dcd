"""Benchmark: django-tasks-db on PostgreSQL against RQ on Redis, the same task, the same
number of worker processes, in the same run (ADR 16).

For each engine: a fresh PostgreSQL database with Tillit's schema, ``--workers`` worker
processes started and idle (``tillit worker`` for django-tasks-db, django-rq's ``rqworker``
with django-tasks-rq's job class for RQ), then ``--tasks`` tasks enqueued through the
Django Tasks API from this process. Each task inserts one row keyed by its number (a
second run would fail on the key). Reports the enqueue rate, the drain throughput (from
the first enqueue to the last row), the wait from enqueue to run (p50, p99), and checks
that every task ran exactly once. Not a test: it asserts nothing about time.

    .venv/bin/python bench/bench_task_queues.py --tasks 2000 --workers 2
"""

import argparse
import json
import os
import platform
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
BENCH = Path(__file__).resolve().parent


ENGINES = {
    "db": "django-tasks-db on PostgreSQL (tillit worker)",
    "rq": "RQ on Redis (rqworker, a fork per job)",
    "rq-simple": "RQ on Redis (rqworker, SimpleWorker)",
}


def engine_env(engine: str, database_url: str, redis_url: str) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "task_queue_settings",
        "BENCH_TASK_ENGINE": "rq" if engine.startswith("rq") else engine,
        "BENCH_REDIS_URL": redis_url,
        "TILLIT_LOG_LEVEL": "ERROR",
        "TILLIT_EMAIL_URL": "dummymail://",
        "PYTHONPATH": os.pathsep.join([str(BENCH), str(ROOT / "src")]),
    }


def _admin_url(database_url: str) -> str:
    return (
        urlsplit(database_url)
        ._replace(path="/postgres")
        .geturl()
        .replace("postgres://", "postgresql://", 1)
    )


def fresh_database(server_url: str, name: str) -> str:
    import psycopg

    with psycopg.connect(_admin_url(server_url), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return urlsplit(server_url)._replace(path=f"/{name}").geturl()


def drop_database(server_url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(_admin_url(server_url), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def tillit(env: dict[str, str], *args: str, **popen) -> subprocess.Popen:
    return subprocess.Popen(  # noqa: S603 - our own command line
        [sys.executable, "-m", "tillit.cli", *args],
        env=env,
        start_new_session=True,
        **popen,
    )


def workers_for(engine: str, env: dict[str, str], count: int) -> list[subprocess.Popen]:
    if engine == "db":
        args = ["worker", "--queues", "default", "--concurrency", "1"]
    else:
        args = ["rqworker", "--job-class", "django_tasks_rq.Job", "default"]
        if engine == "rq-simple":
            # RQ's default worker forks a process per job (isolation); SimpleWorker runs
            # the job in the worker itself, as tillit worker does.
            args[1:1] = ["--worker-class", "rq.SimpleWorker"]
    return [
        tillit(env, *args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for _ in range(count)
    ]


def stop(procs: list[subprocess.Popen]) -> None:
    for proc in procs:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
    for proc in procs:
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


def run_engine(engine: str, args) -> dict:
    name = f"tillit_bench_tasks_{engine.replace('-', '_')}"
    database_url = fresh_database(args.database, name)
    env = engine_env(engine, database_url, args.redis)
    migrate = tillit(env, "migrate", "--no-input", stdout=subprocess.DEVNULL)
    assert migrate.wait() == 0, "migrate failed"
    # This process enqueues; it needs the same settings as the workers.
    os.environ.update(env)
    sys.path[:0] = [str(BENCH), str(ROOT / "src")]
    import django

    django.setup()
    from django.db import connection
    from task_queue_tasks import record

    if engine.startswith("rq"):
        import django_rq

        django_rq.get_connection("default").flushdb()
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE bench_task_done (n integer PRIMARY KEY, waited_ms float)")
    procs = workers_for(engine, env, args.workers)
    try:
        time.sleep(args.warmup)  # workers started and idle, as in production
        for proc in procs:
            assert proc.poll() is None, proc.stderr.read().decode()[-2000:]
        started = time.perf_counter()
        for n in range(args.tasks):
            record.enqueue(n, time.time())
        enqueued = time.perf_counter()
        deadline = enqueued + args.timeout
        done = 0
        while time.perf_counter() < deadline:
            with connection.cursor() as cursor:
                cursor.execute("SELECT count(*) FROM bench_task_done")
                done = cursor.fetchone()[0]
            if done >= args.tasks:
                break
            time.sleep(0.05)
        drained = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*), count(DISTINCT n) FROM bench_task_done")
            rows, distinct = cursor.fetchone()
            cursor.execute("SELECT waited_ms FROM bench_task_done")
            waits = sorted(r[0] for r in cursor.fetchall())
    finally:
        stop(procs)
        connection.close()
        drop_database(args.database, name)
    return {
        "tasks": args.tasks,
        "workers": args.workers,
        "ran": rows,
        "ran_once": rows == distinct == args.tasks,
        "enqueue_per_s": round(args.tasks / (enqueued - started), 1),
        "drain_per_s": round(rows / (drained - started), 1),
        "wait_p50_ms": round(statistics.median(waits), 1) if waits else None,
        "wait_p99_ms": round(waits[int(len(waits) * 0.99) - 1], 1) if waits else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--database", default="postgres://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/14")
    parser.add_argument("--warmup", type=float, default=5.0, help="Seconds for workers to start.")
    parser.add_argument("--timeout", type=float, default=600.0)
    parser.add_argument("--engine", choices=list(ENGINES), help="Only this one (run it alone).")
    args = parser.parse_args()
    if args.engine:
        print(json.dumps(run_engine(args.engine, args)))
        return
    # Each engine in its own process: Django is set up once per process, with its settings.
    results = {}
    for engine, label in ENGINES.items():
        out = subprocess.run(  # noqa: S603 - this script
            [sys.executable, __file__, *sys.argv[1:], "--engine", engine],
            capture_output=True,
            text=True,
            check=False,
        )
        if out.returncode != 0:
            sys.exit(f"{label} failed:\n{out.stderr[-3000:]}")
        results[label] = json.loads(out.stdout.strip().splitlines()[-1])
        print(label, results[label], file=sys.stderr)
    print(
        json.dumps(
            {
                "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
                "results": results,
            }
        )
    )


if __name__ == "__main__":
    main()
