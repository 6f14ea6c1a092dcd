"""Overdue captures are flagged in the register and told to the responsible people once."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from tillit.access.actor import actor_for
from tillit.archive.models import CaptureSchedule
from tillit.archive.selectors import channel_capture_status, channels_capture_register
from tillit.archive.services import schedule_set, schedules_flag_overdue
from tillit.archive.tasks import flag_overdue
from tillit.core.exceptions import NotFound
from tillit.organisation.models import Notice
from tillit.testing import PASSWORD

pytestmark = pytest.mark.django_db


def _make_overdue(channel, days=30):
    CaptureSchedule.objects.update_or_create(
        channel=channel, defaults={"next_due_at": timezone.now() - timedelta(days=days)}
    )


def test_overdue_is_flagged_and_notified_once_per_period(org, active_channel, done_capture):
    assert not channel_capture_status(active_channel).overdue
    _make_overdue(active_channel)
    assert channel_capture_status(active_channel).overdue
    assert flag_overdue.call() == 1
    told = set(Notice.objects.filter(subject__contains="overdue").values_list("person", flat=True))
    assert told == {org["staff_1"].pk, org["manager_a"].pk}  # administrator and manager
    assert schedules_flag_overdue() == 0  # once per overdue period
    _make_overdue(active_channel, days=20)  # a new period (a later due time)
    assert schedules_flag_overdue() == 1


def test_a_new_channel_is_overdue_only_after_the_grace_period(active_channel):
    assert not channel_capture_status(active_channel).overdue
    later = timezone.now() + timedelta(days=15)
    from tillit.archive.selectors import channels_overdue

    assert list(channels_overdue(later)) == [active_channel]


def test_register_lists_overdue_channels_for_archivists(org, active_channel):
    _make_overdue(active_channel)
    rows = channels_capture_register(actor_for(org["archivist"]), overdue_only=True)
    assert [r.channel.pk for r in rows] == [active_channel.pk] and rows[0].overdue
    assert channels_capture_register(actor_for(org["outsider"])) == []
    client = Client()
    client.login(username="archivist", password=PASSWORD)
    page = client.get("/arkiv/?overdue=1")
    assert page.status_code == 200
    html = page.content.decode()
    assert active_channel.name in html and '<span class="flag">' in html


def test_schedule_is_set_by_the_manager_and_audited(org, active_channel, done_capture):
    schedule = schedule_set(actor=org["manager_a"], channel=active_channel, interval_days=30)
    assert schedule.next_due_at == done_capture.finished_at + timedelta(days=30)
    with pytest.raises(NotFound):
        schedule_set(actor=org["staff_2"], channel=active_channel, interval_days=30)
