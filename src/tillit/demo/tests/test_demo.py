"""The demo loads through the services and leaves an intact audit trail."""

import pytest
from django.core.management import call_command
from django.test import Client

from tillit.audit.services import audit_verify
from tillit.channels.models import Channel
from tillit.core import queues
from tillit.demo.data import CHANNELS, load_demo

pytestmark = pytest.mark.django_db


def test_demo_loads_channels_in_several_states():
    load_demo()
    states = set(Channel.objects.values_list("status", flat=True))
    assert {"active", "draft", "proposed", "approved", "link_sent", "paused", "closed"} <= states
    assert Channel.objects.count() == len(CHANNELS)
    assert audit_verify().ok
    active = set(Channel.objects.filter(status="active").values_list("name", flat=True))
    listed = {c["name"] for c in Client().get("/api/v1/directory/channels").json()}
    assert listed == active and len(active) == 6  # incl. the simulated Mastodon channel


def test_demo_command_without_serving(capsys):
    call_command("demo", "--no-serve", "--port", "8799")
    out = capsys.readouterr().out
    assert "http://127.0.0.1:8799/kanaler/" in out and "chef.kultur" in out
    from tillit.demo.history_data import history_loaded

    assert history_loaded()  # the half-year behind the demo, for the follow-up reports
    call_command("demo", "--no-serve")  # idempotent: a second start reuses the data
    assert Channel.objects.count() == len(CHANNELS)


def test_demo_posts_in_every_state(settings):
    # Tasks held: the demo's worker, not the loader, releases what is due.
    settings.TASKS = {"default": queues.backend("django_tasks.backends.dummy.DummyBackend")}
    from tillit.publishing.models import Post

    load_demo()
    states = {str(p): p.state for p in Post.objects.all()}
    blocked = Post.objects.get(text__contains="20150612-2389")
    assert blocked.state == "draft" and blocked.checks.filter(allowed=False).exists()
    waiting = Post.objects.get(text__startswith="Julens öppettider")
    assert waiting.state == "pending" and waiting.scheduled_at is not None
    assert sorted(states.values()).count("approved") == 3  # one scheduled, two due now
    assert Post.objects.filter(images__isnull=False).exists()
