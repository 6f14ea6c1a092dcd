"""Background tasks of the archive and their periodic schedule."""

from datetime import timedelta

from django_tasks import task

from tillit.core.scheduler import register_periodic


@task()
def run_capture(capture_id: int) -> str:
    """Run one queued capture through the engine and store it."""
    from .services.captures import capture_run

    capture = capture_run(capture_id)
    return capture.state if capture else "missing"


@task()
def run_export(export_id: int) -> str:
    """Build one requested archival package and store it for download."""
    from .services.exports import export_run

    export = export_run(export_id)
    return export.state if export else "missing"


@register_periodic("archive.capture_due", interval=timedelta(hours=1))
@task()
def capture_due() -> int:
    """Fail captures whose worker died, then queue the scheduled captures that are due (R22)."""
    from .services.captures import captures_fail_stale, captures_run_due

    captures_fail_stale()
    return captures_run_due()


@register_periodic("archive.flag_overdue", interval=timedelta(hours=6))
@task()
def flag_overdue() -> int:
    """Tell the responsible people, once per period, that a channel's capture is overdue."""
    from .services.schedules import schedules_flag_overdue

    return schedules_flag_overdue()
