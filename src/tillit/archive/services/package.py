"""What goes into a channel's archival package, gathered from the database and storage.

Everything is written to a private temporary folder first and handed to the packaging engine
(build_sip, build_bag), which builds beside the target and renames at the end.
"""

import json
import logging
import re
import tempfile
from collections.abc import Callable
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import cast

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.text import get_valid_filename

from tillit.channels.models import Channel
from tillit.organisation.selectors import organisation_get

from ..choices import CaptureReason, JobState, PackageFormat
from ..packaging import Organisation, PackageFile, PremisEvent, SipSpec, build_bag, build_sip
from .storage import storage_copy_out

logger = logging.getLogger(__name__)
Progress = Callable[[str, float], None]
JSON_FORMAT = ("JSON Data Interchange Format", None, "fmt/817")
PDF_PRONOM = {"1.4": "fmt/18", "1.5": "fmt/19", "1.6": "fmt/20", "1.7": "fmt/276"}
CAPTURE_FORMATS = {
    "screenshot.png": ("Portable Network Graphics", "1.2", "fmt/13"),
    "capture.warc.gz": ("WARC", "1.1", "fmt/1355"),
    "capture.wacz": ("Web Archive Collection Zipped", "1.1.1", None),
    "manifest.json": JSON_FORMAT,
}


def package_id_for(channel: Channel, when: datetime) -> str:
    """A unique, folder-safe package id: the channel's public id and the time in UTC."""
    return f"tillit-{channel.public_id}-{when.astimezone(UTC):%Y%m%dT%H%M%SZ}"


def build_channel_package(
    channel: Channel,
    out_dir: Path,
    *,
    fmt: str = PackageFormat.SIP,
    agent: str = "",
    progress: Progress | None = None,
    created: datetime | None = None,
) -> Path:
    """Write the channel's package as out_dir/<package id> (a SIP folder or a bag) and return it."""
    report = progress or (lambda stage, fraction: None)
    created = created or timezone.now()
    package_id = package_id_for(channel, created)
    with tempfile.TemporaryDirectory(prefix="tillit-package-") as tmp:
        work = Path(tmp)
        report("collect", 0.02)
        collected = _Collector(channel, work / "data").collect()
        report("collect", 0.1)
        events = [
            *collected.events,
            PremisEvent(
                "export",
                created,
                f"Archival package of the channel {channel.name} ({channel.url}) "
                f"as {PackageFormat(fmt).label}",
                agent_name=agent,
                agent_type="person" if agent else "software",
            ),
        ]
        organisation = organisation_get()
        creator = Organisation(
            name=", ".join(
                n for n in (organisation.name if organisation else "", channel.committee.name) if n
            ),
            org_number=(organisation.org_number if organisation else "") or "unknown",
        )
        spec = SipSpec(
            package_id=package_id,
            label=f"{creator.name}: {channel.name} ({channel.platform.name}), {created:%Y-%m-%d}",
            creator=creator,
            files=collected.files,
            events=events,
            erms_xml=collected.erms,
            content_category="Mixed",
            created=created,
        )
        if fmt == PackageFormat.SIP:
            return build_sip(spec, out_dir, progress=_scaled(report, 0.1, 1.0))
        sip = build_sip(spec, work / "sip", progress=_scaled(report, 0.1, 0.7))
        report("bag", 0.7)
        return build_bag(
            sip,
            Path(out_dir) / package_id,
            info={
                "External-Identifier": package_id,
                "External-Description": spec.label,
                "Source-Organization": creator.name,
                "Organization-Address": creator.org_number,
            },
            progress=_scaled(report, 0.7, 1.0),
        )


def _scaled(report: Progress, start: float, end: float) -> Progress:
    def inner(stage: str, fraction: float) -> None:
        report(stage, start + (end - start) * max(0.0, min(1.0, fraction)))

    return inner


class _Collected:
    def __init__(self) -> None:
        self.files: list[PackageFile] = []
        self.events: list[PremisEvent] = []
        self.erms: Path | None = None


