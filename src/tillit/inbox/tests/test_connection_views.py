"""Connecting a channel in the interface: managers only, secrets kept and never shown again."""

import httpx
import pytest
import respx
from django.test import Client

from tillit.inbox.crypto import decrypt_config
from tillit.inbox.models import Connection
from tillit.testing import PASSWORD

pytestmark = pytest.mark.django_db


def client_for(username):
    client = Client()
    client.login(username=username, password=PASSWORD)
    return client


def test_manager_connects_and_the_secret_is_never_shown_again(org, active_channel):
    client = client_for("manager_a")
    url = f"/register/{active_channel.public_id}/koppling/"
    response = client.post(
        url,
        {
            "connector": "facebook",
            "p_page_id": "123",
            "p_page_access_token": "EAAB-top-secret",
            "polling_enabled": "on",
        },
    )
    assert response.status_code == 302
    connection = Connection.objects.get()
    assert decrypt_config(connection.config_encrypted)["page_access_token"] == "EAAB-top-secret"
    page = client.get(url).content.decode()
    assert "EAAB-top-secret" not in page
    # Saving again with the secret left empty keeps it.
    client.post(url, {"connector": "facebook", "p_page_id": "456", "p_page_access_token": ""})
    config = decrypt_config(Connection.objects.get().config_encrypted)
    assert config == {"page_id": "456", "page_access_token": "EAAB-top-secret"}
    assert (
        "EAAB-top-secret"
        not in client.get(f"/register/{active_channel.public_id}/").content.decode()
    )


def test_missing_required_parameter_is_a_clear_error(org, active_channel):
    response = client_for("manager_a").post(
        f"/register/{active_channel.public_id}/koppling/",
        {"connector": "facebook", "p_page_id": "1"},
    )
    assert response.status_code == 200
    assert "Det här fältet är obligatoriskt" in response.content.decode()
    assert not Connection.objects.exists()


@pytest.mark.parametrize("username", ["info_a", "staff_1", "manager_b", "auditor", "outsider"])
def test_others_cannot_see_or_change_the_connection(org, active_channel, username):
    url = f"/register/{active_channel.public_id}/koppling/"
    assert client_for(username).get(url).status_code == 404
    client_for(username).post(
        url, {"connector": "facebook", "p_page_id": "1", "p_page_access_token": "x"}
    )
    assert not Connection.objects.exists()


def test_connection_check_records_the_outcome(org, fb_channel):
    client = client_for("manager_a")
    url = f"/register/{fb_channel.public_id}/koppling/test/"
    with respx.mock(assert_all_mocked=True) as mock:
        mock.get(host="graph.facebook.com").mock(
            return_value=httpx.Response(
                200, json={"id": "111222333", "name": "Biblioteket", "about": "", "link": ""}
            )
        )
        client.post(url)
    assert Connection.objects.get().state == "ok"
    with respx.mock(assert_all_mocked=True) as mock:
        mock.get(host="graph.facebook.com").mock(
            return_value=httpx.Response(
                401,
                json={
                    "error": {
                        "message": "Session has expired",
                        "code": 190,
                        "type": "OAuthException",
                    }
                },
            )
        )
        client.post(url)
    assert Connection.objects.get().state == "invalid"
