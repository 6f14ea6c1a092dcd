"""Saved replies per channel: only the channel's administrators manage them, every change audited."""

import pytest

from tillit.audit.models import AuditEntry
from tillit.channels.models import SavedReply
from tillit.channels.services.saved_replies import (
    saved_reply_create,
    saved_reply_delete,
    saved_reply_update,
)
from tillit.core.exceptions import NotFound
from tillit.testing import make_active_channel

from .test_views import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def channel(org, today):
    return make_active_channel(org, today)


def test_the_administrator_creates_edits_and_deletes_audited(org, channel):
    client = client_for("staff_1")  # the channel's administrator
    base = f"/register/{channel.public_id}/sparade-svar/"
    assert client.get(base).status_code == 200
    response = client.post(base, {"title": "Öppettider", "text": "Vi har öppet 8–16."})
    assert response.status_code == 302
    reply = SavedReply.objects.get(channel=channel)
    assert "Öppettider" in client.get(base).content.decode()
    client.post(f"{base}{reply.pk}/", {"title": "Tider", "text": "Vi har öppet 9–15."})
    reply.refresh_from_db()
    assert (reply.title, reply.text) == ("Tider", "Vi har öppet 9–15.")
    client.post(f"{base}{reply.pk}/radera/")
    assert not SavedReply.objects.exists()
    actions = list(
        AuditEntry.objects.filter(action__startswith="saved_reply.").values_list(
            "action", flat=True
        )
    )
    assert actions == ["saved_reply.create", "saved_reply.update", "saved_reply.delete"]


@pytest.mark.parametrize("who", ["staff_2", "manager_a", "info_a", "admin", "outsider"])
def test_no_one_else_manages_them(org, channel, who):
    reply = saved_reply_create(actor=org["staff_1"], channel=channel, title="T", text="Text")
    client = client_for(who)
    base = f"/register/{channel.public_id}/sparade-svar/"
    assert client.get(base).status_code == 404
    assert client.post(base, {"title": "X", "text": "Y"}).status_code == 404
    assert client.get(f"{base}{reply.pk}/").status_code == 404
    assert client.post(f"{base}{reply.pk}/radera/").status_code == 404
    for call in (
        lambda: saved_reply_create(actor=org[who], channel=channel, title="X", text="Y"),
        lambda: saved_reply_update(actor=org[who], reply=reply, title="X", text="Y"),
        lambda: saved_reply_delete(actor=org[who], reply=reply),
    ):
        with pytest.raises(NotFound):
            call()
    assert SavedReply.objects.get().title == "T"


def test_the_link_shows_only_for_the_administrator(org, channel):
    link = f"/register/{channel.public_id}/sparade-svar/"
    assert link in client_for("staff_1").get(f"/register/{channel.public_id}/").content.decode()
    page = client_for("manager_a").get(f"/register/{channel.public_id}/").content.decode()
    assert link not in page


def test_bad_input_keeps_the_text(org, channel):
    client = client_for("staff_1")
    base = f"/register/{channel.public_id}/sparade-svar/"
    response = client.post(base, {"title": "   ", "text": "Mitt långa svar som inte får försvinna"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Rubrik: Det här fältet är obligatoriskt." in html
    assert "Mitt långa svar som inte får försvinna" in html
    assert not SavedReply.objects.exists()


def test_another_channels_reply_is_not_found(org, channel, today):
    from tillit.testing import make_channel, staff, walk_to_active

    other = make_channel(org, name="Annan")
    staff(org, other, today)
    other = walk_to_active(org, other)
    reply = saved_reply_create(actor=org["staff_1"], channel=other, title="T", text="Text")
    client = client_for("staff_1")
    assert client.get(f"/register/{channel.public_id}/sparade-svar/{reply.pk}/").status_code == 404


def test_the_service_refuses_blank_text_in_swedish(org, channel):
    from django.core.exceptions import ValidationError
    from django.utils import translation

    with translation.override("sv"), pytest.raises(ValidationError) as caught:
        saved_reply_create(actor=org["staff_1"], channel=channel, title=" \t", text="\n ")
    assert caught.value.message_dict == {
        "title": ["Ge det sparade svaret en kort rubrik."],
        "text": ["Skriv svarets text."],
    }
