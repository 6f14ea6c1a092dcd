"""Services of the archive: captures, schedules and exports (all writes go through these)."""

from .captures import (
    capture_before_close,
    capture_close_problems,
    capture_request,
    capture_run,
    capture_verify,
)
from .exports import channel_export, export_request, export_run
from .schedules import schedule_set, schedules_flag_overdue

__all__ = [
    "capture_before_close",
    "capture_close_problems",
    "capture_request",
    "capture_run",
    "capture_verify",
    "channel_export",
    "export_request",
    "export_run",
    "schedule_set",
    "schedules_flag_overdue",
]
