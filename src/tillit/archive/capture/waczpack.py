"""Packs a capture's WARC into a WACZ with the `wacz` tool, and validates WACZ files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

# The wacz tool prints its progress and reads argv, so it runs as a child process; this also
# keeps a crash in it from taking the worker down.
_WACZ = [sys.executable, "-m", "wacz"]


class WaczError(Exception):
    """The wacz tool failed to create or validate a package."""


def build_wacz(
    warc: Path, output: Path, *, url: str, ts: str, title: str, timeout_s: float
) -> Path:
    """Create output (a .wacz) from warc with a one-page pages.jsonl for url captured at ts."""
    pages = output.with_suffix(".pages.jsonl")
    header = {"format": "json-pages-1.0", "id": "pages", "title": "All Pages"}
    page = {"id": "page-1", "url": url, "ts": ts, "title": title}
    pages.write_text(
        json.dumps(header) + "\n" + json.dumps(page, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    try:
        _run(
            ["create", "-o", str(output), "-p", str(pages), "--title", title or url, str(warc)],
            timeout_s,
        )
    finally:
        pages.unlink(missing_ok=True)
    return output


def validate_wacz(path: Path, *, timeout_s: float = 120) -> None:
    """Raise WaczError unless `wacz validate` accepts path."""
    _run(["validate", "-f", str(path)], timeout_s)


def _run(args: list[str], timeout_s: float) -> None:
    try:
        done = subprocess.run(  # noqa: S603 - fixed program, arguments are our own paths
            [*_WACZ, *args],
            capture_output=True,
            text=True,
            timeout=max(timeout_s, 1),
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise WaczError(f"wacz {args[0]} timed out") from exc
    output = (done.stdout + done.stderr).strip()
    if done.returncode != 0 or "failed" in done.stdout.lower():
        raise WaczError(f"wacz {args[0]} failed: {output[-500:]}")
