"""Captures through the service and the task: stored atomically, checksummed, failing cleanly."""

import errno
import hashlib
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.utils import timezone

from tillit.access.actor import OPERATOR, SCHEDULER
from tillit.archive.capture import FetchPolicy
from tillit.archive.models import Capture, CaptureSchedule
from tillit.archive.services import (
    capture_before_close,
    capture_close_problems,
    capture_request,
    capture_run,
    capture_verify,
)
from tillit.archive.services import captures as captures_service
from tillit.archive.services.captures import captures_fail_stale, captures_run_due
from tillit.audit.models import AuditEntry
from tillit.audit.services import audit_verify
from tillit.core.exceptions import NotFound

pytestmark = pytest.mark.django_db


def stored_files(settings) -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_capture_is_stored_with_matching_checksums(done_capture, fake_engine, settings):
    assert set(done_capture.files) == {"screenshot", "pdf", "warc", "wacz", "manifest"}
    for entry in done_capture.files.values():
        with default_storage.open(entry["name"], "rb") as fh:
            assert hashlib.sha256(fh.read()).hexdigest() == entry["sha256"]
        assert entry["name"].startswith(f"archive/captures/{done_capture.channel.public_id}/")
    assert done_capture.manifest_sha256 == done_capture.files["manifest"]["sha256"]
    assert done_capture.progress == 100 and done_capture.finished_at is not None
    schedule = CaptureSchedule.objects.get(channel=done_capture.channel)
    assert schedule.next_due_at == done_capture.finished_at + timedelta(days=182)
    actions = list(AuditEntry.objects.values_list("action", flat=True))
    assert "archive.capture_requested" in actions and "archive.capture_done" in actions
    assert audit_verify().ok


def test_the_django_layer_passes_the_fetch_policy(done_capture, fake_engine):
    policy = fake_engine[0]["policy"]
    assert isinstance(policy, FetchPolicy) and policy.allow_private == frozenset({"127.0.0.1"})
    assert fake_engine[0]["url"] == done_capture.channel.url


def test_default_policy_allows_no_private_address(settings):
    from tillit.archive import conf

    del settings.TILLIT_CAPTURE_ALLOW_PRIVATE
    assert conf.capture_policy().allow_private == frozenset()


def test_verify_passes_then_detects_a_tampered_file(done_capture):
    assert capture_verify(actor=OPERATOR, capture=done_capture) == []
    name = done_capture.files["pdf"]["name"]
    with open(default_storage.path(name), "ab") as fh:
        fh.write(b"changed")
    assert capture_verify(actor=OPERATOR, capture=done_capture) == ["page.pdf: sha256"]
    done_capture.refresh_from_db()
    assert done_capture.verified_ok is False and done_capture.verify_problems
    assert AuditEntry.objects.filter(action="archive.capture_verified").count() == 2


def test_missing_chromium_fails_with_the_reason_and_stores_nothing(
    active_channel, settings, django_capture_on_commit_callbacks
):
    settings.TILLIT_CHROMIUM = "/nonexistent/chromium"
    with django_capture_on_commit_callbacks(execute=True):
        capture = capture_request(
            actor=OPERATOR, channel=active_channel, reason="on_demand", note="Before the move"
        )
    capture.refresh_from_db()
    assert capture.state == "failed"
    assert "Chromium not found" in capture.failure_reason
    assert capture.files == {} and stored_files(settings) == []
    assert AuditEntry.objects.filter(action="archive.capture_failed").exists()


def test_full_disk_while_storing_leaves_nothing_looking_complete(
    active_channel, fake_engine, settings, monkeypatch
):
    real_save = captures_service.storage_save
    saved: list[str] = []

    def save_then_fill_up(name, source):
        if len(saved) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        saved.append(real_save(name, source))
        return saved[-1]

    monkeypatch.setattr(captures_service, "storage_save", save_then_fill_up)
    capture = capture_request(
        actor=SCHEDULER, channel=active_channel, reason="scheduled", enqueue=False
    )
    ran = capture_run(capture.pk)
    assert ran is not None
    assert ran.state == "failed" and "disk full" in ran.failure_reason
    assert ran.files == {} and ran.manifest_sha256 == ""
    assert stored_files(settings) == []  # the two files already stored were removed


