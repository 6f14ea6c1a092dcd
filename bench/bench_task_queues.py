"""Benchmark: django-tasks-db on PostgreSQL against RQ on Redis, the same task, the same
number of worker processes, in the same run (ADR 16).

For each engine: a fresh PostgreSQL database with Tillit's schema, ``--workers`` worker
processes started and idle (``tillit worker`` for django-tasks-db, django-rq's ``rqworker``
with django-tasks-rq's job class for RQ), then ``--tasks`` tasks enqueued through the
Django Tasks API from this process. Each task inserts one row keyed by its number (a
second run would fail on the key). Reports the enqueue rate, the drain throughput (from
the first enqueue to the last row), the workers' rate while busy (first row to last), the
wait from enqueue to run (p50, p99), and checks that every task ran exactly once. With
``--backlog`` everything is enqueued before the workers start, which measures the workers
alone. Not a test: it asserts nothing about time.

    .venv/bin/python bench/bench_task_queues.py --tasks 2000 --workers 2
    .venv/bin/python bench/bench_task_queues.py --tasks 2000 --workers 2 --backlog
"""

import argparse
import json
import os
import platform
import signal
import statistics
import subprocess
import sys
import tempfile
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


def workers_for(engine: str, env: dict[str, str], count: int, log) -> list[subprocess.Popen]:
    if engine == "db":
        args = ["worker", "--queues", "default", "--concurrency", "1"]
    else:
        args = ["rqworker", "--job-class", "django_tasks_rq.Job", "default"]
        if engine == "rq-simple":
            # RQ's default worker forks a process per job (isolation); SimpleWorker runs
            # the job in the worker itself, as tillit worker does.
            args[1:1] = ["--worker-class", "rq.SimpleWorker"]
    # To a file: RQ logs a line per job, and a pipe nobody reads stalls it once full.
    return [tillit(env, *args, stdout=log, stderr=log) for _ in range(count)]


def stop(procs: list[subprocess.Popen]) -> None:
    for proc in procs:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
    for proc in procs:
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


def _rq_failures() -> list[str]:
    """What RQ recorded as failed jobs: a benchmark that hides failures measures nothing."""
    import django_rq
    from rq.job import Job

    queue = django_rq.get_queue("default")
    ids = queue.failed_job_registry.get_job_ids()
    jobs = Job.fetch_many(ids[:1], connection=queue.connection) if ids else []
    first = (jobs[0].exc_info or "")[-800:] if jobs and jobs[0] else ""
    return [first] * len(ids)


def run_engine(engine: str, args) -> dict:
    # Stopped from outside: still stop the workers (the finally below), never leave strays.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
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
        from rq import Worker

        redis = django_rq.get_connection("default")
        if Worker.all(connection=redis):
            # A stray worker from an interrupted run would take jobs and skew everything.
            raise SystemExit(f"other RQ workers use {args.redis}; stop them first")
        redis.flushdb()
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE bench_task_done (n integer PRIMARY KEY, waited_ms float,"
            " done_at timestamptz NOT NULL DEFAULT clock_timestamp())"
        )
    log = tempfile.TemporaryFile()  # noqa: SIM115 - closed in the finally below
    procs: list[subprocess.Popen] = []
    try:
        if not args.backlog:
            procs = workers_for(engine, env, args.workers, log)
            time.sleep(args.warmup)  # workers started and idle, as in production
        started = time.perf_counter()
        for n in range(args.tasks):
            record.enqueue(n, time.time())
        enqueued = time.perf_counter()
        if args.backlog:
            # Everything queued first: the workers' own rate, with nothing arriving.
            procs = workers_for(engine, env, args.workers, log)
        for proc in procs:
            if proc.poll() is not None:
                log.seek(0)
                raise SystemExit(log.read().decode()[-2000:])
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
            cursor.execute(
                "SELECT extract(epoch FROM max(done_at) - min(done_at)) FROM bench_task_done"
            )
            busy_s = float(cursor.fetchone()[0] or 0)
        log.seek(0)
        log_tail = log.read().decode(errors="replace")[-1500:] if rows < args.tasks else ""
        failed = _rq_failures() if engine.startswith("rq") else []
    finally:
        stop(procs)
        log.close()
        connection.close()
        drop_database(args.database, name)
    return {
        "tasks": args.tasks,
        "workers": args.workers,
        "ran": rows,
        "ran_once": rows == distinct == args.tasks,
        "enqueue_per_s": round(args.tasks / (enqueued - started), 1),
        "drain_per_s": round(rows / (drained - started), 1),
        # From the first task done to the last: the workers' rate while they had work.
        "run_per_s": round((rows - 1) / busy_s, 1) if busy_s else None,
        "wait_p50_ms": round(statistics.median(waits), 1) if waits else None,
        "wait_p99_ms": round(waits[int(len(waits) * 0.99) - 1], 1) if waits else None,
        **({"worker_log_tail": log_tail} if log_tail else {}),
        **({"failed": len(failed), "first_failure": failed[0]} if failed else {}),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--database", default="postgres://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/14")
    parser.add_argument("--warmup", type=float, default=5.0, help="Seconds for workers to start.")
    parser.add_argument("--timeout", type=float, default=600.0)
    parser.add_argument(
        "--backlog", action="store_true", help="Enqueue everything, then start the workers."
    )
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
