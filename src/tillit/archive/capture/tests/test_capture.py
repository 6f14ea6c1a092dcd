"""End to end: capture pages from the local test site with the system Chromium."""

import errno
import json
import os
import signal
import subprocess
import sys

import pytest
from PIL import Image
from pypdf import PdfReader
from warcio.archiveiterator import ArchiveIterator

from tillit.archive.capture import CaptureFailed, FetchPolicy, capture_page, engine, verify_manifest

from .site import needs_chromium

pytestmark = [pytest.mark.browser, needs_chromium]

LOCAL = FetchPolicy(allow_private=frozenset({"127.0.0.1"}))


@pytest.fixture(scope="module")
def captured(site, tmp_path_factory):
    """One capture of the test page, shared by the checks below."""
    stages = []
    out = tmp_path_factory.mktemp("captures") / "index"
    result = capture_page(
        f"{site}/index.html",
        out,
        policy=LOCAL,
        timeout_s=30,
        progress=lambda stage, fraction: stages.append((stage, fraction)),
    )
    return result, stages


def warc_responses(path):
    with open(path, "rb") as fh:
        return {
            r.rec_headers.get_header("WARC-Target-URI"): (
                r.http_headers.get_statuscode(),
                r.content_stream().read(),
            )
            for r in ArchiveIterator(fh)
            if r.rec_type == "response"
        }


def test_png_is_a_full_page_screenshot(captured):
    result, _ = captured
    data = result.files["screenshot"].read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    with Image.open(result.files["screenshot"]) as image:
        image.verify()
    with Image.open(result.files["screenshot"]) as image:
        assert image.size[0] == 1280 and image.size[1] >= 900


def test_pdf_holds_the_static_and_the_script_loaded_text(captured):
    result, _ = captured
    text = " ".join(page.extract_text() for page in PdfReader(result.files["pdf"]).pages)
    assert "Static heading for the archive" in text
    assert "Loaded by script" in text


def test_warc_holds_every_response_with_bodies(captured, site):
    result, _ = captured
    responses = warc_responses(result.files["warc"])
    assert set(responses) == {f"{site}/index.html", f"{site}/img.png", f"{site}/part.txt"}
    assert responses[f"{site}/part.txt"] == ("200", b"Loaded by script")
    assert responses[f"{site}/img.png"][1].startswith(b"\x89PNG")
    with open(result.files["warc"], "rb") as fh:
        kinds = [r.rec_type for r in ArchiveIterator(fh)]
    assert kinds[0] == "warcinfo" and kinds.count("request") == 3


