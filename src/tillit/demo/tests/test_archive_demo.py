"""The archive demo: schedules for running channels, one overdue, no browser, idempotent."""

import pytest

from tillit.archive.models import Capture, CaptureSchedule
from tillit.archive.selectors import channels_overdue
from tillit.demo.archive_data import load_archive_demo

pytestmark = pytest.mark.django_db


def test_demo_schedules_and_one_overdue(active_channel):
    load_archive_demo()
    load_archive_demo()
    assert CaptureSchedule.objects.count() == 1
    assert list(channels_overdue()) == [active_channel]
    assert not Capture.objects.exists()
