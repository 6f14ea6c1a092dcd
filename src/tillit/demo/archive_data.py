"""The archive part of the demo: capture schedules, one of them overdue; no browser is run."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from tillit.archive.models import CaptureSchedule
from tillit.archive.selectors import SCHEDULED_STATES
from tillit.channels.models import Channel

#: The demo channel whose capture is shown as overdue (the first running one by name if absent).
OVERDUE_CHANNEL = "Piteå bibliotek"


@transaction.atomic
def load_archive_demo() -> None:
    """Give each running channel a schedule; mark one overdue. Safe to run again."""
    now = timezone.now()
    channels = list(Channel.objects.filter(status__in=SCHEDULED_STATES).order_by("name"))
    if not channels:
        return
    overdue = next((c for c in channels if c.name == OVERDUE_CHANNEL), channels[0])
    for index, channel in enumerate(channels):
        if channel == overdue:
            # Due a month ago and past the grace period: the register flags it.
            due = now - timedelta(days=30)
        else:
            due = now + timedelta(days=40 + 15 * index)
        CaptureSchedule.objects.get_or_create(channel=channel, defaults={"next_due_at": due})
