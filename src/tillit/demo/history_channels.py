"""The history's channel side: when the running channels started, and their captures (R22).

A channel with half a year of posts did not start today: its lifecycle steps, its mandates
and the comment policy it applies are moved back to before the history. Each running
channel was captured when it started and again six months later, except the library,
whose second capture was missed (overdue, as the archive demo shows); the traffic page also
has a capture taken before a big change. Captures are small but real: a picture of the page
and a manifest, stored with their checksums, so verifying them passes.
"""

import io
import json
import tempfile
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

from django.utils import timezone

from tillit.access.actor import SCHEDULER
from tillit.archive.capture.manifest import describe_file, sha256_file, write_manifest
from tillit.archive.choices import CaptureReason, JobState
from tillit.archive.models import DEFAULT_INTERVAL_DAYS, Capture
from tillit.archive.services.captures import MANIFEST_ENTRY, capture_prefix
from tillit.archive.services.schedules import schedule_after_capture
from tillit.archive.services.storage import storage_save
from tillit.audit.services import audit_record
from tillit.channels.models import Channel, ChannelEvent, Mandate
from tillit.moderation.models import ChannelPolicy, PolicyVersion
from tillit.organisation.models import Person

from . import history_plan as hp

#: The running channels went live this many days before the load, a day apart.
ACTIVE_SINCE_DAYS = 230
#: Whose six-monthly capture was missed (as in archive_data: the overdue one).
MISSED = "Piteå bibliotek"
BEFORE_CHANGE = ("Piteå kommun Samhällsbyggnad", 100, "Före byte av profil- och omslagsbild.")


def load_history_archive(plan: hp.HistoryPlan, written: dict, counts: Counter) -> None:
    """Move the running channels' start back and give them their captures."""
    names = [p.channel for p in hp.PROFILES]
    channels = Channel.objects.filter(name__in=names, status="active").select_related("department")
    earliest = plan.now
    for n, channel in enumerate(sorted(channels, key=lambda c: names.index(c.name))):
        started = plan.now - timedelta(days=ACTIVE_SINCE_DAYS - n)
        earliest = min(earliest, started)
        _backdate_lifecycle(channel, started)
        _captures(channel, started, plan.now, counts)
    # The policy the decisions cite was published before the first channel started.
    published = earliest - timedelta(days=10)
    PolicyVersion.objects.filter(published_at__isnull=False).update(
        published_at=published, created_at=published, updated_at=published
    )
    ChannelPolicy.objects.filter(channel__in=channels).update(
        created_at=published, updated_at=published
    )


def _backdate_lifecycle(channel: Channel, started: datetime) -> None:
    """Proposed two weeks before going live; each step a day or two apart."""
    events = list(channel.events.order_by("at", "pk"))
    for back, event in enumerate(reversed(events)):
        ChannelEvent.objects.filter(pk=event.pk).update(at=started - timedelta(days=2 * back))
    first = started - timedelta(days=2 * len(events))
    Channel.objects.filter(pk=channel.pk).update(
        created_at=first, status_changed_at=started, updated_at=started
    )
    # The mandates the history's administrators act under held from the start.
    Mandate.objects.filter(channel=channel, revoked_at__isnull=True).update(
        valid_from=timezone.localtime(started).date(), created_at=started
    )


def _captures(channel: Channel, started: datetime, now: datetime, counts: Counter) -> None:
    first = started + timedelta(hours=1)
    interval = timedelta(days=DEFAULT_INTERVAL_DAYS)
    taken = [(first, CaptureReason.SCHEDULED, "")]
    due = first + interval
    if channel.name == BEFORE_CHANGE[0]:
        before = now - timedelta(days=BEFORE_CHANGE[1])
        taken.append((before, CaptureReason.ON_DEMAND, BEFORE_CHANGE[2]))
        due = max(due, before + interval)  # every capture moves the schedule on
    if channel.name != MISSED and due + timedelta(hours=2) <= now:
        taken.append((due + timedelta(hours=2), CaptureReason.SCHEDULED, ""))
    requester = Person.objects.filter(user__username="info.samhall").first()
    for at, reason, note in sorted(taken):
        _capture(channel, at, reason, note, requester if note else None)
        counts[f"{channel.name}: captures {reason}"] += 1
    if channel.name == MISSED:
        counts[f"{channel.name}: captures missed"] += 1


def _capture(channel: Channel, at: datetime, reason: str, note: str, requester) -> Capture:
    """A finished capture at `at`: its files stored and checksummed, the schedule moved on."""
    finished = at + timedelta(seconds=40)
    capture = Capture(
        channel=channel,
        reason=reason,
        note=note,
        requested_by=requester,
        url=channel.url,
        final_url=channel.url,
        title=channel.name,
        state=JobState.DONE,
        progress=100,
        stage="done",
        started_at=at,
        finished_at=finished,
    )
    with tempfile.TemporaryDirectory(prefix="tillit-history-") as tmp:
        root = Path(tmp)
        (root / "screenshot.png").write_bytes(_picture(channel.name))
        shot = describe_file(root, "screenshot.png", "image/png", "PNG")
        manifest = {
            "url": channel.url,
            "final_url": channel.url,
            "title": channel.name,
            "http_status": 200,
            "captured_at": at.isoformat(),
            "completed_at": finished.isoformat(),
            "browser": "Chromium (demo)",
            "tool": "Tillit demo history",
            "requests": {"fetched": 1, "refused": 0, "failed": 0},
            "refused": [],
            "files": [shot],
        }
        path = write_manifest(root, manifest)
        prefix = capture_prefix(capture)
        files = {
            "screenshot": {
                **shot,
                "name": storage_save(prefix + "screenshot.png", root / "screenshot.png"),
            },
            "manifest": {
                **MANIFEST_ENTRY,
                "path": path.name,
                "size": path.stat().st_size,
                "sha256": sha256_file(path),
                "name": storage_save(prefix + path.name, path),
            },
        }
        capture.manifest = json.loads(path.read_text(encoding="utf-8"))
    capture.files = files
    capture.manifest_sha256 = files["manifest"]["sha256"]
    capture.save()
    Capture.objects.filter(pk=capture.pk).update(requested_at=at - timedelta(minutes=1))
    schedule_after_capture(channel, finished)
    audit_record(
        actor=requester or SCHEDULER,
        action="archive.capture_requested",
        obj=capture,
        detail={
            "channel": str(channel.public_id),
            "reason": reason,
            "note": note,
            "at": at.isoformat(),
        },
    )
    audit_record(
        actor=SCHEDULER,
        action="archive.capture_done",
        obj=capture,
        detail={
            "channel": str(channel.public_id),
            "url": capture.url,
            "sha256": {f["path"]: f["sha256"] for f in files.values()},
            "at": finished.isoformat(),
        },
    )
    return capture


def _picture(title: str) -> bytes:
    """A plain picture of a page: a header, a title bar and lines of text."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (800, 500), (250, 250, 250))
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 0, 800, 60], fill=(24, 119, 242))
    draw.text((20, 20), title, fill=(255, 255, 255))
    for row in range(8):
        draw.rectangle(
            [20, 90 + row * 45, 600 - (row % 3) * 120, 110 + row * 45], fill=(210, 214, 220)
        )
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
