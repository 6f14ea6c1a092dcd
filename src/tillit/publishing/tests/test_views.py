"""The publishing pages: composer, post page, calendar, rules; access and bad input."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone, translation

from tillit.access.actor import actor_for
from tillit.channels import services as ch
from tillit.channels.choices import PostApproval
from tillit.publishing.choices import PostState
from tillit.publishing.models import Post
from tillit.publishing.services.posts import Draft, post_save
from tillit.testing import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def channel(org, active_channel, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    ch.channel_update(
        actor=org["info_a"], channel=active_channel, post_approval=PostApproval.INFORMATOR
    )
    active_channel.refresh_from_db()
    return active_channel


def client_for(person) -> Client:
    client = Client()
    assert client.login(username=person.user.username, password=PASSWORD)
    return client


def test_the_composer_keeps_the_text_and_says_what_blocks_it(org, channel):
    client = client_for(org["staff_1"])
    with translation.override("sv"):
        page = client.get("/publicera/nytt/").content.decode()
    assert "Biblioteket" in page and 'type="datetime-local"' in page
    text = "Vinnaren är 19121212-1212, grattis!"
    response = client.post(
        "/publicera/nytt/", {"channels": [channel.pk], "text": text, "submit": "1"}, follow=True
    )
    page = response.content.decode()
    post = Post.objects.get()
    assert post.text == text and post.state == PostState.DRAFT
    assert "<mark" in page and "19121212-1212" in page and 'role="alert"' in page


def test_a_time_in_the_past_is_refused_with_the_text_kept(org, channel):
    client = client_for(org["staff_1"])
    past = (timezone.localtime() - timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        "/publicera/nytt/",
        {"channels": [channel.pk], "text": "Snöröjning i natt", "scheduled_at": past, "save": "1"},
    )
    page = response.content.decode()
    assert response.status_code == 200 and "Snöröjning i natt" in page and "error-summary" in page
    assert not Post.objects.exists()


def test_autosave_creates_and_then_updates_one_draft(org, channel):
    client = client_for(org["staff_1"])
    first = client.post("/publicera/autospara/", {"channels": [channel.pk], "text": "Hej"}).json()
    assert first["saved"] and first["id"]
    second = client.post(
        first["autosave_url"],
        {"channels": [channel.pk], "text": "Hej igen", "version": first["version"]},
    ).json()
    assert second["saved"] and Post.objects.get().text == "Hej igen"
    stale = client.post(first["autosave_url"], {"text": "Gammal", "version": first["version"]})
    assert stale.status_code == 409 and Post.objects.get().text == "Hej igen"


def test_who_sees_a_post(org, channel):
    post = post_save(
        actor=actor_for(org["staff_1"]), draft=Draft(text="Hej", channel_ids=[channel.pk])
    )
    for username, status in [
        ("staff_1", 200),
        ("staff_2", 200),
        ("info_a", 200),
        ("auditor", 200),
        ("info_b", 404),
        ("outsider", 404),
    ]:
        assert client_for(org[username]).get(f"/publicera/{post.pk}/").status_code == status, (
            username
        )


def test_calendar_views_and_rules_page(org, channel):
    when = timezone.now() + timedelta(days=1)
    post = post_save(
        actor=actor_for(org["staff_1"]),
        draft=Draft(text="Julmarknad på torget", channel_ids=[channel.pk], scheduled_at=when),
    )
    Post.objects.filter(pk=post.pk).update(state=PostState.APPROVED, approved_version=1)
    client = client_for(org["staff_1"])
    day = timezone.localdate(when).isoformat()
    for view in ("manad", "vecka", "lista"):
        page = client.get(f"/publicera/kalender/?vy={view}&datum={day}").content.decode()
        assert "Julmarknad" in page, view
    assert client.get("/publicera/kalender/?vy=x&datum=inte-ett-datum").status_code == 200
    assert client_for(org["admin"]).get("/publicera/regler/").status_code == 200
    assert client_for(org["staff_1"]).get("/publicera/regler/").status_code == 404
