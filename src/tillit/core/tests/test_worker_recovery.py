"""Tasks held by a dead worker go back to the queue; a live worker's never do; periodic
jobs are claimed once per period and skipped while their previous run is unfinished."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks import task
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from tillit.core import queues
from tillit.core.models import PeriodicJob, PeriodicRun, WorkerProcess
from tillit.core.scheduler import JobSpec, run_due_jobs
from tillit.core.worker import DIED, heartbeat, recover_abandoned_tasks

pytestmark = pytest.mark.django_db


@task(queue_name=queues.DEFAULT)
def noop() -> str:
    return "ok"


@pytest.fixture(autouse=True)
def db_tasks(settings):
    settings.TASKS = {"default": queues.backend("django_tasks_db.DatabaseBackend")}
    settings.TILLIT_WORKER_DEAD_AFTER_S = 60
    settings.TILLIT_TASK_MAX_ATTEMPTS = 3


def _claimed(by: str, *, attempts: int = 1, ago: float = 0) -> DBTaskResult:
    result = DBTaskResult.objects.get(pk=noop.enqueue().id)
    result.status = TaskResultStatus.RUNNING
    result.worker_ids = [f"earlier:{n}/0" for n in range(attempts - 1)] + [by]
    result.started_at = timezone.now() - timedelta(seconds=ago)
    result.save()
    return result


def _beat(worker_id: str, *, ago: float) -> None:
    heartbeat(worker_id, queues=["*"], concurrency=1)
    WorkerProcess.objects.filter(worker_id=worker_id).update(
        seen_at=timezone.now() - timedelta(seconds=ago)
    )


def test_a_dead_workers_task_is_queued_again_and_a_live_ones_is_not():
    _beat("alive:1", ago=5)
    _beat("dead:2", ago=120)
    held_by_live = _claimed("alive:1/0", ago=3600)  # a long task of a live worker
    held_by_dead = _claimed("dead:2/1", ago=90)

    assert recover_abandoned_tasks() == {"requeued": 1, "failed": 0}

    held_by_live.refresh_from_db()
    held_by_dead.refresh_from_db()
    assert held_by_live.status == TaskResultStatus.RUNNING
    assert held_by_dead.status == TaskResultStatus.READY
    assert held_by_dead.started_at is None
    # A second pass (another worker at the same moment) finds nothing more to do.
    assert recover_abandoned_tasks() == {"requeued": 0, "failed": 0}


def test_a_worker_without_a_heartbeat_is_judged_by_the_age_of_its_claim():
    recent = _claimed("old-release", ago=10)
    stale = _claimed("old-release", ago=600)
    recover_abandoned_tasks()
    recent.refresh_from_db()
    stale.refresh_from_db()
    assert (recent.status, stale.status) == (TaskResultStatus.RUNNING, TaskResultStatus.READY)


def test_a_task_that_keeps_killing_its_worker_is_failed_not_retried_for_ever():
    _beat("dead:3", ago=300)
    doomed = _claimed("dead:3/0", attempts=3, ago=300)
    assert recover_abandoned_tasks() == {"requeued": 0, "failed": 1}
    doomed.refresh_from_db()
    assert doomed.status == TaskResultStatus.FAILED
    assert doomed.exception_class_path == DIED
    assert "3 times" in doomed.traceback


def test_old_worker_rows_are_pruned():
    _beat("long-gone:9", ago=8 * 24 * 3600)
    recover_abandoned_tasks()
    assert not WorkerProcess.objects.filter(worker_id="long-gone:9").exists()


def _spec() -> JobSpec:
    return JobSpec("test.noop", timedelta(hours=1), noop.enqueue, task_path=noop.module_path)


def test_a_period_is_claimed_once_and_recorded():
    assert run_due_jobs("w1", [_spec()]) == ["test.noop"]
    assert run_due_jobs("w2", [_spec()]) == []
    run = PeriodicRun.objects.get()
    assert (run.claimed_by, run.state) == ("w1", PeriodicRun.State.ENQUEUED)
    assert DBTaskResult.objects.filter(pk=run.task_id).exists()


def test_a_job_whose_last_run_is_unfinished_is_skipped_for_that_period(settings):
    run_due_jobs("w1", [_spec()])
    settings.TILLIT_PERIODIC_INTERVALS = {"test.noop": 1}
    PeriodicRun.objects.update(due_at=timezone.now() - timedelta(hours=2))

    PeriodicJob.objects.update(next_run_at=timezone.now() - timedelta(seconds=1))
    assert run_due_jobs("w2", [_spec()]) == []  # the first run is still queued
    assert PeriodicRun.objects.filter(state=PeriodicRun.State.SKIPPED).count() == 1
    assert DBTaskResult.objects.count() == 1
    # The override took effect: the next period is a second away, not an hour.
    job = PeriodicJob.objects.get()
    assert job.interval_seconds == 1
