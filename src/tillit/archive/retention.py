"""The captures class of disposal decisions (R21, "screenshots"): candidates and deletion.

Registered with the retention app from `ArchiveConfig.ready`. The retention machinery
(`retention.services.disposal`) does the chunking, the transactions and the log of ids and
counts; this module only says which captures a rule covers and how one is deleted.

Which captures a rule covers:

- Done captures and failed ones, finished before the rule's cutoff. A failed capture holds no
  files (a failure removes whatever it had stored), only the attempt's metadata: who asked,
  the note, the reason for the failure. It is part of the class all the same, and no other
  rule would ever dispose of it, so it goes with the done ones. Queued and running captures
  are never candidates: a worker is still writing them.
- Never a capture of a channel under a hold. Holds on items and access requests select items,
  never captures, so only the channel hold applies (`exclude_held` is not used as is: with no
  item path it would compare a capture's id with held item ids).
- Never the newest done capture of a channel that is not archived yet. The guideline asks for a
  capture every six months (R22) while the channel runs; disposing of the only or latest one
  would leave the channel undocumented until the next, and a closed channel still has to be
  packaged and archived from its captures. Once the channel is archived its package has gone to
  the archive, and the rule applies to the last capture too. For the same reason the newest
  done capture taken before closing is kept until the channel is archived: the archive step
  refuses a channel without one (`capture_close_problems`).
- Never a done capture of a channel with an export queued or running: the export copies every
  done capture of the channel from storage while it builds. `export_request` locks the
  channel row to queue an export; `dispose_captures` takes the same lock and checks again, so
  no export can start reading captures whose files are about to go.

Deletion removes the row and, only once the transaction has committed, the stored files (if
the chunk rolls back, the row comes back and so must its files). Nothing else points at a
capture; the audit trail refers to it by id only.
"""

from datetime import datetime

from django.db import transaction
from django.db.models import Exists, OuterRef, ProtectedError, Q, QuerySet, RestrictedError

from tillit.channels.choices import TERMINAL_STATES
from tillit.channels.models import Channel
from tillit.retention.choices import ContentClass
from tillit.retention.registry import ContentHandler, register_class
from tillit.retention.selectors import held_channel_ids

from .choices import IN_FLIGHT, CaptureReason, JobState
from .models import Capture, Export
from .services.storage import storage_delete

#: Reason under which `dispose_captures` leaves a capture in place (the run log's `skipped`).
SKIP_PROTECTED = "archive.Capture protected since it was selected"


def _newer_done(*, same_reason: bool = False) -> Exists:
    """A done capture of the same channel finished later (or at the same time, with a higher id).

    A capture with no finish time is never "older" than another, so it errs towards keeping.
    """
    newer = Capture.objects.filter(channel_id=OuterRef("channel_id"), state=JobState.DONE).filter(
        Q(finished_at__gt=OuterRef("finished_at"))
        | Q(finished_at=OuterRef("finished_at"), pk__gt=OuterRef("pk"))
    )
    if same_reason:
        newer = newer.filter(reason=OuterRef("reason"))
    return Exists(newer)


def _disposable(qs: QuerySet[Capture]) -> QuerySet[Capture]:
    """Leave out of `qs` every capture that must stay whatever the rule says (see the header)."""
    qs = qs.filter(state__in=[JobState.DONE, JobState.FAILED])
    qs = qs.exclude(channel_id__in=held_channel_ids())
    done_in_running_channel = Q(state=JobState.DONE) & ~Q(channel__status__in=list(TERMINAL_STATES))
    qs = qs.exclude(done_in_running_channel & ~_newer_done())
    qs = qs.exclude(
        done_in_running_channel
        & Q(reason=CaptureReason.BEFORE_CLOSE)
        & ~_newer_done(same_reason=True)
    )
    exporting = Export.objects.filter(channel_id=OuterRef("channel_id"), state__in=IN_FLIGHT)
    return qs.exclude(Q(state=JobState.DONE) & Exists(exporting))


def captures(rule, cutoff: datetime | None) -> QuerySet[Capture]:
    """Captures of the rule's committee finished before `cutoff` that may be disposed of."""
    qs = Capture.objects.filter(channel__department__committee_id=rule.committee_id)
    if cutoff is not None:
        qs = qs.filter(finished_at__lt=cutoff)
    return _disposable(qs)


def dispose_captures(ids: list[int]) -> tuple[list[int], dict[str, list[int]]]:
    """Delete captures now and their stored files after commit; return (deleted, skipped)."""
    channel_ids = set(Capture.objects.filter(pk__in=ids).values_list("channel_id", flat=True))
    # The lock `export_request` takes to queue an export: none can start reading these
    # captures between the check below and the commit (ordered by id against deadlocks).
    list(
        Channel.objects.select_for_update()
        .filter(pk__in=channel_ids)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    still = set(_disposable(Capture.objects.filter(pk__in=ids)).values_list("pk", flat=True))
    skipped: dict[str, list[int]] = {}
    protected = [pk for pk in ids if pk not in still]
    if protected:
        skipped[SKIP_PROTECTED] = protected
    files = {
        pk: [entry["name"] for entry in (stored or {}).values() if entry.get("name")]
        for pk, stored in Capture.objects.filter(pk__in=still).values_list("pk", "files")
    }
    deleted, refused = _delete(sorted(still))
    for reason, refused_ids in refused.items():
        skipped.setdefault(reason, []).extend(refused_ids)
    names = [name for pk in deleted for name in files.get(pk, [])]
    if names:
        # Only once the rows are gone for good: a rolled-back chunk keeps row and files.
        transaction.on_commit(lambda: storage_delete(names))
    return deleted, skipped


def _delete(ids: list[int]) -> tuple[list[int], dict[str, list[int]]]:
    """Delete all at once; if something added later protects a row, delete one by one."""
    try:
        with transaction.atomic():
            Capture.objects.filter(pk__in=ids).delete()
        return ids, {}
    except (ProtectedError, RestrictedError):
        pass
    deleted: list[int] = []
    refused: dict[str, list[int]] = {}
    for pk in ids:
        try:
            with transaction.atomic():
                Capture.objects.filter(pk=pk).delete()
            deleted.append(pk)
        except (ProtectedError, RestrictedError) as exc:
            reason = ", ".join(sorted({o._meta.label for o in exc.args[1]}))[:100] or "protected"
            refused.setdefault(reason, []).append(pk)
    return deleted, refused


def register() -> None:
    """Register the captures class with the retention app (from `ArchiveConfig.ready`)."""
    register_class(ContentHandler(ContentClass.CAPTURES, captures, dispose_captures, "channel_id"))
