"""Closing a channel captures its page first (LEGAL.md "Snapshots": always before closing)."""

import pytest

from tillit.archive.models import Capture
from tillit.channels.services import channel_transition

pytestmark = pytest.mark.django_db


def test_closing_a_channel_queues_a_capture_first(
    org, active_channel, fake_engine, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        channel_transition(
            actor=org["manager_a"], channel=active_channel, name="close", comment="Avvecklas."
        )
    capture = Capture.objects.get(channel=active_channel)
    assert capture.reason == "before_close" and capture.state == "done"
    assert capture.requested_by == org["manager_a"]


def test_a_refused_close_leaves_no_capture(org, active_channel):
    from tillit.channels.services.lifecycle import TransitionRefused

    with pytest.raises(TransitionRefused):
        channel_transition(actor=org["manager_a"], channel=active_channel, name="close")
    assert not Capture.objects.exists()
