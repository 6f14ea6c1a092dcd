"""The background worker: django-tasks-db's worker loop plus the periodic scheduler."""

import logging

from django.conf import settings

from .scheduler import SchedulerThread

logger = logging.getLogger(__name__)


def build_db_worker(*, worker_id: str, interval: float):
    """A django-tasks-db worker for every queue of the default backend."""
    from django_tasks_db.management.commands.db_worker import Worker

    return Worker(
        queue_names=["*"],
        interval=interval,
        batch=False,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id,
        excluded_queue_names=[],
    )


def run_worker(*, worker_id: str, interval: float = 1.0, install_signals: bool = False) -> None:
    """Run tasks and the scheduler in this process until stopped."""
    scheduler = SchedulerThread(worker_id)
    scheduler.start()
    backend = settings.TASKS["default"]["BACKEND"]
    if "django_tasks_db" not in backend:
        logger.warning("task backend %s has its own workers; only the scheduler runs here", backend)
        scheduler.join()
        return
    worker = build_db_worker(worker_id=worker_id, interval=interval)
    if install_signals:
        worker.configure_signals()
    try:
        worker.run()
    finally:
        scheduler.stopping.set()
