"""Archival exports of a channel: from the command line to a folder, or from the web as a zip."""

import logging
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tillit.access.actor import SCHEDULER, Actor, allowed, as_actor, person_of
from tillit.audit.services import audit_record
from tillit.channels.models import Channel
from tillit.core.exceptions import NotFound
from tillit.organisation.models import Person

from .. import conf
from ..choices import IN_FLIGHT, JobState, PackageFormat
from ..models import Export
from ..permissions import can_export
from .jobs import mark_failed
from .package import build_channel_package
from .storage import storage_delete, storage_save, storage_sha256

logger = logging.getLogger(__name__)
Progress = Callable[[str, float], None]


def channel_export(
    *,
    actor: Actor | Person,
    channel: Channel,
    out_dir: Path,
    fmt: str = PackageFormat.SIP,
    progress: Progress | None = None,
) -> Path:
    """Write the channel's archival package into out_dir and audit it; return the package path."""
    who = as_actor(actor)
    if not allowed(who, "archive.export", lambda a: can_export(a, channel)):
        raise NotFound
    path = build_channel_package(channel, Path(out_dir), fmt=fmt, agent=str(who), progress=progress)
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="archive.exported",
            obj=channel,
            detail={"package": path.name, "format": fmt, "to": "folder"},
        )
    return path


@transaction.atomic
def export_request(*, actor: Actor | Person, channel: Channel, fmt: str) -> Export:
    """Queue a package of the channel for download (archivists and org admins)."""
    if not can_export(as_actor(actor), channel):
        raise NotFound
    if fmt not in PackageFormat.values:
        raise ValidationError(_("Unknown package format."))
    channel = Channel.objects.select_for_update().get(pk=channel.pk)
    if channel.exports.filter(state__in=IN_FLIGHT).exists():
        raise ValidationError(_("An export of this channel is already under way."))
    export = Export.objects.create(
        channel=channel, format=fmt, requested_by=person_of(actor), stage="queued"
    )
    audit_record(
        actor=actor,
        action="archive.export_requested",
        obj=export,
        detail={"channel": str(channel.public_id), "format": fmt},
    )
    from ..tasks import run_export

    transaction.on_commit(lambda: run_export.enqueue(export.pk))
    return export


def export_run(export_id: int) -> Export | None:
    """Build a queued export, zip it into storage and mark it done; or failed, leaving nothing."""
    claimed = Export.objects.filter(pk=export_id, state=JobState.QUEUED).update(
        state=JobState.RUNNING, started_at=timezone.now(), stage="collect", progress=0
    )
    if not claimed:
        return Export.objects.filter(pk=export_id).first()
    export = Export.objects.select_related("channel", "requested_by").get(pk=export_id)

    def report(stage: str, fraction: float) -> None:
        Export.objects.filter(pk=export_id, state=JobState.RUNNING).update(
            stage=stage[:40], progress=max(0, min(99, int(fraction * 90)))
        )

    stored: list[str] = []
    work = Path(tempfile.mkdtemp(prefix="tillit-export-"))
    try:
        requester = export.requested_by
        package = build_channel_package(
            export.channel,
            work / "out",
            fmt=export.format,
            agent=requester.name if requester else "",
            progress=report,
        )
        report("zip", 0.92)
        archive = Path(
            shutil.make_archive(str(work / package.name), "zip", package.parent, package.name)
        )
        report("store", 0.97)
        from ..capture.manifest import sha256_file

        digest = sha256_file(archive)
        name = storage_save(
            f"{conf.storage_prefix()}/exports/{export.public_id}/{archive.name}", archive
        )
        stored.append(name)
        if storage_sha256(name) != digest:
            raise OSError("the stored package does not match its checksum")
        _export_done(export, package.name, name, archive.stat().st_size, digest)
    except Exception as exc:  # every fault ends as a failed export with its reason
        logger.exception("export %s failed", export.public_id)
        storage_delete(stored)
        _export_failed(export, f"{type(exc).__name__}: {exc}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return Export.objects.get(pk=export_id)


@transaction.atomic
def _export_done(export: Export, package_id: str, name: str, size: int, digest: str) -> None:
    locked = Export.objects.select_for_update().get(pk=export.pk)
    if locked.state != JobState.RUNNING:
        raise RuntimeError("the export was ended elsewhere while it ran")
    locked.state = JobState.DONE
    locked.progress = 100
    locked.stage = "done"
    locked.finished_at = timezone.now()
    locked.package_id = package_id
    locked.file_name = name
    locked.size = size
    locked.sha256 = digest
    locked.save()
    audit_record(
        actor=export.requested_by,
        action="archive.exported",
        obj=export.channel,
        detail={"package": package_id, "format": export.format, "sha256": digest, "to": "download"},
    )


@transaction.atomic
def _export_failed(export: Export, reason: str) -> None:
    locked = mark_failed(Export.objects.all(), export.pk, reason)
    if locked is None:
        return
    audit_record(
        actor=SCHEDULER,
        action="archive.export_failed",
        obj=locked,
        detail={"reason": reason[:1000]},
    )
