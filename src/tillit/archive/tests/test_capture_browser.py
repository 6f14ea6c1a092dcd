"""A real capture of a page served on 127.0.0.1, through the service, the task and storage."""

import io

import pytest
from django.core.files.storage import default_storage
from PIL import Image
from pypdf import PdfReader
from warcio.archiveiterator import ArchiveIterator

from tillit.access.actor import OPERATOR, SCHEDULER
from tillit.archive.capture.tests.site import needs_chromium
from tillit.archive.services import capture_request, capture_verify
from tillit.channels.models import Channel

pytestmark = [pytest.mark.django_db, pytest.mark.browser, needs_chromium]


def _capture(channel, url, callbacks):
    Channel.objects.filter(pk=channel.pk).update(url=url)
    channel.refresh_from_db()
    with callbacks(execute=True):
        capture = capture_request(actor=SCHEDULER, channel=channel, reason="scheduled")
    capture.refresh_from_db()
    return capture


def _read(entry) -> bytes:
    with default_storage.open(entry["name"], "rb") as fh:
        return fh.read()


def test_capture_of_a_local_page_is_stored_whole(
    active_channel, site, django_capture_on_commit_callbacks
):
    capture = _capture(active_channel, f"{site}/index.html", django_capture_on_commit_callbacks)
    assert capture.state == "done", capture.failure_reason
    with Image.open(io.BytesIO(_read(capture.files["screenshot"]))) as image:
        image.verify()
    pdf = PdfReader(io.BytesIO(_read(capture.files["pdf"])))
    text = " ".join(page.extract_text() for page in pdf.pages)
    assert "Static heading for the archive" in text and "Loaded by script" in text
    responses = {
        r.rec_headers.get_header("WARC-Target-URI")
        for r in ArchiveIterator(io.BytesIO(_read(capture.files["warc"])))
        if r.rec_type == "response"
    }
    assert {f"{site}/index.html", f"{site}/img.png", f"{site}/part.txt"} <= responses
    assert capture.title == "Tillit test page"
    assert {f["path"] for f in capture.manifest["files"]} == {
        "screenshot.png",
        "page.pdf",
        "capture.warc.gz",
        "capture.wacz",
    }
    assert capture_verify(actor=OPERATOR, capture=capture) == []
    with open(default_storage.path(capture.files["warc"]["name"]), "r+b") as fh:
        fh.write(b"X")
    assert capture_verify(actor=OPERATOR, capture=capture) == ["capture.warc.gz: sha256"]


def test_redirect_to_a_private_address_fails_with_the_reason(
    active_channel, site, settings, django_capture_on_commit_callbacks
):
    capture = _capture(active_channel, f"{site}/to-private", django_capture_on_commit_callbacks)
    assert capture.state == "failed"
    assert "10.0.0.1 is a private address" in capture.failure_reason
    assert capture.files == {}
    assert not any(p.is_file() for p in __import__("pathlib").Path(settings.MEDIA_ROOT).rglob("*"))
