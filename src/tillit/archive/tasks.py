"""Background tasks of the archive and their periodic schedule."""

from datetime import timedelta

from django.conf import settings
from django_tasks import task

from tillit.core import queues
from tillit.core.scheduler import register_periodic


@task(queue_name=queues.CAPTURES)
def run_capture(capture_id: int) -> str:
    """Run one queued capture through the engine and store it."""
    from .services.captures import capture_run

    capture = capture_run(capture_id)
    return capture.state if capture else "missing"


@task(queue_name=queues.EXPORTS)
def run_export(export_id: int) -> str:
    """Build one requested archival package and store it for download."""
    from .services.exports import export_run

    export = export_run(export_id)
    return export.state if export else "missing"


@register_periodic("archive.capture_due", interval=timedelta(hours=1))
@task(queue_name=queues.CAPTURES)
def capture_due() -> int:
    """Fail captures whose worker died, then queue the scheduled captures that are due (R22)."""
    from .services.captures import captures_fail_stale, captures_run_due

    captures_fail_stale()
    return captures_run_due()


@register_periodic("archive.flag_overdue", interval=timedelta(hours=6))
@task(queue_name=queues.DEFAULT)
def flag_overdue() -> int:
    """Tell the responsible people, once per period, that a channel's capture is overdue."""
    from .services.schedules import schedules_flag_overdue

    return schedules_flag_overdue()


@register_periodic(
    "archive.audit_checkpoint",
    interval=timedelta(hours=float(getattr(settings, "TILLIT_AUDIT_CHECKPOINT_HOURS", 24))),
)
@task(queue_name=queues.DEFAULT)
def audit_checkpoint() -> int:
    """Anchor the audit chain's head outside the database; return its seq (0: nothing new)."""
    from .services.checkpoints import audit_checkpoint_publish

    checkpoint = audit_checkpoint_publish()
    return checkpoint.seq if checkpoint else 0
