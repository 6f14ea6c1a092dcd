"""Captures of a channel's public page: requested, run through the engine, stored, verified.

Invariant: a capture is `done` only once every file is in storage, re-read from there with
the checksum its manifest records, and the row and its audit entry are committed together.
Anything less ends `failed` with a reason, and what was already stored is removed again.
The Django layer never fetches anything itself; only the engine does, under conf.capture_policy().
"""

import errno
import logging
import queue
import shutil
import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tillit.access.actor import SCHEDULER, Actor, allowed, as_actor, person_of
from tillit.access.queryset import allows
from tillit.audit.services import audit_record
from tillit.channels.models import Channel
from tillit.core.exceptions import NotFound
from tillit.core.messages import Message
from tillit.organisation.models import Person
from tillit.organisation.notify import notify
from tillit.organisation.selectors import managers_of

from .. import conf
from ..capture import CaptureFailed, CaptureResult, capture_page, verify_manifest
from ..capture.manifest import sha256_file
from ..choices import IN_FLIGHT, CaptureReason, JobState
from ..models import Capture
from ..permissions import can_request_capture
from ..selectors import channels_due
from .jobs import mark_failed
from .schedules import schedule_after_capture, schedule_ensure
from .storage import storage_delete, storage_save, storage_sha256

logger = logging.getLogger(__name__)
Progress = Callable[[str, float], None]
MANIFEST_ENTRY = {"media_type": "application/json", "format": "Tillit capture manifest 1"}


@transaction.atomic
def capture_request(
    *,
    actor: Actor | Person,
    channel: Channel,
    reason: str,
    note: str = "",
    enqueue: bool = True,
) -> Capture:
    """Queue a capture of the channel's page; a scheduled or closing one joins one under way."""
    channel = Channel.objects.select_for_update().get(pk=channel.pk)
    note = note.strip()
    who = as_actor(actor)
    if not allowed(who, "capture.request", lambda a: can_request_capture(a, channel)):
        raise NotFound
    if reason == CaptureReason.ON_DEMAND and not note:
        raise ValidationError({"note": _("Say which change the capture is taken before.")})
    running = channel.captures.filter(state__in=IN_FLIGHT).first()
    if running is not None:
        if reason == CaptureReason.ON_DEMAND:
            raise ValidationError(_("A capture of this channel is already under way."))
        return running
    capture = Capture.objects.create(
        channel=channel,
        reason=reason,
        note=note,
        requested_by=person_of(actor),
        url=channel.url,
        stage="queued",
    )
    audit_record(
        actor=actor,
        action="archive.capture_requested",
        obj=capture,
        detail={"channel": str(channel.public_id), "reason": reason, "note": note},
    )
    if enqueue:
        from ..tasks import run_capture

        transaction.on_commit(lambda: run_capture.enqueue(capture.pk))
    return capture


def capture_before_close(channel: Channel, actor: Actor | Person) -> Capture:
    """The capture a channel gets before it closes; call from the close step's transaction."""
    return capture_request(
        actor=actor,
        channel=channel,
        reason=CaptureReason.BEFORE_CLOSE,
        note=_("Captured before the channel was closed."),
    )


def capture_close_problems(channel: Channel) -> list[str]:
    """Why a closed channel may not be archived yet: its closing capture is missing or unfinished."""
    closing = channel.captures.filter(reason=CaptureReason.BEFORE_CLOSE).order_by("-requested_at")
    latest = closing.first()
    if latest is None:
        return [str(_("The channel has no capture from before it was closed."))]
    if latest.state != JobState.DONE and not closing.filter(state=JobState.DONE).exists():
        return [str(_("The capture taken before closing has not finished."))]
    return []


def lifecycle_check(channel: Channel, step: str) -> list[str]:
    """Registered lifecycle check: archiving needs the finished closing capture (LEGAL.md)."""
    return capture_close_problems(channel) if step == "archive" else []


def lifecycle_effect(channel: Channel, step: str, actor) -> None:
    """Registered lifecycle effect: closing queues the capture in the close's transaction."""
    if step == "close":
        capture_before_close(channel, actor)


