"""Reads of captures, schedules and exports, always filtered by what the person may see."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Exists, Max, OuterRef, Q, QuerySet
from django.utils import timezone

from tillit.access.actor import Actor
from tillit.access.queryset import get_restricted
from tillit.channels.choices import STAFFED_STATES
from tillit.channels.models import Channel
from tillit.channels.selectors import channels_visible_to

from . import conf
from .choices import IN_FLIGHT, JobState
from .models import Capture, CaptureSchedule, Export

#: Channels whose page is captured on a schedule: running ones, paused included (R22).
SCHEDULED_STATES = STAFFED_STATES


def capture_get_for(actor: Actor, public_id) -> Capture:
    """One capture whose channel the person may see; NotFound whether missing or not theirs."""
    qs = Capture.objects.select_related(
        "channel", "channel__platform", "channel__department", "requested_by"
    )
    return get_restricted(qs, actor, public_id=public_id)


def export_get_for(actor: Actor, public_id) -> Export:
    """One export the person may see (archivists, org admins); NotFound otherwise."""
    qs = Export.objects.select_related("channel", "requested_by")
    return get_restricted(qs, actor, public_id=public_id)


def captures_for_channel(channel: Channel) -> QuerySet[Capture]:
    """A channel's captures, newest first."""
    return channel.captures.select_related("requested_by")


def exports_for_channel(channel: Channel) -> QuerySet[Export]:
    """A channel's exports, newest first."""
    return channel.exports.select_related("requested_by")


def capture_in_flight(channel: Channel) -> Capture | None:
    """The capture of this channel that is queued or running, if any."""
    return channel.captures.filter(state__in=IN_FLIGHT).order_by("requested_at").first()


def _with_capture_facts(qs: QuerySet[Channel]) -> QuerySet[Channel]:
    """Annotate the last finished capture, whether one is under way, and the due time."""
    return qs.select_related("capture_schedule").annotate(
        last_capture_at=Max("captures__finished_at", filter=Q(captures__state=JobState.DONE)),
        capture_running=Exists(Capture.objects.filter(channel=OuterRef("pk"), state__in=IN_FLIGHT)),
    )


def _overdue_q(now: datetime) -> Q:
    """Channels past due plus the grace period; one without a schedule is due since it started."""
    cutoff = now - conf.overdue_grace()
    return Q(capture_schedule__next_due_at__lte=cutoff) | Q(
        capture_schedule__isnull=True, status_changed_at__lte=cutoff
    )


def channels_due(now: datetime | None = None) -> QuerySet[Channel]:
    """Running channels whose scheduled capture is due (or that never had a schedule)."""
    now = now or timezone.now()
    return Channel.objects.filter(status__in=SCHEDULED_STATES).filter(
        Q(capture_schedule__next_due_at__lte=now) | Q(capture_schedule__isnull=True)
    )


def channels_overdue(now: datetime | None = None) -> QuerySet[Channel]:
    """Running channels whose capture is missing past the grace period (R22: flagged)."""
    now = now or timezone.now()
    return Channel.objects.filter(status__in=SCHEDULED_STATES).filter(_overdue_q(now))


@dataclass(frozen=True)
class CaptureStatus:
    """A channel's capture standing, for its page and the register."""

    schedule: CaptureSchedule | None
    last_done: Capture | None
    in_flight: Capture | None
    next_due_at: datetime | None
    overdue: bool


def channel_capture_status(channel: Channel) -> CaptureStatus:
    """Where one channel stands: last capture, the one under way, next due, overdue or not."""
    schedule = CaptureSchedule.objects.filter(channel=channel).first()
    last_done = channel.captures.filter(state=JobState.DONE).order_by("-finished_at").first()
    scheduled = channel.status in SCHEDULED_STATES
    due = schedule.next_due_at if schedule else (channel.status_changed_at if scheduled else None)
    overdue = bool(scheduled and due and due <= timezone.now() - conf.overdue_grace())
    return CaptureStatus(schedule, last_done, capture_in_flight(channel), due, overdue)


@dataclass(frozen=True)
class CaptureRegisterRow:
    """A channel in the capture register: when its capture is due and whether it is overdue.

    The channel carries the annotations of ``_with_capture_facts`` (last capture, under way).
    """

    channel: Channel
    due_at: datetime | None
    overdue: bool


def channels_capture_register(
    actor: Actor, *, overdue_only: bool = False
) -> list[CaptureRegisterRow]:
    """Running channels the person may see, with capture facts and an `overdue` flag each."""
    now = timezone.now()
    qs = _with_capture_facts(channels_visible_to(actor).filter(status__in=SCHEDULED_STATES))
    overdue_ids = set(qs.filter(_overdue_q(now)).values_list("pk", flat=True))
    rows = []
    for channel in qs:
        overdue = channel.pk in overdue_ids
        schedule = getattr(channel, "capture_schedule", None)
        due_at = schedule.next_due_at if schedule else channel.status_changed_at
        if overdue or not overdue_only:
            rows.append(CaptureRegisterRow(channel, due_at, overdue))
    return rows


def captures_for(actor: Actor) -> QuerySet[Capture]:
    """Every capture of a channel the person may see."""
    return Capture.objects.restrict(actor, "view").select_related("channel", "channel__platform")
