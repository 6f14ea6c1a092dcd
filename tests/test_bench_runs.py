"""The benchmarks still run against the current code and schema (the queue benchmark writes
rows with plain SQL, so a new NOT NULL column breaks it silently otherwise). Tiny sizes; no
timing is asserted."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _bench(tmp_path, script: str, *args: str) -> dict:
    """Run ``bench/<script>`` with ``args``; its last line of output, as JSON."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / script), *args],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_queue_benchmark_runs_on_the_current_schema(tmp_path):
    summary = _bench(tmp_path, "bench_queue.py", "--sizes", "300", "--open", "60", "--repeat", "1")
    (run,) = summary["results"]
    assert run["items"] == 300
    assert run["pages"]["default"]["rows"] > 0


def test_reports_benchmark_agrees_with_its_peer(tmp_path):
    summary = _bench(tmp_path, "bench_reports.py", "--sizes", "2000", "--repeat", "1")
    (run,) = summary["results"]
    assert run["items"] == 2000
    assert run["figures"]["comments"] == run["figures"]["peer"]["comments"]
    assert run["figures"]["reply_median_h"] == run["figures"]["peer"]["median_h"]


def test_serving_benchmark_runs_both_servers(tmp_path):
    summary = _bench(
        tmp_path,
        "bench_serving.py",
        *("--items", "200", "--open", "20", "--clients", "2", "--seconds", "1"),
    )
    assert set(summary["results"]) == {"tillit serve (gunicorn)", "Django runserver"}
    for pages in summary["results"].values():
        for figures in pages.values():
            assert figures["requests"] > 0
            assert figures["errors"] == 0


def test_task_queue_benchmark_runs_every_engine(tmp_path):
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        pytest.skip("the task-queue benchmark needs PostgreSQL and Redis; it runs on the PG run")
    server = url.rsplit("/", 1)[0] + "/postgres"
    summary = _bench(
        tmp_path,
        "bench_task_queues.py",
        *("--tasks", "30", "--workers", "2", "--warmup", "3", "--database", server),
    )
    assert len(summary["results"]) == 3
    for figures in summary["results"].values():
        assert figures["ran_once"] is True
