"""Capture schedules: how often, when next, and telling people once when a capture is overdue."""

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy

from tillit.access.actor import SCHEDULER, Actor, as_actor
from tillit.audit.services import audit_record
from tillit.channels.models import Channel
from tillit.core.exceptions import NotFound
from tillit.core.messages import Message
from tillit.organisation.models import Person
from tillit.organisation.notify import notify
from tillit.organisation.selectors import managers_of

from ..models import CaptureSchedule
from ..permissions import can_set_schedule
from ..selectors import SCHEDULED_STATES, channels_overdue


def schedule_ensure(channel: Channel, *, due: datetime | None = None) -> CaptureSchedule:
    """The channel's schedule, created due now (or at `due`) with the default interval."""
    schedule, _created = CaptureSchedule.objects.get_or_create(
        channel=channel, defaults={"next_due_at": due or timezone.now()}
    )
    return schedule


@transaction.atomic
def schedule_set(*, actor: Actor | Person, channel: Channel, interval_days: int) -> CaptureSchedule:
    """Change how often the channel is captured; the next due time follows the last capture."""
    if not can_set_schedule(as_actor(actor), channel):
        raise NotFound
    schedule = schedule_ensure(channel)
    schedule = CaptureSchedule.objects.select_for_update().get(pk=schedule.pk)
    previous = schedule.interval_days
    schedule.interval_days = interval_days
    if schedule.last_done_at is not None:
        schedule.next_due_at = schedule.last_done_at + timedelta(days=interval_days)
    schedule.full_clean()
    schedule.save()
    audit_record(
        actor=actor,
        action="archive.schedule_set",
        obj=channel,
        detail={"from_days": previous, "to_days": interval_days},
    )
    return schedule


def schedule_after_capture(channel: Channel, finished_at: datetime) -> CaptureSchedule:
    """Move the next due time on from a finished capture; call inside the capture's transaction."""
    schedule = schedule_ensure(channel)
    schedule = CaptureSchedule.objects.select_for_update().get(pk=schedule.pk)
    schedule.last_done_at = finished_at
    schedule.next_due_at = finished_at + timedelta(days=schedule.interval_days)
    schedule.save(update_fields=["last_done_at", "next_due_at", "updated_at"])
    return schedule


def _responsible(channel: Channel) -> list[Person]:
    """Who hears about an overdue capture: the channel's administrators and its manager."""
    from tillit.access.roles import MandateRole
    from tillit.channels.models import Mandate

    admins = Person.objects.filter(
        mandates__in=Mandate.objects.valid_on(timezone.localdate()).filter(
            channel=channel, role=MandateRole.ADMINISTRATOR
        )
    ).distinct()
    return [*admins, *managers_of(channel.department)]


def schedules_flag_overdue(now: datetime | None = None) -> int:
    """Notify the responsible people once per overdue period; return how many were flagged."""
    now = now or timezone.now()
    flagged = 0
    for channel in channels_overdue(now).select_related("department"):
        with transaction.atomic():
            schedule = schedule_ensure(channel, due=channel.status_changed_at)
            schedule = CaptureSchedule.objects.select_for_update().get(pk=schedule.pk)
            if channel.status not in SCHEDULED_STATES:
                continue
            if schedule.overdue_notified_for == schedule.next_due_at:
                continue  # already told for this period
            schedule.overdue_notified_for = schedule.next_due_at
            schedule.save(update_fields=["overdue_notified_for", "updated_at"])
            notify(
                people=_responsible(channel),
                subject=Message(
                    gettext_lazy("%(channel)s: the archive capture is overdue"),
                    channel=channel.name,
                ),
                body=Message(
                    gettext_lazy(
                        "The channel's public page has not been captured since it was due on "
                        "%(due)s. Captures are kept every six months and before big changes "
                        "(R22)."
                    ),
                    due=timezone.localtime(schedule.next_due_at).date().isoformat(),
                ),
                url=f"/arkiv/kanal/{channel.public_id}/",
            )
            audit_record(
                actor=SCHEDULER,
                action="archive.capture_overdue",
                obj=channel,
                detail={"due": schedule.next_due_at.isoformat()},
            )
            flagged += 1
    return flagged
