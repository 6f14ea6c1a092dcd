"""Helpers for tests that start Tillit in another process (a server, a worker to be killed)."""

import os
from pathlib import Path

from django.conf import settings
from django.db import connection

SRC = str(Path(__file__).resolve().parents[2])


def database_url() -> str:
    """The URL of the database this (test) process uses: its SQLite file or PostgreSQL."""
    s = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{s['NAME']}"
    auth = s["USER"] + (f":{s['PASSWORD']}" if s.get("PASSWORD") else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def subprocess_env(**extra: str) -> dict[str, str]:
    """The environment for a child Tillit on this test's database and files.

    The child reads the same database, keeps its media and audit keyring in this test
    process's folder (so audit entries it writes verify here), and may reach 127.0.0.1.
    """
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tillit.settings.test",
        "DATABASE_URL": database_url(),
        "TILLIT_TEST_FILES": str(Path(settings.MEDIA_ROOT).parent),
        "TILLIT_OUTBOUND_ALLOW_HOSTS": "127.0.0.1",
        "PYTHONPATH": SRC + os.pathsep + os.environ.get("PYTHONPATH", ""),
        **extra,
    }


def installation_env(var: Path, database_url: str | None = None, **extra: str) -> dict[str, str]:
    """The environment for a Tillit installation of its own, as a person would run one.

    Its files in ``var`` and, unless ``database_url`` names another, its own SQLite file
    there; nothing of this test process's database, settings or files.
    """
    env = {
        **os.environ,
        "TILLIT_VAR_DIR": str(var),
        "PYTHONPATH": SRC + os.pathsep + os.environ.get("PYTHONPATH", ""),
        "TILLIT_LOG_LEVEL": "WARNING",
    }
    for name in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "TILLIT_TEST_FILES"):
        env.pop(name, None)
    if database_url:
        env["DATABASE_URL"] = database_url
    return {**env, **extra}


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_answers(url: str, proc, *, timeout_s: float = 60, headers=None) -> None:
    """Poll ``url`` until it answers (any status); fail early if ``proc`` has exited."""
    import time

    import httpx

    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            out = proc.stdout.read() if proc.stdout else ""
            raise AssertionError(f"process exited with {proc.returncode}:\n{out}")
        try:
            httpx.get(url, headers=headers, timeout=2)
            return
        except httpx.TransportError:
            time.sleep(0.2)
    raise AssertionError(f"{url} did not answer within {timeout_s} s")


def start_tillit(env: dict[str, str], *args: str):
    """`tillit ARGS` in its own process group, output captured (stop it with stop_process)."""
    import subprocess
    import sys

    return subprocess.Popen(  # noqa: S603 - our own command line
        [sys.executable, "-m", "tillit.cli", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )


def stop_process(proc) -> str:
    """SIGTERM the process group (SIGKILL after a minute); return what it printed."""
    import signal
    import subprocess

    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        out, _ = proc.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, _ = proc.communicate()
    return out or ""
