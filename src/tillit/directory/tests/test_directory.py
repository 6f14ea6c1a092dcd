"""The public link collection (R9): only active channels, as HTML, JSON and Atom, cached."""

import xml.etree.ElementTree as ET

import pytest
from django.test import Client

from tillit.channels import services as ch
from tillit.testing import days, make_active_channel, make_channel

pytestmark = pytest.mark.django_db


@pytest.fixture
def mixed(org, today):
    active = make_active_channel(org, today - days(2))
    draft = make_channel(org, name="Hemligt utkast")
    return active, draft


def test_page_lists_only_active_channels(mixed):
    active, draft = mixed
    text = Client().get("/kanaler/").content.decode()
    assert active.name in text and active.url in text and active.purpose in text
    assert draft.name not in text
    assert "Avdelning A" in text and "Facebook" in text


def test_json_shape(mixed):
    active, _ = mixed
    data = Client().get("/api/v1/directory/channels").json()
    assert data == [
        {
            "id": str(active.public_id),
            "name": active.name,
            "platform": "Facebook",
            "platform_slug": "facebook",
            "url": active.url,
            "department": "Avdelning A",
            "purpose": active.purpose,
        }
    ]


def test_atom_feed(mixed):
    active, draft = mixed
    response = Client().get("/kanaler/feed.atom")
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    titles = [e.text for e in root.iter("{http://www.w3.org/2005/Atom}title")]
    assert any(active.name in (t or "") for t in titles)
    assert not any(draft.name in (t or "") for t in titles)


def test_schema_documents_the_directory():
    response = Client().get("/api/v1/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    assert "/api/v1/directory/channels" in response.content.decode()


def test_cache_is_invalidated_when_a_channel_changes(
    org, mixed, django_capture_on_commit_callbacks
):
    active, _ = mixed
    client = Client()
    assert len(client.get("/api/v1/directory/channels").json()) == 1
    assert "public" in client.get("/api/v1/directory/channels")["Cache-Control"]
    with django_capture_on_commit_callbacks(execute=True):
        ch.channel_transition(actor=org["manager_a"], channel=active, name="pause")
    assert client.get("/api/v1/directory/channels").json() == []
    assert active.name not in client.get("/kanaler/").content.decode()


def test_cached_json_costs_no_queries(mixed, django_assert_num_queries):
    client = Client()
    client.get("/api/v1/directory/channels")
    with django_assert_num_queries(0):
        client.get("/api/v1/directory/channels")


def test_public_channel_page_shows_sender_and_rules(org, mixed):
    active, draft = mixed
    text = Client().get(f"/kanaler/{active.public_id}/").content.decode()
    assert org.organisation.sender_statement in text
    assert org.organisation.comment_policy_text in text
    assert Client().get(f"/kanaler/{draft.public_id}/").status_code == 404


def test_accessibility_statement_and_report(org, django_capture_on_commit_callbacks):
    from tillit.organisation.models import Notice

    client = Client()
    assert client.get("/tillganglighet/").status_code == 200
    response = client.post(
        "/tillganglighet/", {"page": "/kanaler/", "description": "Kontrast", "contact": ""}
    )
    assert response.status_code == 302
    assert Notice.objects.filter(person=org["admin"]).exists()


HOSTILE = "\x1b\x0b\ufffe\uffff"


def test_atom_feed_stays_well_formed_with_control_characters(mixed):
    import feedparser
    from lxml import etree

    from tillit.channels.models import Channel

    active, _ = mixed
    Channel.objects.filter(pk=active.pk).update(
        name=f"Kanal{HOSTILE}namn", purpose=f"Syfte\x1b{HOSTILE}"
    )
    response = Client().get("/kanaler/feed.atom")
    assert response.status_code == 200
    root = etree.fromstring(response.content, etree.XMLParser(recover=False))
    titles = [e.text for e in root.iter("{http://www.w3.org/2005/Atom}title")]
    assert "Kanal\ufffd\ufffd\ufffd\ufffdnamn (Facebook)" in titles
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.entries[0].title == "Kanal\ufffd\ufffd\ufffd\ufffdnamn (Facebook)"


def test_atom_summary_is_text_to_a_feed_reader(mixed):
    """Atom1Feed declares the summary type="html": a purpose with markup must arrive escaped."""
    from lxml import etree

    from tillit.channels.models import Channel

    active, _ = mixed
    Channel.objects.filter(pk=active.pk).update(purpose="<script>alert(1)</script> & <b>fet</b>")
    root = etree.fromstring(Client().get("/kanaler/feed.atom").content)
    [summary] = root.iter("{http://www.w3.org/2005/Atom}summary")
    assert summary.get("type") == "html"
    # What a reader renders as HTML: the text shows the markup, so it is not markup.
    assert summary.text.startswith("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;fet")
