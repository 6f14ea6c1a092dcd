"""Views of the archive: the capture register, a channel's captures, a capture and its files."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from tillit.access.decorators import person_required
from tillit.channels.selectors import channel_get_for
from tillit.core.exceptions import NotFound

from . import services
from .choices import IN_FLIGHT, JobState
from .forms import CaptureRequestForm, ExportForm, ScheduleForm
from .models import DEFAULT_INTERVAL_DAYS, Job
from .permissions import can_export, can_request_capture, can_set_schedule
from .selectors import (
    capture_get_for,
    captures_for_channel,
    channel_capture_status,
    channels_capture_register,
    export_get_for,
    exports_for_channel,
)

#: Files a browser can show safely in place; the rest are downloaded.
INLINE_ROLES = {"screenshot", "pdf"}
REFRESH_SECONDS = 3


@person_required
def register(request):
    """The capture register (R22): each running channel, its last capture and whether overdue."""
    overdue_only = request.GET.get("overdue") == "1"
    rows = channels_capture_register(request.actor, overdue_only=overdue_only)
    return render(request, "archive/register.html", {"rows": rows, "overdue_only": overdue_only})


@person_required
def channel_archive(request, public_id):
    """A channel's captures, schedule and exports, with the forms the person may use."""
    actor = request.actor
    channel = channel_get_for(actor, public_id)
    status = channel_capture_status(channel)
    interval = status.schedule.interval_days if status.schedule else DEFAULT_INTERVAL_DAYS
    exportable = can_export(actor, channel)
    return render(
        request,
        "archive/channel.html",
        {
            "channel": channel,
            "status": status,
            "captures": captures_for_channel(channel)[:100],
            "exports": exports_for_channel(channel)[:20] if exportable else [],
            "capture_form": CaptureRequestForm() if can_request_capture(actor, channel) else None,
            "schedule_form": (
                ScheduleForm(initial={"interval_days": interval})
                if can_set_schedule(actor, channel)
                else None
            ),
            "export_form": ExportForm() if exportable else None,
        },
    )


@require_POST
@person_required
def capture_create(request, public_id):
    """Capture the page now, before a big change."""
    actor = request.actor
    channel = channel_get_for(actor, public_id)
    if not can_request_capture(actor, channel):
        raise NotFound
    form = CaptureRequestForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say which change the capture is taken before."))
        return redirect("archive:channel", channel.public_id)
    try:
        capture = services.capture_request(
            actor=request.actor,
            channel=channel,
            reason="on_demand",
            note=form.cleaned_data["note"],
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("archive:channel", channel.public_id)
    messages.success(request, _("The capture was queued."))
    return redirect("archive:capture", capture.public_id)


@require_POST
@person_required
def schedule_update(request, public_id):
    """Change how often the channel's page is captured."""
    actor = request.actor
    channel = channel_get_for(actor, public_id)
    if not can_set_schedule(actor, channel):
        raise NotFound
    form = ScheduleForm(request.POST)
    if form.is_valid():
        services.schedule_set(
            actor=request.actor, channel=channel, interval_days=form.cleaned_data["interval_days"]
        )
        messages.success(request, _("The capture schedule was saved."))
    else:
        messages.error(request, _("Choose between 1 and 3660 days."))
    return redirect("archive:channel", channel.public_id)


@require_POST
@person_required
def export_create(request, public_id):
    """Build an archival package of the channel in the background."""
    actor = request.actor
    channel = channel_get_for(actor, public_id)
    if not can_export(actor, channel):
        raise NotFound
    form = ExportForm(request.POST)
    if not form.is_valid():
        raise NotFound
    try:
        export = services.export_request(
            actor=request.actor, channel=channel, fmt=form.cleaned_data["format"]
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("archive:channel", channel.public_id)
    return redirect("archive:export", export.public_id)


def _refresh(job: Job) -> int | None:
    """Seconds until the status page reloads itself, only while the job is under way."""
    return REFRESH_SECONDS if job.state in IN_FLIGHT else None


def _job_json(job: Job, **extra) -> dict:
    return {
        "id": str(job.public_id),
        "state": job.state,
        "state_label": job.get_state_display(),
        "progress": job.progress,
        "stage": job.stage,
        "stage_label": job.stage_label,
        "started_at": job.started_at,
        "finished_at": job.finished_at,
        "failure_reason": job.failure_reason,
        **extra,
    }


@never_cache
@person_required
def capture_detail(request, public_id):
    """One capture: live status while it runs; its files, manifest and checksums when done."""
    capture = capture_get_for(request.actor, public_id)
    files = [{"role": role, **entry} for role, entry in capture.files.items()]
    return render(
        request,
        "archive/capture.html",
        {
            "capture": capture,
            "files": files,
            "refresh": _refresh(capture),
            "inline_roles": INLINE_ROLES,
            "done": capture.state == JobState.DONE,
        },
    )


@never_cache
@person_required
def capture_status(request, public_id):
    """A capture's state and progress as JSON, for scripts and status widgets."""
    capture = capture_get_for(request.actor, public_id)
    return JsonResponse(_job_json(capture, channel=str(capture.channel.public_id)))


@require_POST
@person_required
def capture_verify(request, public_id):
    """Recompute the stored files' checksums and show the outcome (audited)."""
    capture = capture_get_for(request.actor, public_id)
    try:
        problems = services.capture_verify(actor=request.actor, capture=capture)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if problems:
            messages.error(
                request,
                _("Verification failed: %(problems)s") % {"problems": "; ".join(problems)},
            )
        else:
            messages.success(request, _("Verified: every checksum matches."))
    return redirect("archive:capture", capture.public_id)


@person_required
def capture_file(request, public_id, role):
    """One file of a finished capture, from storage, to a person who may see the channel."""
    capture = capture_get_for(request.actor, public_id)
    entry = capture.files.get(role) if capture.state == JobState.DONE else None
    if entry is None:
        raise NotFound
    try:
        handle = default_storage.open(entry["name"], "rb")
    except OSError as exc:
        raise NotFound from exc
    response = FileResponse(
        handle,
        content_type=entry["media_type"],
        as_attachment=role not in INLINE_ROLES,
        filename=f"{capture.channel.public_id}-{capture.public_id}-{entry['path']}",
    )
    # A captured page's PDF is third-party content: keep it from scripting our origin.
    response["Content-Security-Policy"] = "sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


@never_cache
@person_required
def export_detail(request, public_id):
    """One export: live status while it builds; its download and checksum when done."""
    export = export_get_for(request.actor, public_id)
    return render(request, "archive/export.html", {"export": export, "refresh": _refresh(export)})


@never_cache
@person_required
def export_status(request, public_id):
    """An export's state and progress as JSON."""
    export = export_get_for(request.actor, public_id)
    return JsonResponse(_job_json(export, sha256=export.sha256, size=export.size))


@person_required
def export_download(request, public_id):
    """The finished package as a zip."""
    export = export_get_for(request.actor, public_id)
    if export.state != JobState.DONE:
        raise NotFound
    try:
        handle = default_storage.open(export.file_name, "rb")
    except OSError as exc:
        raise NotFound from exc
    response = FileResponse(
        handle,
        content_type="application/zip",
        as_attachment=True,
        filename=f"{export.package_id}.zip",
    )
    response["Cache-Control"] = "private, no-store"
    return response
