"""capture_page: one page into PNG, PDF, WARC, WACZ and manifest.json, all or nothing."""

from __future__ import annotations

import asyncio
import concurrent.futures
import dataclasses
import errno
import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tillit.core.net.guard import FetchGuard
from tillit.core.net.policy import FetchPolicy

from .browser import BrowseResult, BrowseSettings, Progress, browse
from .errors import CaptureFailed
from .manifest import MANIFEST_NAME, describe_file, write_manifest
from .waczpack import WaczError, build_wacz

DEFAULT_EXECUTABLE = "/usr/bin/chromium"
CAPTURE_TOOL = "Tillit archive capture 1.0"
# PDF/A needs a converter such as Ghostscript and a validator such as veraPDF; Chromium writes
# plain PDF, and the manifest says so rather than claiming an archival profile it lacks.
PDF_FORMAT_NOTE = "not PDF/A: Chromium print output"
MAX_REFUSALS_LISTED = 200


@dataclass(frozen=True)
class CaptureResult:
    """A finished capture: where it is, what it holds and what the page tried to fetch."""

    directory: Path
    url: str
    final_url: str
    title: str
    http_status: int
    captured_at: datetime
    user_agent: str
    network_idle: bool
    files: dict[str, Path]  # "screenshot", "pdf", "warc", "wacz", "manifest"
    manifest: dict[str, Any]
    refused: list[dict[str, Any]]


def capture_page(
    url: str,
    out_dir: str | os.PathLike[str],
    *,
    policy: FetchPolicy | None = None,
    timeout_s: float = 60,
    max_bytes: int | None = None,
    progress: Progress | None = None,
    executable_path: str = DEFAULT_EXECUTABLE,
    network_idle_s: float = 10,
    viewport: tuple[int, int] = (1280, 900),
    user_agent: str | None = None,
) -> CaptureResult:
    """Capture url into out_dir (created; must not exist or be empty) or raise CaptureFailed.

    timeout_s bounds loading and rendering; packaging the WACZ gets up to a minute more.
    max_bytes caps both what the page may download and the size of the files written.
    """
    policy = policy or FetchPolicy()
    if max_bytes is not None:
        policy = dataclasses.replace(policy, max_bytes=min(policy.max_bytes, max_bytes))
    report = progress or (lambda stage, fraction: None)
    out_dir = Path(out_dir)
    if out_dir.exists() and (not out_dir.is_dir() or any(out_dir.iterdir())):
        raise CaptureFailed(f"output directory {out_dir} already exists and is not empty")
    if not (os.path.isfile(executable_path) and os.access(executable_path, os.X_OK)):
        raise CaptureFailed(f"Chromium not found at {executable_path}")
    try:
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        # Same parent, so the final rename is atomic and a failure leaves only a hidden
        # ".partial" directory, which is removed, never a complete-looking capture.
        work = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.partial-", dir=out_dir.parent))
    except OSError as exc:
        raise _os_failure(exc) from exc
    guard = FetchGuard(policy)
    try:
        started = datetime.now(UTC)
        settings = BrowseSettings(
            url=url,
            work_dir=work,
            executable_path=executable_path,
            deadline=time.monotonic() + timeout_s,
            timeout_s=timeout_s,
            network_idle_s=network_idle_s,
            viewport=viewport,
            user_agent=user_agent,
            progress=report,
        )
        browsed = _run_async(browse(settings, guard), timeout_s + 30)
        return _finalise(work, out_dir, url, started, browsed, policy, max_bytes, report)
    except Exception as exc:
        shutil.rmtree(work, ignore_errors=True)
        failure = _as_failure(exc, timeout_s)
        failure.log = list(guard.log)
        if failure is exc:
            raise
        raise failure from exc
    except BaseException:  # interrupted: still leave nothing half-written behind
        shutil.rmtree(work, ignore_errors=True)
        raise


def _as_failure(exc: Exception, timeout_s: float) -> CaptureFailed:
    """The CaptureFailed that explains exc."""
    if isinstance(exc, CaptureFailed):
        return exc
    if isinstance(exc, TimeoutError):  # before OSError, of which it is a subclass
        return CaptureFailed(f"page did not finish loading within {timeout_s:g} s")
    if isinstance(exc, OSError):
        return _os_failure(exc)
    return CaptureFailed(f"capture failed: {type(exc).__name__}: {exc}")


