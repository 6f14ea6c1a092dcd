"""Ingest directly from connector dataclasses: threads, removal by the platform, attachments."""

from datetime import UTC, datetime

import pytest

from tillit.connectors.base import Attachment as InAttachment
from tillit.connectors.base import Author, InboundItem, ItemKind
from tillit.inbox.models import Attachment, Item
from tillit.inbox.services.ingest import ingest_items, items_mark_removed_by_platform
from tillit.inbox.services.outbox import CaptureIncomplete, action_request

pytestmark = pytest.mark.django_db
WHEN = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)


def inbound(pid: str, text: str = "Hej", parent: str | None = None, **kw) -> InboundItem:
    return InboundItem(
        platform_id=pid,
        kind=kw.pop("kind", ItemKind.COMMENT),
        is_public=True,
        text=text,
        author=Author("a1", "Anna", "@anna", "https://x.example/anna"),
        received_at=WHEN,
        parent_platform_id=parent,
        raw={"id": pid},
        **kw,
    )


def test_reply_before_parent_is_linked_when_parent_arrives(fb_channel):
    ingest_items(channel=fb_channel, items=[inbound("c2", parent="c1", kind=ItemKind.REPLY)])
    ingest_items(channel=fb_channel, items=[inbound("c1")])
    assert Item.objects.get(platform_id="c2").parent == Item.objects.get(platform_id="c1")


def test_removed_by_platform_is_marked_not_dropped(fb_channel):
    ingest_items(channel=fb_channel, items=[inbound("c1"), inbound("c2")])
    assert items_mark_removed_by_platform(channel=fb_channel, platform_ids=["c1"]) == 1
    item = Item.objects.get(platform_id="c1")
    assert item.removed_by_platform_at is not None and item.text == "Hej"
    assert Item.objects.count() == 2


def test_capture_before_action_refuses_hide_until_attachments_settle(
    org, fb_channel, monkeypatch, tasks_held
):
    from tillit.inbox.services import attachments

    monkeypatch.setattr(attachments, "_download", lambda url, limit: (b"PNGDATA", ""))
    ingest_items(
        channel=fb_channel,
        items=[
            inbound("c1", attachments=(InAttachment("https://cdn.example/p.png", "image/png"),))
        ],
    )
    item = Item.objects.get()
    assert not item.capture_complete
    with pytest.raises(CaptureIncomplete):
        action_request(actor=org["staff_1"], channel=fb_channel, kind="hide", item=item)
    attachments.attachments_fetch(item.pk)
    item.refresh_from_db()
    assert item.capture_complete
    stored = Attachment.objects.get()
    assert stored.fetch_state == "stored" and len(stored.sha256) == 64
    action_request(
        actor=org["staff_1"], channel=fb_channel, kind="hide", item=item, idempotency_key="k1"
    )


def test_oversized_attachment_keeps_metadata_only(fb_channel, settings, tasks_held):
    from tillit.inbox.services import attachments

    settings.TILLIT_ATTACHMENT_MAX_BYTES = 10
    ingest_items(
        channel=fb_channel,
        items=[
            inbound(
                "c1",
                attachments=(InAttachment("https://cdn.example/v.mp4", "video/mp4", size=10**9),),
            )
        ],
    )
    attachments.attachments_fetch(Item.objects.get().pk)
    att = Attachment.objects.get()
    assert att.fetch_state == "too_large" and att.url.endswith("v.mp4")
    assert Item.objects.get().capture_complete


def test_own_posts_need_no_attention(fb_channel):
    ingest_items(channel=fb_channel, items=[inbound("p1", kind=ItemKind.OWN_POST)])
    assert Item.objects.get().status == "handled"


def test_credentials_are_encrypted_and_never_audited(fb_channel):
    from tillit.audit.models import AuditEntry
    from tillit.inbox.models import Connection

    connection = Connection.objects.get()
    assert b"EAAB-secret-token" not in bytes(connection.config_encrypted)
    for entry in AuditEntry.objects.all():
        assert "EAAB-secret-token" not in str(entry.detail)


def test_attachment_urls_are_fetched_safely(fb_channel, settings, tasks_held):
    """A payload's attachment URL pointing inside the network is refused, not fetched."""
    from tillit.inbox.services import attachments

    ingest_items(
        channel=fb_channel,
        items=[
            inbound(
                "c1",
                attachments=(
                    InAttachment("http://169.254.169.254/latest/meta-data/", "image/png"),
                    InAttachment("http://127.0.0.1:9/x.png", "image/png"),
                ),
            )
        ],
    )
    attachments.attachments_fetch(Item.objects.get().pk)
    states = set(Attachment.objects.values_list("fetch_state", "fetch_detail"))
    assert all(state == "failed" and detail.startswith("refused") for state, detail in states), (
        states
    )
    assert Item.objects.get().capture_complete  # metadata kept; the record is complete


def test_attachment_bytes_are_stored_from_an_allowed_server(fb_channel, settings, tasks_held):
    import http.server
    import threading

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", "9")
            self.end_headers()
            self.wfile.write(b"\x89PNGDATA!")

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.TILLIT_FETCH_ALLOW_PRIVATE = ["127.0.0.1"]
    try:
        from tillit.inbox.services import attachments

        url = f"http://127.0.0.1:{server.server_address[1]}/p.png"
        ingest_items(
            channel=fb_channel, items=[inbound("c1", attachments=(InAttachment(url, "image/png"),))]
        )
        attachments.attachments_fetch(Item.objects.get().pk)
    finally:
        server.shutdown()
    att = Attachment.objects.get()
    assert att.fetch_state == "stored" and att.size == 9
    assert att.file.read() == b"\x89PNGDATA!"
