"""The publishing pages: composer, post page, calendar, rules; access and bad input."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone, translation

from tillit.access.actor import actor_for
from tillit.channels import services as ch
from tillit.channels.choices import PostApproval
from tillit.connectors.base import Author, InboundItem, ItemKind
from tillit.core import queues
from tillit.inbox.services.ingest import ingest_items
from tillit.publishing.choices import PostState
from tillit.publishing.models import Post
from tillit.publishing.services.posts import Draft, post_save
from tillit.testing import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def channel(org, active_channel, settings):
    settings.TASKS = {"default": queues.backend("django_tasks.backends.dummy.DummyBackend")}
    ch.channel_update(
        actor=org["info_a"], channel=active_channel, post_approval=PostApproval.INFORMATOR
    )
    active_channel.refresh_from_db()
    return active_channel


def _ingest(channel, platform_id: str, kind, text: str) -> None:
    item = InboundItem(
        platform_id=platform_id,
        kind=kind,
        is_public=True,
        text=text,
        author=Author(f"a-{platform_id}", "Kim"),
        received_at=timezone.now(),
    )
    ingest_items(channel=channel, items=[item])


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


def test_moving_to_another_day_keeps_the_time_of_day(org, channel):
    when = timezone.localtime(timezone.now() + timedelta(days=2)).replace(
        hour=9, minute=30, second=0, microsecond=0
    )
    post = post_save(
        actor=actor_for(org["staff_1"]),
        draft=Draft(text="Julmarknad", channel_ids=[channel.pk], scheduled_at=when),
    )
    day = (when + timedelta(days=3)).date()
    client_for(org["staff_1"]).post(
        f"/publicera/{post.pk}/steg/", {"step": "move_day", "day": day.isoformat()}
    )
    post.refresh_from_db()
    moved = timezone.localtime(post.scheduled_at)
    assert moved.date() == day and (moved.hour, moved.minute) == (9, 30)
    # Someone without the post cannot move it; a past day is refused with a message.
    assert (
        client_for(org["info_b"])
        .post(f"/publicera/{post.pk}/steg/", {"step": "move_day", "day": day.isoformat()})
        .status_code
        == 404
    )
    page = client_for(org["staff_1"]).post(
        f"/publicera/{post.pk}/steg/", {"step": "move_day", "day": "2020-01-01"}, follow=True
    )
    post.refresh_from_db()
    assert timezone.localtime(post.scheduled_at).date() == day and "error" in page.content.decode()


def test_a_published_post_can_be_deleted_on_the_platform_as_a_recorded_decision(org, channel):
    from tillit.audit.models import AuditEntry
    from tillit.inbox.models import ActionRequest, Item

    post = post_save(
        actor=actor_for(org["staff_1"]), draft=Draft(text="Hej", channel_ids=[channel.pk])
    )
    _ingest(channel, "p-1", ItemKind.OWN_POST, "Hej")
    target = post.targets.get()
    target.item = Item.objects.get(platform_id="p-1")
    target.state = "published"
    target.save()
    Post.objects.filter(pk=post.pk).update(state=PostState.PUBLISHED)
    client_for(org["staff_1"]).post(
        f"/publicera/{post.pk}/steg/", {"step": "delete", "target": target.pk}
    )
    action = ActionRequest.objects.get(kind="delete")
    assert action.item_id == target.item_id
    assert AuditEntry.objects.filter(action="publishing.target_delete").exists()


def test_a_reply_that_needs_approval_is_sent_to_its_post_page(org, channel):
    from tillit.inbox.models import ActionRequest, Item

    ch.channel_update(actor=org["info_a"], channel=channel, reply_approval=True)
    _ingest(channel, "c-1", ItemKind.COMMENT, "När öppnar ni?")
    item = Item.objects.get(platform_id="c-1")
    response = client_for(org["staff_1"]).post(
        f"/inkorg/{item.pk}/reply/", {"text": "Klockan tio!"}
    )
    post = Post.objects.get(reply_to=item)
    assert response.status_code == 302 and response["Location"] == f"/publicera/{post.pk}/"
    assert post.state == PostState.PENDING and not ActionRequest.objects.exists()
    with translation.override("sv"):
        page = client_for(org["info_a"]).get(f"/publicera/{post.pk}/").content.decode()
    assert "Svar på" in page and "När öppnar ni?" in page and "Registrera beslutet" in page
