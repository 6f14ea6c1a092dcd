"""What reading the audit trail records in it: each verification of the chain and each export.

Reading changes nothing, so browsing is not recorded; but who verified the chain with what
outcome, and who took which part of the trail out of Tillit, is what an auditor asks
later. Both are entries of their own, sealed like every other.
"""

import time
from enum import StrEnum

from django.db import transaction
from django_tasks.base import TaskResultStatus

from tillit.access.actor import Actor, as_actor
from tillit.audit.models import AuditEntry
from tillit.audit.services import audit_record, audit_verify
from tillit.core.exceptions import NotFound
from tillit.core.queues import task_in_flight

from .access_audit import may_read_audit_trail
from .selectors_audit import EXPORTED, TRAIL, VERIFIED

#: How much of a verification's technical reason the entry keeps.
REASON_LIMIT = 500


def _reader(actor) -> Actor:
    actor = as_actor(actor)
    if not may_read_audit_trail(actor):
        raise NotFound
    return actor


def audit_trail_verify(*, actor) -> AuditEntry:
    """Walk the whole chain now (slow on a long trail) and record what it found, and how long
    the walk took, as an entry of its own."""
    actor = _reader(actor)
    started = time.monotonic()
    result = audit_verify()
    seconds = round(time.monotonic() - started, 3)
    with transaction.atomic():
        return audit_record(
            actor=actor,
            action=VERIFIED,
            object_type=TRAIL,
            detail={
                "ok": result.ok,
                "checked": result.checked,
                "broken_seq": result.broken_seq,
                "reason": result.reason[:REASON_LIMIT],
                "legacy_through": result.legacy_through,
                "proven_through": result.proven_through,
                "proven_at": result.proven_at,
                "checkpoints": result.checkpoints,
                "seconds": seconds,
            },
        )


class VerifyRequest(StrEnum):
    """What became of a request to verify the chain."""

    BUSY = "busy"  # one is already queued or running; nothing new was started
    QUEUED = "queued"  # a worker will run it
    DONE = "done"  # it ran at once (a backend that runs tasks immediately)
    FAILED = "failed"  # it ran at once and failed


def audit_trail_verify_request(*, actor) -> VerifyRequest:
    """Start a verification in the background for a reader, unless one is under way.

    The walk reads every entry, so it runs as a task (the reports queue) and never inside a
    page view; the result appears on the trail's page once it is recorded.
    """
    actor = _reader(actor)
    from .tasks_audit import audit_trail_verify_task

    if task_in_flight(audit_trail_verify_task.module_path):
        return VerifyRequest.BUSY
    status = audit_trail_verify_task.enqueue(person_id=actor.pk).status
    if status == TaskResultStatus.SUCCESSFUL:
        return VerifyRequest.DONE
    if status == TaskResultStatus.FAILED:
        return VerifyRequest.FAILED
    return VerifyRequest.QUEUED


def audit_trail_exported(
    *, actor, filters: dict[str, str], through_seq: int, count: int
) -> AuditEntry:
    """Record that a reader exported the trail: which filters, up to which entry, how many."""
    actor = _reader(actor)
    with transaction.atomic():
        return audit_record(
            actor=actor,
            action=EXPORTED,
            object_type=TRAIL,
            detail={"filters": filters, "through_seq": through_seq, "count": count},
        )
