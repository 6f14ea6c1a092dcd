"""The queue benchmark still runs against the current schema (it writes rows with plain SQL,
so a new NOT NULL column breaks it silently otherwise). Tiny sizes; no timing is asserted."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_queue_benchmark_runs_on_the_current_schema(tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "bench_queue.py"),
            "--sizes",
            "300",
            "--open",
            "60",
            "--repeat",
            "1",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    (run,) = summary["results"]
    assert run["items"] == 300
    assert run["pages"]["default"]["rows"] > 0


def test_serving_benchmark_runs_both_servers(tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "bench_serving.py"),
            "--items",
            "200",
            "--open",
            "20",
            "--clients",
            "2",
            "--seconds",
            "1",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    assert set(summary["results"]) == {"tillit serve (gunicorn)", "Django runserver"}
    for pages in summary["results"].values():
        for figures in pages.values():
            assert figures["requests"] > 0
            assert figures["errors"] == 0


def test_task_queue_benchmark_runs_every_engine(tmp_path):
    import os

    import pytest

    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        pytest.skip("the task-queue benchmark needs PostgreSQL and Redis; it runs on the PG run")
    server = url.rsplit("/", 1)[0] + "/postgres"
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "bench_task_queues.py"),
            "--tasks",
            "30",
            "--workers",
            "2",
            "--warmup",
            "3",
            "--database",
            server,
        ],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    assert len(summary["results"]) == 3
    for figures in summary["results"].values():
        assert figures["ran_once"] is True
