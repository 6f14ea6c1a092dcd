"""Fixtures of the archive's Django tests: private storage, a local site, a fake engine."""

import io
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PIL import Image

from tillit.access.actor import OPERATOR
from tillit.archive.capture import CaptureResult
from tillit.archive.capture.manifest import describe_file, write_manifest
from tillit.archive.capture.tests.site import site  # noqa: F401 - re-exported as a fixture


@pytest.fixture(autouse=True)
def _archive_settings(settings, tmp_path):
    """Each test stores into its own folder and may capture the test site on 127.0.0.1."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.TILLIT_CAPTURE_ALLOW_PRIVATE = {"127.0.0.1"}
    settings.TILLIT_CAPTURE_TIMEOUT_S = 30
    return settings


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), "blue").save(buffer, format="PNG")
    return buffer.getvalue()


def fake_capture_page(url, out_dir, **kwargs):
    """What the engine leaves behind, written without a browser (for fast storage-side tests)."""
    progress = kwargs.get("progress") or (lambda stage, fraction: None)
    out = Path(out_dir)
    out.mkdir(parents=True)
    progress("load", 0.2)
    (out / "screenshot.png").write_bytes(_png())
    (out / "page.pdf").write_bytes(b"%PDF-1.4\n% fake page\n%%EOF\n")
    (out / "capture.warc.gz").write_bytes(b"warc records")
    (out / "capture.wacz").write_bytes(b"PK wacz")
    files = [
        describe_file(out, "screenshot.png", "image/png", "PNG"),
        describe_file(out, "page.pdf", "application/pdf", "PDF 1.4 (not PDF/A)"),
        describe_file(out, "capture.warc.gz", "application/warc", "WARC 1.1, gzip per record"),
        describe_file(out, "capture.wacz", "application/wacz", "WACZ 1.1.1"),
    ]
    now = datetime.now(UTC)
    manifest = {"url": url, "final_url": url, "title": "Fake", "http_status": 200, "files": files}
    write_manifest(out, manifest)
    progress("done", 1.0)
    names = {
        "screenshot": "screenshot.png",
        "pdf": "page.pdf",
        "warc": "capture.warc.gz",
        "wacz": "capture.wacz",
        "manifest": "manifest.json",
    }
    return CaptureResult(
        directory=out,
        url=url,
        final_url=url,
        title="Fake",
        http_status=200,
        captured_at=now,
        user_agent="test",
        network_idle=True,
        files={role: out / name for role, name in names.items()},
        manifest={"manifest_version": 1, **manifest},
        refused=[],
    )


@pytest.fixture
def fake_engine(monkeypatch):
    """Replace the browser engine with fake_capture_page; returns the calls it received."""
    from tillit.archive.services import captures

    calls = []

    def fake(url, out_dir, **kwargs):
        calls.append({"url": url, **kwargs})
        return fake_capture_page(url, out_dir, **kwargs)

    monkeypatch.setattr(captures, "capture_page", fake)
    return calls


@pytest.fixture
def done_capture(active_channel, fake_engine, django_capture_on_commit_callbacks):
    """A finished capture of the active channel, through the service and the task."""
    from tillit.archive.services import capture_request

    with django_capture_on_commit_callbacks(execute=True):
        capture = capture_request(
            actor=OPERATOR, channel=active_channel, reason="on_demand", note="Before the redesign"
        )
    capture.refresh_from_db()
    assert capture.state == "done", capture.failure_reason
    return capture
