"""Connection settings in the interface: internal addresses refused, tokens bound to their host.

The finding this answers: a manager saved an RSS feed at http://127.0.0.1:9911/feed, pressed
"test connection" and read the internal server's answer. Each test here proves the server got
no request at all.
"""

import pytest
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext

from tillit.audit.models import AuditEntry
from tillit.connectors.registry import all_connectors
from tillit.core.net.tests.server import counting_server
from tillit.inbox.crypto import decrypt_config, encrypt_config
from tillit.inbox.models import Connection
from tillit.testing import PASSWORD

pytestmark = pytest.mark.django_db

REFUSED = "Adressen får inte peka på en intern eller lokal server"
NOT_CONNECTED = "Tillit anslöt inte: adressen pekar på en intern eller lokal server"
URL_PARAMS = sorted(
    (slug, p.name) for slug, cls in all_connectors().items() for p in cls.url_parameters()
)


def client_for(username):
    client = Client()
    client.login(username=username, password=PASSWORD)
    return client


def form_data(slug, param, url, **extra):
    """A complete form for the connector with url in its address field."""
    cls = all_connectors()[slug]
    data = {"connector": slug}
    for p in cls.parameters:
        if p.required:
            data[f"p_{p.name}"] = "tok-secret" if p.secret else "1"
    data[f"p_{param}"] = url
    data.update(extra)
    return data


@pytest.mark.parametrize("slug", sorted(all_connectors()))
def test_the_connection_page_opens_for_every_connector(org, active_channel, slug):
    client = client_for("manager_a")
    url = f"/register/{active_channel.public_id}/koppling/?connector={slug}"
    response = client.get(url)
    assert response.status_code == 200
    with translation.override("sv"):
        assert gettext(all_connectors()[slug].label) in response.content.decode()


@pytest.mark.parametrize("slug", sorted(all_connectors()))
def test_the_page_opens_with_a_stored_connection_of_every_connector(org, active_channel, slug):
    cls = all_connectors()[slug]
    config = {p.name: "https://x.example" if p.url else "1" for p in cls.parameters}
    Connection.objects.create(
        channel=active_channel, connector=slug, config_encrypted=encrypt_config(config)
    )
    response = client_for("manager_a").get(f"/register/{active_channel.public_id}/koppling/")
    with translation.override("sv"):
        assert response.status_code == 200 and gettext(cls.label) in response.content.decode()


@pytest.mark.parametrize(("slug", "param"), URL_PARAMS)
@pytest.mark.parametrize(
    "target",
    [
        "http://127.0.0.1:{port}/feed",
        "http://10.0.0.5/feed",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]:{port}/feed",
        "http://localhost:{port}/feed",
        "http://intern.kommun.example:{port}/feed",
    ],
)
def test_saving_an_internal_address_is_refused_in_swedish(
    org, active_channel, slug, param, target, public_dns
):
    public_dns["intern.kommun.example"] = ["127.0.0.1"]
    public_dns["localhost"] = ["127.0.0.1", "::1"]
    with counting_server() as server:
        response = client_for("manager_a").post(
            f"/register/{active_channel.public_id}/koppling/",
            form_data(slug, param, target.format(port=server.port)),
        )
        assert response.status_code == 200
        assert REFUSED in response.content.decode()
        assert server.count == 0
    assert not Connection.objects.exists()


@pytest.mark.parametrize(("slug", "param"), URL_PARAMS)
def test_test_connection_of_a_stored_internal_address_makes_no_request(
    org, active_channel, slug, param
):
    # A connection saved before addresses were checked (or written around the form).
    client = client_for("manager_a")
    with counting_server() as server:
        config = {
            k.removeprefix("p_"): v
            for k, v in form_data(slug, param, f"{server.url}/feed").items()
            if k.startswith("p_")
        }
        Connection.objects.create(
            channel=active_channel, connector=slug, config_encrypted=encrypt_config(config)
        )
        response = client.post(f"/register/{active_channel.public_id}/koppling/test/", follow=True)
        page = response.content.decode()
        assert NOT_CONNECTED in page and "INTERNAL-SECRET" not in page
        assert server.count == 0