def _finalise(
    work: Path,
    out_dir: Path,
    url: str,
    started: datetime,
    browsed: BrowseResult,
    policy: FetchPolicy,
    max_bytes: int | None,
    report: Progress,
) -> CaptureResult:
    report("wacz", 0.8)
    try:
        build_wacz(
            work / "capture.warc.gz",
            work / "capture.wacz",
            url=browsed.final_url,
            ts=started.strftime("%Y-%m-%dT%H:%M:%SZ"),
            title=browsed.title,
            timeout_s=60,
        )
    except WaczError as exc:
        raise CaptureFailed(str(exc)) from exc
    report("manifest", 0.9)
    pdf_version = (work / "page.pdf").read_bytes()[:8].decode("latin-1").removeprefix("%PDF-")
    files = [
        describe_file(work, "screenshot.png", "image/png", "PNG"),
        describe_file(
            work, "page.pdf", "application/pdf", f"PDF {pdf_version} ({PDF_FORMAT_NOTE})"
        ),
        describe_file(work, "capture.warc.gz", "application/warc", "WARC 1.1, gzip per record"),
        describe_file(work, "capture.wacz", "application/wacz", "WACZ 1.1.1"),
    ]
    total = sum(f["size"] for f in files)
    if max_bytes is not None and total > max_bytes:
        raise CaptureFailed(f"size limit exceeded: the capture is {total} bytes, over {max_bytes}")
    manifest = _manifest_data(url, started, browsed, policy, files)
    write_manifest(work, manifest)
    _fsync_files(work)
    try:
        os.rename(work, out_dir)
    except OSError as exc:
        if exc.errno in (errno.ENOTEMPTY, errno.EEXIST):
            raise CaptureFailed(f"output directory {out_dir} appeared during the capture") from exc
        raise
    _fsync_dir(out_dir.parent)
    report("done", 1.0)
    names = {
        "screenshot": "screenshot.png",
        "pdf": "page.pdf",
        "warc": "capture.warc.gz",
        "wacz": "capture.wacz",
        "manifest": MANIFEST_NAME,
    }
    return CaptureResult(
        directory=out_dir,
        url=url,
        final_url=browsed.final_url,
        title=browsed.title,
        http_status=browsed.http_status,
        captured_at=started,
        user_agent=browsed.user_agent,
        network_idle=browsed.network_idle,
        files={role: out_dir / name for role, name in names.items()},
        manifest=manifest,
        refused=manifest["refused"],
    )


def _manifest_data(url, started, browsed: BrowseResult, policy: FetchPolicy, files) -> dict:
    guard: FetchGuard = browsed.guard
    outcomes = [e.outcome for e in guard.log]
    return {
        "url": url,
        "final_url": browsed.final_url,
        "title": browsed.title,
        "http_status": browsed.http_status,
        "captured_at": started.isoformat().replace("+00:00", "Z"),
        "completed_at": datetime.now(UTC).isoformat().replace("+00:00", "Z"),
        "user_agent": browsed.user_agent,
        "browser": f"Chromium {browsed.browser_version}",
        "tool": CAPTURE_TOOL,
        "network_idle": browsed.network_idle,
        "policy": {
            "allowed_hosts": sorted(policy.allowed_hosts) if policy.allowed_hosts else None,
            "allow_private": sorted(policy.allow_private),
            "max_bytes": policy.max_bytes,
            "max_requests": policy.max_requests,
        },
        "requests": {
            "fetched": outcomes.count("fetched"),
            "refused": outcomes.count("refused"),
            "failed": outcomes.count("failed"),
            "bytes": guard.bytes_received,
            "warc_records": browsed.warc_records,
        },
        "refused": [
            {"url": e.url, "reason": e.reason} for e in guard.refused[:MAX_REFUSALS_LISTED]
        ],
        "files": files,
    }


def _run_async(coro, timeout_s: float):
    """Run coro to completion from sync code, in this thread unless a loop already runs here."""
    bounded = asyncio.wait_for(coro, timeout=timeout_s)
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(bounded)
    # Called from async code (an ASGI view, a test with a loop): use a fresh thread and loop.
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, bounded).result()


def _os_failure(exc: OSError) -> CaptureFailed:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return CaptureFailed(f"disk full: {exc.strerror or exc}")
    return CaptureFailed(f"file system error: {exc}")


def _fsync_files(root: Path) -> None:
    for path in root.iterdir():
        with path.open("rb") as fh:
            os.fsync(fh.fileno())
    _fsync_dir(root)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