def test_stored_copy_that_differs_fails_the_capture(active_channel, fake_engine, monkeypatch):
    monkeypatch.setattr(captures_service, "storage_sha256", lambda name: "0" * 64)
    capture = capture_request(
        actor=SCHEDULER, channel=active_channel, reason="scheduled", enqueue=False
    )
    ran = capture_run(capture.pk)
    assert ran is not None
    assert ran.state == "failed" and "does not match its checksum" in ran.failure_reason


def test_a_claimed_capture_is_not_run_twice(active_channel, fake_engine):
    capture = capture_request(
        actor=SCHEDULER, channel=active_channel, reason="scheduled", enqueue=False
    )
    capture_run(capture.pk)
    capture_run(capture.pk)
    assert len(fake_engine) == 1


def test_on_demand_needs_a_note_and_a_person_with_the_right(org, active_channel):
    with pytest.raises(ValidationError):
        capture_request(actor=org["manager_a"], channel=active_channel, reason="on_demand")
    with pytest.raises(NotFound):
        capture_request(actor=org["outsider"], channel=active_channel, reason="on_demand", note="x")
    with pytest.raises(NotFound):
        capture_request(actor=org["auditor"], channel=active_channel, reason="on_demand", note="x")
    capture = capture_request(
        actor=org["staff_1"], channel=active_channel, reason="on_demand", note="New banner"
    )
    assert capture.requested_by == org["staff_1"]
    with pytest.raises(ValidationError, match="already under way"):
        capture_request(
            actor=org["manager_a"], channel=active_channel, reason="on_demand", note="y"
        )
    # A scheduled or closing capture joins the one under way instead.
    assert capture_before_close(active_channel, org["manager_a"]) == capture


def test_capture_before_close_and_the_archive_guard(org, active_channel, fake_engine):
    assert capture_close_problems(active_channel)
    capture = capture_before_close(active_channel, org["manager_a"])
    assert capture.reason == "before_close" and capture.state == "queued"
    assert capture_close_problems(active_channel)
    capture_run(capture.pk)
    assert capture_close_problems(active_channel) == []


def test_due_channels_are_captured_and_failures_retry_after_a_pause(
    active_channel, settings, fake_engine, django_capture_on_commit_callbacks
):
    settings.TILLIT_CHROMIUM = "/nonexistent/chromium"
    assert captures_run_due() == 1  # never captured: due at once
    capture = Capture.objects.get()
    capture_run(capture.pk)  # the fake engine does not look at the path, so it succeeds
    assert captures_run_due() == 0  # next due in six months
    schedule = CaptureSchedule.objects.get(channel=active_channel)
    schedule.next_due_at = timezone.now() - timedelta(days=1)
    schedule.save()
    Capture.objects.filter(pk=capture.pk).update(state="failed", finished_at=timezone.now())
    assert captures_run_due() == 0  # failed within the retry pause
    later = timezone.now() + timedelta(hours=25)
    assert captures_run_due(later) == 1


def test_a_capture_whose_worker_died_is_failed_and_cleaned(active_channel, settings):
    capture = capture_request(
        actor=SCHEDULER, channel=active_channel, reason="scheduled", enqueue=False
    )
    prefix = f"archive/captures/{active_channel.public_id}/{capture.public_id}/"
    default_storage.save(prefix + "screenshot.png", __import__("io").BytesIO(b"half"))
    Capture.objects.filter(pk=capture.pk).update(
        state="running", started_at=timezone.now() - timedelta(hours=3)
    )
    assert captures_fail_stale() == 1
    capture.refresh_from_db()
    assert capture.state == "failed" and "worker stopped" in capture.failure_reason
    assert stored_files(settings) == []


def test_command_captures_with_a_progress_bar(active_channel, fake_engine, capsys):
    from django.core.management import call_command

    call_command("archive", "capture", str(active_channel.public_id), "--note", "Before launch")
    out = capsys.readouterr()
    capture = Capture.objects.get()
    assert capture.state == "done" and capture.note == "Before launch"
    assert capture.manifest_sha256 in out.out and "%" in out.err


def test_command_reports_a_failed_capture(active_channel, settings):
    from django.core.management import CommandError, call_command

    settings.TILLIT_CHROMIUM = "/nonexistent/chromium"
    with pytest.raises(CommandError, match="Chromium not found"):
        call_command("archive", "capture", str(active_channel.public_id), "--no-progress")
