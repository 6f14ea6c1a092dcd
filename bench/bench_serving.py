"""Benchmark: requests per second and latency of `tillit serve` (gunicorn) against Django's
development server, in the same run, on the same database, under concurrent clients.

Builds the queue benchmark's organisation (four active channels, `--items` stored items with
an open backlog of `--open`), then starts each server in its own process on 127.0.0.1 and
drives two pages with `--clients` concurrent clients (threads, one keep-alive connection
each) for `--seconds` per page: the public link collection `/kanaler/` (anonymous) and the
moderation queue `/inkorg/` (signed in as a moderator). Reports requests per second, p50 and
p99 latency and errors per server and page. The clients share the machine with the servers,
as a proxy would; both servers are measured under the same conditions. Not a test: it
asserts nothing about time.

    .venv/bin/python bench/bench_serving.py --items 20000 --clients 8 --seconds 20
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
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

PAGES = {"link collection": "/kanaler/", "queue": "/inkorg/"}


def server_env(db: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{db}",
        "DJANGO_SETTINGS_MODULE": "tillit.settings.base",
        "TILLIT_LOG_LEVEL": "ERROR",
        "TILLIT_EMAIL_URL": "dummymail://",
        "TILLIT_ALLOWED_HOSTS": "127.0.0.1,testserver",
        "TILLIT_TASK_BACKEND": "django_tasks.backends.dummy.DummyBackend",
        "TILLIT_DEBUG": "false",
        "PYTHONPATH": str(ROOT / "src"),
    }


def prepare(items: int, backlog: int) -> tuple[Path, str]:
    """A migrated SQLite file with the queue benchmark's world; the moderator's session cookie."""
    db = Path(tempfile.mkdtemp()) / "serving.sqlite3"
    os.environ.update(server_env(db))
    import django

    django.setup()
    from bench_queue import load, world
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    from tillit.testing import PASSWORD

    call_command("migrate", verbosity=0)
    _org, channels, policy = world()
    load(items, 0, channels, policy, set(range(max(0, items - backlog * 3), items, 3)))
    client = Client()
    assert client.login(username="staff_1", password=PASSWORD)
    return db, client.cookies[settings.SESSION_COOKIE_NAME].value


SERVERS = {
    # What `tillit serve` runs; workers and threads are its defaults for this machine.
    "tillit serve (gunicorn)": lambda port: ["serve", "--bind", f"127.0.0.1:{port}"],
    # The peer: Django's development server, threaded, as `tillit serve` used to run it.
    "Django runserver": lambda port: ["runserver", f"127.0.0.1:{port}", "--noreload"],
}


def start(command: list[str], db: Path, port: int) -> subprocess.Popen:
    from tillit.core.testing import wait_until_answers

    proc = subprocess.Popen(  # noqa: S603 - our own command line
        [sys.executable, "-m", "tillit.cli", *command],
        env=server_env(db),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        wait_until_answers(f"http://127.0.0.1:{port}/healthz", proc)
    except AssertionError:
        os.killpg(proc.pid, signal.SIGKILL)
        raise SystemExit(f"{command[0]} did not start") from None
    return proc


def stop(proc: subprocess.Popen) -> None:
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def drive(url: str, cookies: dict[str, str], clients: int, seconds: float) -> dict:
    """`clients` threads, each on its own keep-alive connection, for `seconds`."""
    import httpx

    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    warm_until = time.monotonic() + min(2.0, seconds / 4)
    stop_at = warm_until + seconds

    def client() -> None:
        nonlocal errors
        mine, bad = [], 0
        with httpx.Client(cookies=cookies, timeout=30) as http:
            while (now := time.monotonic()) < stop_at:
                t0 = time.perf_counter()
                try:
                    ok = http.get(url).status_code == 200
                except httpx.HTTPError:
                    ok = False
                elapsed = time.perf_counter() - t0
                if now >= warm_until:
                    mine.append(elapsed)
                    bad += not ok
        with lock:
            latencies.extend(mine)
            errors += bad

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    latencies.sort()
    n = len(latencies)
    return {
        "requests": n,
        "rps": round(n / seconds, 1),
        "p50_ms": round(statistics.median(latencies) * 1000, 1) if n else None,
        "p99_ms": round(latencies[min(n - 1, int(n * 0.99))] * 1000, 1) if n else None,
        "errors": errors,
    }


def run(items: int, backlog: int, clients: int, seconds: float) -> dict:
    from django.conf import settings

    from tillit.core.testing import free_port

    db, session = prepare(items, backlog)
    results = {}
    for name, command in SERVERS.items():
        port = free_port()
        proc = start(command(port), db, port)
        try:
            results[name] = {
                page: drive(
                    f"http://127.0.0.1:{port}{path}",
                    {settings.SESSION_COOKIE_NAME: session} if path == "/inkorg/" else {},
                    clients,
                    seconds,
                )
                for page, path in PAGES.items()
            }
        finally:
            stop(proc)
        print(json.dumps({name: results[name]}), flush=True)
    return {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}",
        "items": items,
        "clients": clients,
        "seconds": seconds,
        "web_workers": settings.TILLIT_WEB_WORKERS,
        "web_threads": settings.TILLIT_WEB_THREADS,
        "results": results,
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--items", type=int, default=20_000)
    parser.add_argument("--open", type=int, default=2000, dest="backlog")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=20)
    args = parser.parse_args()
    print(json.dumps(run(args.items, args.backlog, args.clients, args.seconds)))