class _Collector:
    """Writes the channel's records under root and lists them as package files."""

    def __init__(self, channel: Channel, root: Path) -> None:
        self.channel = channel
        self.root = root
        self.out = _Collected()

    def collect(self) -> _Collected:
        self.root.mkdir(parents=True)
        self._json("channel.json", _channel_data(self.channel))
        self._items()
        self._json("moderation/decisions.json", _decisions(self.channel))
        self._json("moderation/blocks.json", _blocks(self.channel))
        registrations = _optional(
            "tillit.records.export", "registrations_for_channel", self.channel
        )
        if registrations is not None:
            self._json("records/registrations.json", registrations)
        erms = _optional("tillit.records.export", "erms_for_channel", self.channel)
        if erms:
            self.out.erms = self.root.parent / "erms.xml"
            self.out.erms.write_bytes(erms)
        disposals = _optional(
            "tillit.retention.selectors", "disposal_log_for_channel", self.channel
        )
        if disposals is not None:
            self._json("retention/disposal-log.json", disposals)
            self.out.events += [_disposal_event(entry) for entry in disposals]
        self._captures()
        self._json("audit/audit-head.json", _audit_head())
        self._json("audit/audit-checkpoints.json", _audit_checkpoints(self.channel))
        return self.out

    def _add(self, path: str, media_type: str, fmt=(None, None, None)) -> None:
        name, version, pronom = fmt
        self.out.files.append(
            PackageFile(self.root / path, path, media_type, name, version, pronom)
        )

    def _json(self, path: str, data) -> None:
        target = self.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(
            json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1), encoding="utf-8"
        )
        self._add(path, "application/json", JSON_FORMAT)

    def _items(self) -> None:
        from tillit.inbox.models import Item

        items = []
        qs = (
            Item.objects.filter(channel=self.channel)
            .select_related("author", "parent")
            .prefetch_related("versions", "attachments")
            .order_by("received_at", "id")
        )
        for item in qs.iterator(chunk_size=500):
            data = _item_data(item)
            for attachment, entry in zip(item.attachments.all(), data["attachments"], strict=True):
                if attachment.file and attachment.file.name:
                    path = (
                        f"attachments/{item.pk}/{attachment.pk}-"
                        f"{get_valid_filename(Path(attachment.file.name).name) or 'file'}"
                    )
                    try:
                        storage_copy_out(attachment.file.name, self.root / path)
                    except OSError as exc:
                        entry["package_path"] = None
                        entry["package_problem"] = f"not readable from storage: {exc}"
                        continue
                    self._add(path, attachment.media_type or "application/octet-stream")
                    entry["package_path"] = path
            items.append(data)
        self._json("items/items.json", items)

    def _captures(self) -> None:
        captures = self.channel.captures.filter(state=JobState.DONE).select_related("requested_by")
        for capture in captures.order_by("finished_at"):
            finished_at = cast(datetime, capture.finished_at)  # a done job has finished
            folder = f"captures/{finished_at.astimezone(UTC):%Y%m%dT%H%M%SZ}-{str(capture.public_id)[:8]}"
            paths = []
            for entry in capture.files.values():
                path = f"{folder}/{entry['path']}"
                storage_copy_out(entry["name"], self.root / path)
                fmt = CAPTURE_FORMATS.get(entry["path"])
                if entry["path"] == "page.pdf":
                    version = re.search(r"PDF (\d\.\d)", entry.get("format", ""))
                    number = version.group(1) if version else None
                    fmt = ("Portable Document Format", number, PDF_PRONOM.get(number or ""))
                self._add(path, entry["media_type"], fmt or (None, None, None))
                paths.append(path)
            person = capture.requested_by
            self.out.events.append(
                PremisEvent(
                    "capture",
                    finished_at,
                    f"{CaptureReason(capture.reason).label} capture of {capture.url}"
                    + (f": {capture.note}" if capture.note else ""),
                    agent_name=person.name if person else "",
                    agent_type="person" if person else "software",
                    files=paths,
                )
            )
            if capture.verified_at is not None:
                self.out.events.append(
                    PremisEvent(
                        "fixity check",
                        capture.verified_at,
                        "SHA-256 of every stored file recomputed",
                        outcome="success" if capture.verified_ok else "failure",
                        files=paths,
                    )
                )


def _optional(module: str, name: str, channel: Channel):
    """Call another app's export hook when it exists; None while that app has none yet."""
    try:
        hook = getattr(__import__(module, fromlist=[name]), name)
    except (ImportError, AttributeError):
        return None
    return hook(channel)


def _channel_data(channel: Channel) -> dict:
    return {
        "public_id": channel.public_id,
        "name": channel.name,
        "platform": channel.platform.name,
        "url": channel.url,
        "department": channel.department.name,
        "committee": channel.committee.name,
        "status": channel.status,
        "purpose": channel.purpose,
        "plan": {
            "why": channel.plan_why,
            "goal": channel.plan_goal,
            "audience": channel.plan_audience,
            "outcome": channel.plan_outcome,
            "operation": channel.plan_operation,
        },
        "created_at": channel.created_at,
        "lifecycle": [
            {
                "at": e.at,
                "action": e.action,
                "from": e.from_status,
                "to": e.to_status,
                "by": e.actor.name if e.actor else None,
                "comment": e.comment,
            }
            for e in channel.events.select_related("actor")
        ],
        "mandates": [
            {
                "person": m.person.name,
                "role": m.role,
                "valid_from": m.valid_from,
                "valid_until": m.valid_until,
                "granted_by": m.granted_by.name,
                "revoked_at": m.revoked_at,
            }
            for m in channel.mandates.select_related("person", "granted_by")
        ],
    }