def capture_run(capture_id: int, *, progress: Progress | None = None) -> Capture | None:
    """Run one queued capture to `done` or `failed`; a capture already claimed is left alone."""
    claimed = Capture.objects.filter(pk=capture_id, state=JobState.QUEUED).update(
        state=JobState.RUNNING, started_at=timezone.now(), stage="launch", progress=0
    )
    if not claimed:
        return Capture.objects.filter(pk=capture_id).first()
    capture = Capture.objects.select_related("channel").get(pk=capture_id)
    report = _reporter(capture, progress)
    work = Path(tempfile.mkdtemp(prefix="tillit-capture-"))
    stored: list[str] = []
    try:
        result = _run_engine(capture, work / "capture", report)
        report("verify", 0.92)
        problems = verify_manifest(result.directory)
        if problems:
            raise CaptureFailed("the capture does not match its manifest: " + _join(problems))
        report("store", 0.95)
        files = _store(capture, result, stored)
        _mark_done(capture, result, files)
        report("done", 1.0)
    except CaptureFailed as exc:
        storage_delete(stored)
        _mark_failed(capture, exc.reason)
    except Exception as exc:  # any other fault still ends as a failed capture with a reason
        logger.exception("capture %s failed", capture.public_id)
        storage_delete(stored)
        _mark_failed(capture, f"unexpected error: {type(exc).__name__}: {exc}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return Capture.objects.get(pk=capture_id)


def _reporter(capture: Capture, outer: Progress | None) -> Progress:
    """Write progress to the row (never backwards) and pass it on to the caller's callback."""
    last = {"percent": -1}

    def report(stage: str, fraction: float) -> None:
        percent = max(0, min(100, int(fraction * 100)))
        if percent >= last["percent"]:
            last["percent"] = percent
            Capture.objects.filter(pk=capture.pk, state=JobState.RUNNING).update(
                progress=percent, stage=stage[:40]
            )
        if outer is not None:
            outer(stage, fraction)

    return report


def _run_engine(capture: Capture, out: Path, report: Progress) -> CaptureResult:
    """Run the engine in a thread and relay its progress to this thread.

    The engine reports from inside its own event loop, where Django refuses database calls;
    so its callback only queues the progress, and this thread (the task's, with the task's
    database connection) writes it.
    """
    updates: queue.Queue = queue.Queue()
    with ThreadPoolExecutor(1, thread_name_prefix="tillit-capture") as pool:
        future = pool.submit(
            capture_page,
            capture.url,
            out,
            policy=conf.capture_policy(),
            timeout_s=conf.capture_timeout_s(),
            max_bytes=conf.capture_max_bytes(),
            progress=lambda stage, fraction: updates.put((stage, fraction)),
            executable_path=conf.chromium_path(),
        )
        while not (future.done() and updates.empty()):
            try:
                stage, fraction = updates.get(timeout=0.25)
            except queue.Empty:
                continue
            if stage != "done":  # "done" means stored and verified here, not just written
                report(stage, min(fraction, 0.9))
        return future.result()


def _store(capture: Capture, result: CaptureResult, stored: list[str]) -> dict:
    """Save every file to storage, re-read each, and compare it with the manifest's checksum."""
    prefix = capture_prefix(capture)
    listed = {entry["path"]: entry for entry in result.manifest["files"]}
    files = {}
    try:
        for role, path in result.files.items():
            if role == "manifest":
                entry = {**MANIFEST_ENTRY, "size": path.stat().st_size, "sha256": sha256_file(path)}
            else:
                entry = dict(listed[path.name])
            name = storage_save(prefix + path.name, path)
            stored.append(name)
            if storage_sha256(name) != entry["sha256"]:
                raise CaptureFailed(f"the stored copy of {path.name} does not match its checksum")
            files[role] = {**entry, "path": path.name, "name": name}
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise CaptureFailed(f"disk full while storing the files: {exc}") from exc
        raise CaptureFailed(f"storing the files failed: {exc}") from exc
    return files


def capture_prefix(capture: Capture) -> str:
    """Where in storage one capture's files live."""
    return f"{conf.storage_prefix()}/captures/{capture.channel.public_id}/{capture.public_id}/"


@transaction.atomic
def _mark_done(capture: Capture, result: CaptureResult, files: dict) -> None:
    locked = Capture.objects.select_for_update().get(pk=capture.pk)
    if locked.state != JobState.RUNNING:
        raise CaptureFailed("the capture was ended elsewhere while it ran")
    now = timezone.now()
    locked.state = JobState.DONE
    locked.progress = 100
    locked.stage = "done"
    locked.finished_at = now
    locked.final_url = result.final_url[:2000]
    locked.title = result.title[:500]
    locked.files = files
    locked.manifest = result.manifest
    locked.manifest_sha256 = files["manifest"]["sha256"]
    locked.save()
    schedule_after_capture(capture.channel, now)
    audit_record(
        actor=SCHEDULER,
        action="archive.capture_done",
        obj=locked,
        detail={
            "channel": str(capture.channel.public_id),
            "url": capture.url,
            "sha256": {f["path"]: f["sha256"] for f in files.values()},
        },
    )


@transaction.atomic
def _mark_failed(capture: Capture, reason: str) -> None:
    locked = mark_failed(Capture.objects.select_related("channel"), capture.pk, reason)
    if locked is None:
        return
    audit_record(
        actor=SCHEDULER,
        action="archive.capture_failed",
        obj=locked,
        detail={"channel": str(locked.channel.public_id), "reason": reason[:1000]},
    )
    if locked.reason != CaptureReason.SCHEDULED:
        # Scheduled failures are retried and surface as "overdue"; a requested one needs a person.
        people = [*managers_of(locked.channel.department)]
        if locked.requested_by is not None:
            people.append(locked.requested_by)
        notify(
            people=people,
            subject=Message(
                gettext_lazy("%(channel)s: the archive capture failed"),
                channel=locked.channel.name,
            ),
            body=reason,
            url=f"/arkiv/fangst/{locked.public_id}/",
        )


def _join(problems) -> str:
    return "; ".join(str(p) for p in problems[:10])


@transaction.atomic
def capture_verify(*, actor: Actor | Person, capture: Capture) -> list[str]:
    """Recompute every stored file's SHA-256, record and audit the outcome; return the problems."""
    capture = Capture.objects.select_for_update().select_related("channel").get(pk=capture.pk)
    # Whoever may see the capture may re-check it; the outcome is audited either way.
    if not allowed(as_actor(actor), "capture.verify", lambda a: allows(a, "view", capture)):
        raise NotFound
    if capture.state != JobState.DONE:
        raise ValidationError(_("Only a finished capture can be verified."))
    problems = []
    for entry in capture.files.values():
        try:
            actual = storage_sha256(entry["name"])
        except OSError:
            problems.append(f"{entry['path']}: missing")
            continue
        if actual != entry["sha256"]:
            problems.append(f"{entry['path']}: sha256")
    capture.verified_at = timezone.now()
    capture.verified_ok = not problems
    capture.verify_problems = problems
    capture.save(update_fields=["verified_at", "verified_ok", "verify_problems"])
    audit_record(
        actor=actor,
        action="archive.capture_verified",
        obj=capture,
        detail={"ok": not problems, "problems": problems},
    )
    return problems


def captures_fail_stale(now: datetime | None = None) -> int:
    """Fail captures whose worker died mid-run and remove whatever they had stored."""
    now = now or timezone.now()
    stale = Capture.objects.filter(
        state=JobState.RUNNING, started_at__lt=now - conf.stale_after()
    ).select_related("channel")
    count = 0
    for capture in stale:
        _remove_prefix(capture_prefix(capture))
        _mark_failed(capture, "the worker stopped during the capture")
        count += 1
    return count


def _remove_prefix(prefix: str) -> None:
    try:
        _dirs, names = default_storage.listdir(prefix)
    except (OSError, NotImplementedError):
        return
    storage_delete(prefix + name for name in names)


def captures_run_due(now: datetime | None = None) -> int:
    """Queue a scheduled capture for each due channel; failed ones retry after a pause."""
    now = now or timezone.now()
    queued = 0
    for channel in channels_due(now):
        if channel.captures.filter(state__in=IN_FLIGHT).exists():
            continue
        if channel.captures.filter(
            state=JobState.FAILED, finished_at__gt=now - conf.retry_after()
        ).exists():
            continue
        schedule_ensure(channel, due=now)
        capture_request(actor=SCHEDULER, channel=channel, reason=CaptureReason.SCHEDULED)
        queued += 1
    return queued
