"""The security finding in the demo itself: chef.kultur points an RSS feed at a loopback server."""

from django.test import Client

from tillit.core.net.tests.server import counting_server
from tillit.inbox.crypto import encrypt_config
from tillit.inbox.models import Connection

REFUSED = "Adressen får inte peka på en intern eller lokal server"
NOT_CONNECTED = "Tillit anslöt inte: adressen pekar på en intern eller lokal server"


def test_the_reported_attack_as_chef_kultur_in_the_demo(db):
    """The finding step by step: the demo's manager, the RSS channel, a loopback feed."""
    from tillit.channels.models import Channel
    from tillit.demo.data import DEMO_PASSWORD, load_demo

    load_demo()
    client = Client()
    assert client.login(username="chef.kultur", password=DEMO_PASSWORD)
    blog = Channel.objects.get(name="Kulturbloggen")
    url = f"/register/{blog.public_id}/koppling/"
    for slug in ("rss", "mastodon", "youtube", "bluesky"):
        assert client.get(f"{url}?connector={slug}").status_code == 200
    feed = b"<rss version='2.0'><channel><title>INTERNAL-SECRET-FEED-TITLE</title></channel></rss>"
    with counting_server(routes={"/feed": (200, "application/rss+xml", feed)}) as server:
        response = client.post(url, {"connector": "rss", "p_feed_url": f"{server.url}/feed"})
        assert response.status_code == 200 and REFUSED in response.content.decode()
        assert not Connection.objects.filter(channel=blog).exists()
        # Even a connection that got stored some other way is never fetched.
        Connection.objects.create(
            channel=blog,
            connector="rss",
            config_encrypted=encrypt_config({"feed_url": f"{server.url}/feed"}),
        )
        page = client.post(f"{url}test/", follow=True).content.decode()
        assert NOT_CONNECTED in page and "INTERNAL-SECRET-FEED-TITLE" not in page
        assert server.count == 0