def test_wacz_validates(captured):
    result, _ = captured
    done = subprocess.run(  # noqa: S603 - our interpreter and our temp paths
        [sys.executable, "-m", "wacz", "validate", "-f", str(result.files["wacz"])],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "valid" in done.stdout


def test_manifest_lists_every_file_with_matching_checksums(captured, site):
    result, stages = captured
    manifest = json.loads(result.files["manifest"].read_text())
    assert manifest["url"] == f"{site}/index.html"
    assert manifest["captured_at"].endswith("Z")
    assert "Tillit-Archive" in manifest["user_agent"]
    assert {f["path"] for f in manifest["files"]} == {
        "screenshot.png",
        "page.pdf",
        "capture.warc.gz",
        "capture.wacz",
    }
    assert all(len(f["sha256"]) == 64 and f["size"] > 0 for f in manifest["files"])
    assert verify_manifest(result.directory) == []
    assert stages[-1] == ("done", 1.0)
    assert [f for _, f in stages] == sorted(f for _, f in stages)


def test_tampering_is_detected(captured, tmp_path):
    result, _ = captured
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(result.directory, copy)
    with open(copy / "page.pdf", "ab") as fh:
        fh.write(b"%changed")
    assert [str(m) for m in verify_manifest(copy)] == ["page.pdf: size", "page.pdf: sha256"]


def test_redirect_to_private_address_fails_without_connecting(site, tmp_path):
    out = tmp_path / "cap"
    with pytest.raises(CaptureFailed, match="10.0.0.1 is a private address") as failure:
        capture_page(f"{site}/to-private", out, policy=LOCAL, timeout_s=20)
    assert not out.exists() and list(tmp_path.iterdir()) == []
    assert {e.address for e in failure.value.log if e.address} == {"127.0.0.1"}
    assert any("10.0.0.1" in e.url for e in failure.value.log if e.outcome == "refused")


def test_internal_subresources_are_refused_and_logged(site, tmp_path):
    result = capture_page(f"{site}/bad-image.html", tmp_path / "cap", policy=LOCAL, timeout_s=20)
    refused = {e["url"]: e["reason"] for e in result.refused}
    assert "loopback" in refused[f"http://127.0.0.2:{site.rsplit(':', 1)[1]}/x.png"]
    assert "metadata" in refused["http://169.254.169.254/latest/meta-data/x.png"]
    urls = set(warc_responses(result.files["warc"]))
    assert f"{site}/img.png" in urls and f"{site}/img-to-metadata" in urls
    assert not any("169.254" in u or "127.0.0.2" in u for u in urls)
    assert result.manifest["requests"]["refused"] == 2


def test_redirected_start_url_is_captured_at_its_final_address(site, tmp_path):
    result = capture_page(f"{site}/old", tmp_path / "cap", policy=LOCAL, timeout_s=20)
    assert result.final_url == f"{site}/dir/page.html"
    responses = warc_responses(result.files["warc"])
    assert responses[f"{site}/old"][0] == "302"
    # Relative links resolve against the final URL, as in a real browser.
    assert responses[f"{site}/dir/rel.png"][0] == "200"


def test_websocket_is_refused(site, tmp_path):
    result = capture_page(f"{site}/websocket.html", tmp_path / "cap", policy=LOCAL, timeout_s=20)
    assert [e["url"] for e in result.refused] == ["ws://10.0.0.1/"]


def test_page_that_never_finishes_leaves_nothing(site, tmp_path):
    out = tmp_path / "cap"
    with pytest.raises(CaptureFailed, match="did not finish loading within 3 s"):
        capture_page(f"{site}/hang.html", out, policy=LOCAL, timeout_s=3)
    assert list(tmp_path.iterdir()) == []


def test_size_limit(site, tmp_path):
    with pytest.raises(CaptureFailed, match="size limit exceeded"):
        capture_page(f"{site}/big.html", tmp_path / "cap", policy=LOCAL, max_bytes=100_000)
    assert list(tmp_path.iterdir()) == []


def test_disk_full(site, tmp_path, monkeypatch):
    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(engine, "write_manifest", full)
    with pytest.raises(CaptureFailed, match="disk full"):
        capture_page(f"{site}/index.html", tmp_path / "cap", policy=LOCAL, timeout_s=20)
    assert list(tmp_path.iterdir()) == []


def test_renderer_crash(site, tmp_path):
    def crash(stage, fraction):
        if stage == "screenshot":
            for pid in _descendants(os.getpid()):
                if b"--type=renderer" in _cmdline(pid):
                    os.kill(pid, signal.SIGKILL)

    with pytest.raises(CaptureFailed, match="crashed"):
        capture_page(f"{site}/index.html", tmp_path / "cap", policy=LOCAL, progress=crash)
    assert list(tmp_path.iterdir()) == []


def test_browser_that_will_not_start(site, tmp_path):
    with pytest.raises(CaptureFailed, match="could not start Chromium"):
        capture_page(f"{site}/index.html", tmp_path / "cap", executable_path="/bin/false")
    assert list(tmp_path.iterdir()) == []


def test_refuses_a_non_empty_output_directory(site, tmp_path):
    (tmp_path / "keep.txt").write_text("x")
    with pytest.raises(CaptureFailed, match="not empty"):
        capture_page(f"{site}/index.html", tmp_path, policy=LOCAL)


def _descendants(root: int) -> list[int]:
    """Processes started, directly or not, by root (this test run's own browser)."""
    parents = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    parents[int(entry)] = int(fh.read().rsplit(")", 1)[1].split()[1])
            except OSError:
                continue
    found, frontier = [], [root]
    while frontier:
        parent = frontier.pop()
        children = [pid for pid, ppid in parents.items() if ppid == parent]
        found += children
        frontier += children
    return found


def _cmdline(pid: int) -> bytes:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as fh:
            return fh.read()
    except OSError:
        return b""
