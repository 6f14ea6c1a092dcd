"""What captures and exports share as background jobs."""

from __future__ import annotations

from typing import TypeVar

from django.db.models import QuerySet
from django.utils import timezone

from ..choices import IN_FLIGHT, JobState
from ..models import Job

J = TypeVar("J", bound=Job)


def mark_failed(jobs: QuerySet[J], pk: int, reason: str) -> J | None:
    """Lock the job and mark it failed, unless it has already ended; return it when marked.

    Call inside a transaction. A job that finished (or failed) meanwhile is left as it is, so a
    late failure report cannot overwrite a result.
    """
    locked = jobs.select_for_update().get(pk=pk)
    if locked.state not in IN_FLIGHT:
        return None
    locked.state = JobState.FAILED
    locked.failure_reason = reason[:4000]
    locked.finished_at = timezone.now()
    locked.save(update_fields=["state", "failure_reason", "finished_at"])
    return locked
