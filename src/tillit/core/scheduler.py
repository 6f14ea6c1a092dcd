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

from django.conf import settings
from django.db import close_old_connections, transaction
from django.utils import timezone

from .models import PeriodicJob, PeriodicRun
from .queues import task_in_flight
from .registry import registry

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class JobSpec:
    """A periodic job: its name, how often, and the task to enqueue."""

    name: str
    interval: timedelta
    enqueue: Callable[[], object]
    # The task's import path, to find its unfinished runs in the task table ("" : unknown).
    task_path: str = ""


STORE = "periodic_jobs"


def register_periodic(name: str, interval: timedelta) -> Callable:
    """Register a django-tasks task to be enqueued every `interval` (at start-up only)."""

    def decorator(task):
        spec = JobSpec(
            name=name,
            interval=interval,
            enqueue=task.enqueue,
            task_path=getattr(task, "module_path", ""),
        )
        registry.add(STORE, name, spec)
        return task

    return decorator


def registered_jobs() -> dict[str, JobSpec]:
    """The jobs registered at start-up."""
    return dict(registry.store(STORE))


def _interval(spec: JobSpec) -> timedelta:
    """The job's interval, or the operator's override (TILLIT_PERIODIC_INTERVALS)."""
    override = getattr(settings, "TILLIT_PERIODIC_INTERVALS", {}).get(spec.name)
    return timedelta(seconds=override) if override else spec.interval


def _still_running(spec: JobSpec) -> bool:
    """Whether an earlier run of this job is queued or running (django-tasks-db only).

    A job whose run outlasts its interval is skipped for that period instead of running
    twice at once; other backends keep no results to look at and are not checked.
    """
    return task_in_flight(spec.task_path)


def run_due_jobs(worker_id: str, jobs: Iterable[JobSpec] | None = None) -> list[str]:
    """Enqueue every due job (default: the registered ones) this worker wins; return their names."""
    now = timezone.now()
    ran = []
    for spec in registry.values(STORE) if jobs is None else jobs:
        interval = _interval(spec)
        job, _created = PeriodicJob.objects.get_or_create(
            name=spec.name,
            defaults={"interval_seconds": int(interval.total_seconds()), "next_run_at": now},
        )
        if job.next_run_at > now:
            continue
        with transaction.atomic():
            # Compare-and-set on the due time: of any number of workers, one wins the period.
            won = PeriodicJob.objects.filter(pk=job.pk, next_run_at=job.next_run_at).update(
                next_run_at=now + interval,
                last_run_at=now,
                last_claimed_by=worker_id,
                interval_seconds=int(interval.total_seconds()),
            )
            if not won:
                continue
            run = PeriodicRun(name=spec.name, due_at=job.next_run_at, claimed_by=worker_id)
            if _still_running(spec):
                run.state = PeriodicRun.State.SKIPPED
                logger.warning(
                    "periodic job %s is still running; this period is skipped", spec.name
                )
            else:
                result = spec.enqueue()
                run.state = PeriodicRun.State.ENQUEUED
                run.task_id = str(getattr(result, "id", "") or "")[:64]
                ran.append(spec.name)
            run.save()
    return ran


class SchedulerThread(threading.Thread):
    """Checks for due jobs every few seconds until stopped."""

    def __init__(self, worker_id: str, interval: float = 5.0) -> None:
        super().__init__(name="tillit-scheduler", daemon=True)
        self.worker_id = worker_id
        self.interval = interval
        self.stopping = threading.Event()

    def tick(self) -> None:
        """One round: enqueue the due jobs this worker wins."""
        run_due_jobs(self.worker_id)

    def tick_safely(self) -> None:
        try:
            close_old_connections()
            self.tick()
        except Exception:  # a failed tick must not kill the scheduler; it retries next tick
            logger.exception("periodic scheduler tick failed")

    def run(self) -> None:
        while not self.stopping.is_set():
            self.tick_safely()
            self.stopping.wait(self.interval)
