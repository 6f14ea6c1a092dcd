"""Periodic jobs that survive restarts and never run twice across workers.

Each job is a row with `next_run_at`. A scheduler claims a due job with a conditional
UPDATE (compare-and-set on `next_run_at`): exactly one worker's update matches, so only
that worker enqueues the task, whatever the number of workers or restarts.
"""

import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import timedelta

from django.db import close_old_connections
from django.utils import timezone

from .models import PeriodicJob
from .registry import registry

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class JobSpec:
    """A periodic job: its name, how often, and the task to enqueue."""

    name: str
    interval: timedelta
    enqueue: Callable[[], object]


STORE = "periodic_jobs"


def register_periodic(name: str, interval: timedelta) -> Callable:
    """Register a django-tasks task to be enqueued every `interval` (at start-up only)."""

    def decorator(task):
        registry.add(STORE, name, JobSpec(name=name, interval=interval, enqueue=task.enqueue))
        return task

    return decorator


def registered_jobs() -> dict[str, JobSpec]:
    """The jobs registered at start-up."""
    return dict(registry.store(STORE))


def run_due_jobs(worker_id: str, jobs: Iterable[JobSpec] | None = None) -> list[str]:
    """Enqueue every due job (default: the registered ones) this worker wins; return their names."""
    now = timezone.now()
    ran = []
    for spec in registry.values(STORE) if jobs is None else jobs:
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
