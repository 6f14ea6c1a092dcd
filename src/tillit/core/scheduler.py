"""Periodic jobs that survive restarts and never run twice across workers.

Each job is a row with `next_run_at`. A scheduler claims a due job with a conditional
UPDATE (compare-and-set on `next_run_at`): exactly one worker's update matches, so only
that worker enqueues the task, whatever the number of workers or restarts.
"""

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.db import close_old_connections
from django.utils import timezone

from .models import PeriodicJob

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class JobSpec:
    """A periodic job: its name, how often, and the task to enqueue."""

    name: str
    interval: timedelta
    enqueue: Callable[[], object]


_JOBS: dict[str, JobSpec] = {}


def register_periodic(name: str, interval: timedelta) -> Callable:
    """Register a django-tasks task to be enqueued every `interval`."""

    def decorator(task):
        _JOBS[name] = JobSpec(name=name, interval=interval, enqueue=task.enqueue)
        return task

    return decorator


def registered_jobs() -> dict[str, JobSpec]:
    """The jobs registered at start-up."""
    return dict(_JOBS)


def run_due_jobs(worker_id: str) -> list[str]:
    """Enqueue every due job this worker wins the claim for; return their names."""
    now = timezone.now()
    ran = []
    for spec in _JOBS.values():
        job, _created = PeriodicJob.objects.get_or_create(
            name=spec.name,
            defaults={"interval_seconds": int(spec.interval.total_seconds()), "next_run_at": now},
        )
        if job.next_run_at > now:
            continue
        won = PeriodicJob.objects.filter(pk=job.pk, next_run_at=job.next_run_at).update(
            next_run_at=now + spec.interval, last_run_at=now, last_claimed_by=worker_id
        )
        if won:
            spec.enqueue()
            ran.append(spec.name)
    return ran


class SchedulerThread(threading.Thread):
    """Checks for due jobs every few seconds until stopped."""

    def __init__(self, worker_id: str, interval: float = 5.0) -> None:
        super().__init__(name="tillit-scheduler", daemon=True)
        self.worker_id = worker_id
        self.interval = interval
        self.stopping = threading.Event()

    def run(self) -> None:
        while not self.stopping.is_set():
            try:
                close_old_connections()
                run_due_jobs(self.worker_id)
            except Exception:  # a failed tick must not kill the scheduler; it retries next tick
                logger.exception("periodic scheduler tick failed")
            self.stopping.wait(self.interval)