def test_redirect_to_a_private_address_is_refused_on_test_connection(org, active_channel, settings):
    settings.TILLIT_OUTBOUND_ALLOW_HOSTS = {"127.0.0.1"}
    client = client_for("manager_a")
    url = f"/register/{active_channel.public_id}/koppling/"
    with counting_server() as inner:
        lure = f"http://localhost:{inner.port}/feed"
        with counting_server(redirect_all=lure) as outer:
            saved = client.post(url, {"connector": "rss", "p_feed_url": f"{outer.url}/feed"})
            assert saved.status_code == 302
            page = client.post(f"{url}test/", follow=True).content.decode()
            assert NOT_CONNECTED in page
            assert outer.count == 1
        assert inner.count == 0


def test_changing_the_address_clears_the_token_unless_typed_again(org, active_channel, public_dns):
    client = client_for("manager_a")
    url = f"/register/{active_channel.public_id}/koppling/"
    first = {
        "connector": "mastodon",
        "p_api_base_url": "https://social.kommun.example",
        "p_access_token": "token-for-kommun",
    }
    assert client.post(url, first).status_code == 302
    # Same host, token left empty: kept.
    same = {**first, "p_api_base_url": "https://social.kommun.example/", "p_access_token": ""}
    assert client.post(url, same).status_code == 302
    assert decrypt_config(Connection.objects.get().config_encrypted)["access_token"] == (
        "token-for-kommun"
    )
    # Another host, token left empty: refused, nothing changes, the field says why.
    moved = {**same, "p_api_base_url": "https://mastodon.evil.example"}
    response = client.post(url, moved)
    assert response.status_code == 200
    assert "En hemlighet skickas bara till den server den sparades för" in (
        response.content.decode()
    )
    stored = decrypt_config(Connection.objects.get().config_encrypted)
    assert stored["api_base_url"] == "https://social.kommun.example/"
    # Another host with a new token typed: saved, and only the new token is there.
    assert client.post(url, {**moved, "p_access_token": "token-for-new"}).status_code == 302
    stored = decrypt_config(Connection.objects.get().config_encrypted)
    assert stored == {
        "api_base_url": "https://mastodon.evil.example",
        "access_token": "token-for-new",
    }


def test_an_optional_secret_is_cleared_when_the_address_moves(org, active_channel, public_dns):
    from tillit.inbox.services.connections import connection_set

    connection_set(
        actor=org["manager_a"],
        channel=active_channel,
        connector="bluesky",
        config={
            "identifier": "k.bsky.social",
            "app_password": "pw",
            "service": "https://bsky.social",
        },
    )
    # app_password is required, so moving the PDS without it is refused ...
    response = client_for("manager_a").post(
        f"/register/{active_channel.public_id}/koppling/",
        {
            "connector": "bluesky",
            "p_identifier": "k.bsky.social",
            "p_service": "https://pds.example",
        },
    )
    assert response.status_code == 200 and "skriv in det igen" in response.content.decode()
    assert decrypt_config(Connection.objects.get().config_encrypted)["service"] == (
        "https://bsky.social"
    )


def test_audit_records_old_and_new_address_never_secrets(org, active_channel, public_dns):
    client = client_for("manager_a")
    url = f"/register/{active_channel.public_id}/koppling/"
    client.post(
        url,
        {
            "connector": "mastodon",
            "p_api_base_url": "https://social.kommun.example",
            "p_access_token": "tok-one",
        },
    )
    client.post(
        url,
        {
            "connector": "mastodon",
            "p_api_base_url": "https://u:pw@other.example/api?key=abc",
            "p_access_token": "tok-two",
        },
    )
    # User info in an address is refused (it would be a secret outside the secret fields).
    assert decrypt_config(Connection.objects.get().config_encrypted)["access_token"] == "tok-one"
    client.post(
        url,
        {
            "connector": "mastodon",
            "p_api_base_url": "https://other.example/api?key=abc",
            "p_access_token": "tok-two",
        },
    )
    entries = list(AuditEntry.objects.filter(action="connection.set").order_by("seq"))
    assert len(entries) == 2
    assert entries[0].detail["addresses"] == {
        "api_base_url": {"old": None, "new": "https://social.kommun.example"}
    }
    assert entries[1].detail["addresses"] == {
        "api_base_url": {
            "old": "https://social.kommun.example",
            "new": "https://other.example/api?…",
        }
    }
    text = str([e.detail for e in entries])
    assert "tok-one" not in text and "tok-two" not in text and "key=abc" not in text