def _item_data(item) -> dict:
    author = item.author
    return {
        "platform_id": item.platform_id,
        "kind": item.kind,
        "is_public": item.is_public,
        "text": item.text,
        "text_format": item.text_format,
        "author": {
            "platform_id": author.platform_id,
            "display_name": author.display_name,
            "handle": author.handle,
            "profile_url": author.profile_url,
        },
        "is_own": item.is_own,
        "received_at": item.received_at,
        "first_seen_at": item.first_seen_at,
        "edited_at": item.edited_at,
        "parent_platform_id": item.parent_platform_id,
        "thread_platform_id": item.thread_platform_id,
        "permalink": item.permalink,
        "version": item.version,
        "status": item.status,
        "is_hidden": item.is_hidden,
        "is_deleted": item.is_deleted,
        "removed_by_platform_at": item.removed_by_platform_at,
        "captured_at": item.captured_at,
        "raw": item.raw,
        "versions": [
            {
                "version": v.version,
                "text": v.text,
                "edited_at": v.edited_at,
                "recorded_at": v.recorded_at,
                "raw": v.raw,
            }
            for v in item.versions.all()
        ],
        "attachments": [
            {
                "url": a.url,
                "media_type": a.media_type,
                "name": a.name,
                "size": a.size,
                "sha256": a.sha256,
                "fetch_state": a.fetch_state,
                "package_path": None,
            }
            for a in item.attachments.all()
        ],
    }


def _decisions(channel: Channel) -> list[dict]:
    from tillit.moderation.models import Decision

    qs = (
        Decision.objects.filter(item__channel=channel)
        .select_related("item", "rule", "decided_by", "reviewed_by", "action")
        .order_by("decided_at", "id")
    )
    return [
        {
            "id": d.pk,
            "item_platform_id": d.item.platform_id,
            "kind": d.kind,
            "rule": {"code": d.rule.code, "title": d.rule.title} if d.rule else None,
            "tier": d.tier,
            "snapshot": d.snapshot,
            "decided_by": d.decided_by.name if d.decided_by else None,
            "automatic": d.automatic,
            "decided_at": d.decided_at,
            "note": d.note,
            "author_told": d.author_told,
            "report_reference": d.report_reference,
            "platform_action": (
                {
                    "kind": d.action.kind,
                    "state": d.action.state,
                    "completed_at": d.action.completed_at,
                }
                if d.action
                else None
            ),
            "reviewed_by": d.reviewed_by.name if d.reviewed_by else None,
            "reviewed_at": d.reviewed_at,
        }
        for d in qs
    ]


def _blocks(channel: Channel) -> list[dict]:
    qs = channel.blocks.select_related("author", "decision", "decision__decided_by").order_by("id")
    return [
        {
            "author": {
                "platform_id": b.author.platform_id,
                "display_name": b.author.display_name,
                "handle": b.author.handle,
            },
            "decision_id": b.decision_id,
            "decided_by": b.decision.decided_by.name if b.decision.decided_by else None,
            "decided_at": b.decision.decided_at,
            "reason": b.reason,
            "earlier_violations": b.earlier_violations,
            "review_on": b.review_on,
            "lifted_at": b.lifted_at,
        }
        for b in qs
    ]


def _audit_head() -> dict:
    """The audit chain's newest hash, anchored in the package (ADR 3)."""
    from tillit.audit.models import AuditHead

    head = AuditHead.objects.filter(id=1).first()
    return {
        "note": "Head of Tillit's SHA-256 audit chain when this package was made.",
        "seq": head.count if head else 0,
        "hash": head.last_hash if head else None,
        "at": timezone.now(),
    }


def _audit_checkpoints(channel: Channel) -> dict:
    """Signed checkpoints over the channel's span, a fresh one included (ADR 8)."""
    from tillit.audit.checkpoints import (
        CheckpointError,
        checkpoint_write,
        checkpoints_read,
        checkpoints_since,
    )

    problem = ""
    try:
        checkpoint_write(reason="package")
    except CheckpointError as exc:
        # A broken head must not stop the records from reaching the e-archive; the package
        # says why it carries no fresh checkpoint.
        logger.error("no fresh audit checkpoint for the package: %s", exc)
        problem = str(exc)
    return {
        "note": "Signed checkpoints of Tillit's audit chain since this channel was created; "
        "check with `tillit audit verify --checkpoints audit-checkpoints.json`.",
        "problem": problem,
        "checkpoints": [
            c.as_dict() for c in checkpoints_since(channel.created_at, checkpoints_read())
        ],
    }


def _disposal_event(entry: dict) -> PremisEvent:
    """A disposal log entry as a PREMIS event; the log's own keys vary, so read them leniently."""
    when = None
    for key in ("at", "ran_at", "disposed_at", "date", "finished_at"):
        value = entry.get(key)
        if isinstance(value, datetime):
            when = value
        elif isinstance(value, date):
            when = datetime.combine(value, time(12), tzinfo=UTC)
        elif isinstance(value, str):
            when = parse_datetime(value)
        if when is not None:
            break
    if when is None:
        when = timezone.now()
    elif timezone.is_naive(when):
        when = timezone.make_aware(when, UTC)
    detail = entry.get("detail") or entry.get("description")
    if not detail and "count" in entry:
        decision = entry.get("decision") or {}
        reference = decision.get("reference", "") if isinstance(decision, dict) else decision
        detail = f"{entry['count']} {entry.get('content_class') or entry.get('class', '')} disposed"
        detail += f" under disposal decision {reference}" if reference else ""
    if not detail:
        detail = json.dumps(entry, cls=DjangoJSONEncoder, ensure_ascii=False)
    return PremisEvent("disposal", when, str(detail)[:2000])
