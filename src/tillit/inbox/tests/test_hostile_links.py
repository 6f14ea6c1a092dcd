"""Finding 2 of the security review: platform-chosen addresses never become script links.

An RSS entry with ``<link>javascript:alert(document.domain)</link>`` once rendered as
``<a href="javascript:…">Öppna</a>``. These tests take hostile feeds and a hostile
Mastodon instance through the real connectors, polling and ingest, then read the item
page and the queue as a browser would.
"""

from __future__ import annotations

import httpx
import pytest
import respx

from tillit.channels.models import Platform
from tillit.connectors.tests.conftest import fixture_bytes
from tillit.core.tests.html_checks import anchors, unsafe_urls
from tillit.inbox.models import Item
from tillit.inbox.services.connections import connection_set
from tillit.inbox.services.polling import poll_connection
from tillit.testing import PASSWORD

FEED = "https://exempelby.se/nyheter.rss"
SCRIPT = "javascript:alert(document.domain)"


def _client(client, username: str):
    client.login(username=username, password=PASSWORD)
    return client


@pytest.fixture
def rss_items(org, active_channel, public_dns):
    """The hostile feed polled into the active channel through the RSS connector."""
    connection = connection_set(
        actor=org["manager_a"], channel=active_channel, connector="rss", config={"feed_url": FEED}
    )
    with respx.mock(assert_all_mocked=True) as router:
        router.get(FEED).respond(content=fixture_bytes("rss", "hostile_links.xml"))
        result = poll_connection(connection)
    assert result is not None and result.created == 5
    return {i.platform_id: i for i in Item.objects.filter(channel=active_channel)}


@pytest.mark.django_db
def test_rss_script_links_are_not_stored_as_links(rss_items):
    for platform_id in ("hostile-1", "hostile-2", "hostile-3", "hostile-4"):
        item = rss_items[platform_id]
        assert item.permalink == "", platform_id
        assert item.author.profile_url == ""
        # The payload is evidence and stays exactly as received.
        assert "script" in item.raw["link"].lower() or item.raw["link"].startswith("data:")
    assert rss_items["hostile-1"].raw["link"] == SCRIPT
    assert rss_items["plain-5"].permalink == "https://exempelby.se/nyheter/vanlig"


@pytest.mark.django_db
def test_rss_item_pages_and_queue_have_no_script_links(client, rss_items):
    client = _client(client, "staff_1")
    for item in rss_items.values():
        page = client.get(f"/inkorg/{item.pk}/")
        assert page.status_code == 200
        html = page.content.decode()
        assert unsafe_urls(html) == [], item.platform_id
        assert not [h for h, _t in anchors(html) if "script" in h.lower() or "data:" in h]
    plain = client.get(f"/inkorg/{rss_items['plain-5'].pk}/").content.decode()
    assert ("https://exempelby.se/nyheter/vanlig", "Öppna") in anchors(plain)
    queue = client.get("/inkorg/")
    assert queue.status_code == 200 and unsafe_urls(queue.content) == []


@pytest.mark.django_db
def test_a_script_permalink_already_stored_renders_as_text(client, rss_items):
    """Rows stored before the fix still carry the address; the page shows it, unlinked."""
    item = rss_items["hostile-1"]
    Item.objects.filter(pk=item.pk).update(permalink=SCRIPT)
    type(item.author).objects.filter(pk=item.author.pk).update(profile_url=" JAVASCRIPT:alert(1)")
    html = _client(client, "staff_1").get(f"/inkorg/{item.pk}/").content.decode()
    assert unsafe_urls(html) == []
    assert not [href for href, _text in anchors(html) if "alert" in href]
    # Shown as text, so the reviewer sees what the platform sent.
    assert "javascript:alert(document.domain)" in html
    assert "inte en webbadress, så ingen länk" in html


@pytest.fixture
def mastodon_channel(org, active_channel, mastodon_mock_server, settings):
    # The mock instance listens on 127.0.0.1: allowed like a self-hosted instance would be.
    settings.TILLIT_OUTBOUND_ALLOW_HOSTS = {"127.0.0.1"}
    Platform.objects.create(slug="mastodon", name="Mastodon", decision="allowed")
    alice = mastodon_mock_server.client("alice")
    connection = connection_set(
        actor=org["manager_a"],
        channel=active_channel,
        connector="mastodon",
        config={"api_base_url": mastodon_mock_server.base_url, "access_token": "alice_token"},
    )
    connection.account_platform_id = str(alice.me().id)
    connection.save()
    return active_channel


@pytest.mark.django_db
def test_mastodon_remote_script_urls_are_dropped_and_pages_stay_clean(
    client, mastodon_channel, mastodon_mock_server
):
    server = mastodon_mock_server
    alice, bob = server.client("alice"), server.client("bob")
    post = alice.status_post("Öppet hus på lördag", visibility="public")
    bob.status_post("@alice Vilken tid?", in_reply_to_id=post.id)
    # What the instance really sends, with the addresses a hostile remote server chooses.
    answer = httpx.get(
        f"{server.base_url}/api/v1/notifications",
        params={"types[]": "mention"},
        headers={"Authorization": "Bearer alice_token"},
    ).json()
    assert answer, "mastodon-mock sent no mention"
    for notification in answer:
        notification["status"]["url"] = SCRIPT
        notification["status"]["account"]["url"] = "JavaScript:alert(document.cookie)"
    # The mock's own fault helper imports a module it does not ship; its endpoint works.
    rule = {
        "match": {"path": "/api/v1/notifications"},
        "effect": {"type": "status", "status": 200, "body": answer},
        "count": 1,
    }
    httpx.post(f"{server.base_url}/api/v1/_mock/faults", json=rule).raise_for_status()
    result = poll_connection(mastodon_channel.connection)
    assert result is not None and result.created >= 1
    item = Item.objects.get(channel=mastodon_channel, kind="comment")
    assert item.raw["url"] == SCRIPT
    # A hostile "url" falls back to the status's ActivityPub id, an https address.
    assert item.permalink.startswith(("https://", "http://")) and "javascript" not in item.permalink
    assert item.author.profile_url == ""

    client = _client(client, "staff_1")
    html = client.get(f"/inkorg/{item.pk}/").content.decode()
    assert unsafe_urls(html) == [] and "javascript:" not in html.lower()
    assert "JavaScript:alert(document.cookie)" not in html  # dropped at the source, not shown
    assert (item.permalink, "Öppna") in anchors(html)
    assert unsafe_urls(client.get("/inkorg/").content) == []
