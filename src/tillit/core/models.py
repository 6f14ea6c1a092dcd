"""Base model mixins and the periodic-job table that the scheduler claims rows from."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStamped(models.Model):
    """Created and updated times on every row that changes."""

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class PeriodicJob(models.Model):
    """One periodic job and when it is next due; a row claim makes it run once across workers."""

    name = models.CharField(max_length=100, unique=True)
    interval_seconds = models.PositiveIntegerField()
    next_run_at = models.DateTimeField()
    last_run_at = models.DateTimeField(null=True, blank=True)
    last_claimed_by = models.CharField(max_length=100, blank=True)

    def __str__(self) -> str:
        return self.name


class PeriodicRun(models.Model):
    """One period of one periodic job: which worker claimed it and what became of it.

    Unique per (job, due time), so a period can be claimed once whatever the number of
    workers; the rows are also the evidence that each job ran once per period.
    """

    class State(models.TextChoices):
        ENQUEUED = "enqueued", _("enqueued")
        SKIPPED = "skipped", _("skipped: the previous run had not finished")

    name = models.CharField(max_length=100)
    due_at = models.DateTimeField()
    claimed_by = models.CharField(max_length=100)
    claimed_at = models.DateTimeField(auto_now_add=True)
    state = models.CharField(max_length=10, choices=State.choices)
    # The task result's id where the backend keeps results (django-tasks-db), for the check
    # that a job never runs twice at once.
    task_id = models.CharField(max_length=64, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["name", "due_at"], name="periodic_run_once_per_period")
        ]
        indexes = [models.Index(fields=["name", "-due_at"])]

    def __str__(self) -> str:
        return f"{self.name} @ {self.due_at:%Y-%m-%d %H:%M:%S}"


class WorkerProcess(models.Model):
    """A `tillit worker` process and when it last said it was alive.

    Tasks a dead worker held (its heartbeat stopped) are handed back to the queue; those of
    a live one never are, so a task never runs twice at once however long it takes.
    """

    worker_id = models.CharField(max_length=100, unique=True)
    hostname = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    queues = models.CharField(max_length=200)
    concurrency = models.PositiveSmallIntegerField(default=1)
    started_at = models.DateTimeField(auto_now_add=True)
    seen_at = models.DateTimeField()
    stopped_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["seen_at"])]

    def __str__(self) -> str:
        return self.worker_id
