"""The task queues: one per kind of work, so each kind can be given its own workers.

A worker started with ``tillit worker --queues actions,ingest`` takes only those; the
default takes every queue. Captures (a browser per task) and exports (large files) are kept
apart so a slow one never holds up the removal of an offending comment.
"""

DEFAULT = "default"  # maintenance: disposal, escalation, staffing and dormancy checks
INGEST = "ingest"  # polls, ingest subscribers (assessment, search), attachment downloads
ACTIONS = "actions"  # the outbox (hide, delete, reply, block, publish) and its recovery
CAPTURES = "captures"  # snapshots of channel pages (R22)
EXPORTS = "exports"  # archive exports (E-ARK packages)
REPORTS = "reports"  # follow-up reports (R23)

QUEUES = (DEFAULT, INGEST, ACTIONS, CAPTURES, EXPORTS, REPORTS)


def backend(path: str) -> dict:
    """A TASKS entry for the backend at ``path`` that accepts every Tillit queue."""
    return {"BACKEND": path, "QUEUES": list(QUEUES)}


def uses_db_backend() -> bool:
    """Whether the default task backend keeps its tasks in the database (django-tasks-db)."""
    from django.conf import settings

    return "django_tasks_db" in settings.TASKS["default"]["BACKEND"]


def task_in_flight(task_path: str) -> bool:
    """Whether a run of the task at ``task_path`` is queued or running (django-tasks-db only).

    Other backends keep no results to look at: there the answer is always False.
    """
    if not task_path or not uses_db_backend():
        return False
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(
        task_path=task_path,
        status__in=(TaskResultStatus.READY, TaskResultStatus.RUNNING),
    ).exists()
