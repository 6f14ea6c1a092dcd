"""The background worker: django-tasks-db's claim loop in N threads, a heartbeat, the
recovery of tasks a dead worker held, and the periodic scheduler.

Any number of `tillit worker` processes, on any number of machines, share one database.
django-tasks-db claims a task with ``SELECT ... FOR UPDATE SKIP LOCKED`` (PostgreSQL), so
two workers never take the same task. What it does not do is notice a worker that died
mid-task (SIGKILL, out of memory, a lost machine): its task would stay "running" for ever.
So each process writes a heartbeat; a task whose worker has been silent for
TILLIT_WORKER_DEAD_AFTER_S goes back to the queue (every task is idempotent: ingest is keyed
on the platform's ids, the outbox reads the platform back before acting again), and one
that has killed its worker TILLIT_TASK_MAX_ATTEMPTS times is failed, not retried for ever.
A live worker's tasks are never handed out again, however long they run.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import threading
from datetime import timedelta

from django.conf import settings
from django.db import close_old_connections
from django.utils import timezone

from .models import WorkerProcess
from .queues import uses_db_backend
from .scheduler import SchedulerThread

logger = logging.getLogger(__name__)

#: Between a process's id and a thread's number in the ids that tasks record.
THREAD_SEPARATOR = "/"
DIED = "tillit.core.worker.WorkerDied"


def process_id() -> str:
    """This process's worker id: host and process number."""
    return f"{socket.gethostname()}:{os.getpid()}"


def build_db_worker(*, worker_id: str, interval: float, queues: list[str] | None = None):
    """A django-tasks-db worker for the given queues ("*": all) of the default backend."""
    from django_tasks_db.management.commands.db_worker import Worker

    return Worker(
        queue_names=list(queues or ["*"]),
        interval=interval,
        batch=False,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id,
        excluded_queue_names=[],
    )


def heartbeat(worker_id: str, *, queues: list[str], concurrency: int) -> None:
    """Say that this process is alive (creates its row on the first beat)."""
    WorkerProcess.objects.update_or_create(
        worker_id=worker_id,
        defaults={
            "hostname": socket.gethostname()[:255],
            "pid": os.getpid(),
            "queues": ",".join(queues)[:200],
            "concurrency": concurrency,
            "seen_at": timezone.now(),
            "stopped_at": None,
        },
    )


def recover_abandoned_tasks(now=None) -> dict[str, int]:
    """Hand back the running tasks of workers that stopped beating; fail the hopeless ones.

    Each change is a conditional UPDATE on the task's claim time, so any number of workers
    may run this at once and a task is handed back at most once per claim.
    """
    if not uses_db_backend():
        return {"requeued": 0, "failed": 0}
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    dead_after = timedelta(seconds=settings.TILLIT_WORKER_DEAD_AFTER_S)
    # Rows of processes gone for a week are only history; they would slow this down.
    WorkerProcess.objects.filter(seen_at__lt=now - timedelta(days=7)).delete()
    known = dict(WorkerProcess.objects.values_list("worker_id", "seen_at"))
    requeued = failed = 0
    running = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).only(
        "id", "worker_ids", "started_at", "task_path"
    )
    for result in running:
        claimant = (result.worker_ids or [""])[-1].split(THREAD_SEPARATOR, 1)[0]
        seen = known.get(claimant)
        # A worker with no heartbeat row (an older release): judged by the claim's age.
        last_sign_of_life = seen or result.started_at
        if last_sign_of_life and last_sign_of_life > now - dead_after:
            continue
        claim = DBTaskResult.objects.filter(
            pk=result.pk, status=TaskResultStatus.RUNNING, started_at=result.started_at
        )
        if len(result.worker_ids or []) >= settings.TILLIT_TASK_MAX_ATTEMPTS:
            done = claim.update(
                status=TaskResultStatus.FAILED,
                finished_at=now,
                exception_class_path=DIED,
                traceback=(
                    f"The worker died {len(result.worker_ids)} times while running this task "
                    f"({', '.join(result.worker_ids)}); it is not retried again."
                ),
            )
            if done:
                failed += 1
                logger.error(
                    "task %s (%s) killed its worker %d times and is failed",
                    result.pk,
                    result.task_path,
                    len(result.worker_ids),
                )
        elif claim.update(status=TaskResultStatus.READY, started_at=None):
            requeued += 1
            logger.warning(
                "task %s (%s) was held by %s, which stopped; it is queued again",
                result.pk,
                result.task_path,
                claimant,
            )
    return {"requeued": requeued, "failed": failed}


class _Supervisor(SchedulerThread):
    """The scheduler thread, which also beats the heart and recovers dead workers' tasks."""

    def __init__(self, worker_id: str, *, queues: list[str], concurrency: int) -> None:
        super().__init__(worker_id, interval=float(settings.TILLIT_WORKER_HEARTBEAT_S))
        self.queues = queues
        self.concurrency = concurrency

    def tick(self) -> None:
        heartbeat(self.worker_id, queues=self.queues, concurrency=self.concurrency)
        recover_abandoned_tasks()
        super().tick()


def run_worker(
    *,
    worker_id: str | None = None,
    interval: float = 1.0,
    install_signals: bool = False,
    queues: list[str] | None = None,
    concurrency: int | None = None,
) -> None:
    """Run tasks and the scheduler in this process until stopped."""
    worker_id = worker_id or process_id()
    queues = list(queues or settings.TILLIT_WORKER_QUEUES or ["*"])
    concurrency = max(1, int(concurrency or settings.TILLIT_WORKER_CONCURRENCY))
    supervisor = _Supervisor(worker_id, queues=queues, concurrency=concurrency)
    supervisor.tick_safely()  # the heartbeat exists before the first claim
    supervisor.start()
    if not uses_db_backend():
        backend = settings.TASKS["default"]["BACKEND"]
        logger.warning("task backend %s has its own workers; only the scheduler runs here", backend)
        supervisor.join()
        return
    workers = [
        build_db_worker(
            worker_id=f"{worker_id}{THREAD_SEPARATOR}{n}", interval=interval, queues=queues
        )
        for n in range(concurrency)
    ]
    if install_signals:
        _stop_on_signals(workers)
    threads = [
        threading.Thread(target=_run_one, args=(w,), name=f"tillit-worker-{n}", daemon=True)
        for n, w in enumerate(workers)
    ]
    for thread in threads:
        thread.start()
    logger.info("worker %s: %d threads on queues %s", worker_id, concurrency, ",".join(queues))
    try:
        for thread in threads:
            while thread.is_alive():
                thread.join(timeout=0.5)
    finally:
        supervisor.stopping.set()
        close_old_connections()
        WorkerProcess.objects.filter(worker_id=worker_id).update(stopped_at=timezone.now())


def _run_one(worker) -> None:
    try:
        worker.run()
    finally:
        close_old_connections()


def _stop_on_signals(workers) -> None:
    """SIGTERM/SIGINT: finish the running tasks, take no new ones; a second signal: exit now."""

    def stop(signum, _frame) -> None:
        if not workers[0].running:
            logger.warning("second %s: exiting without finishing", signal.strsignal(signum))
            os._exit(1)
        logger.warning("%s: finishing running tasks, then stopping", signal.strsignal(signum))
        for worker in workers:
            worker.running = False

    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, stop)
