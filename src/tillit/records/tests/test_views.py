"""The records pages answer registrars and readers, and are not found for everyone else."""

import pytest

from tillit.connectors.base import ItemKind
from tillit.testing import PASSWORD

from .helpers import ingest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/diarium/",
        "/diarium/registreringar/",
        "/diarium/begaran/",
        "/diarium/personuppgifter/?name=Anna",
    ],
)
def test_registrar_pages(client, org, active_channel, url):
    ingest(active_channel, "Hej", kind=ItemKind.DIRECT_MESSAGE)
    client.login(username="staff_1", password=PASSWORD)
    assert client.get(url).status_code == 404
    client.login(username="registrar", password=PASSWORD)
    assert client.get(url).status_code == 200


def test_block_register_and_documents(client, org, active_channel):
    ingest(active_channel, "En kommentar om parken")
    client.login(username="outsider", password=PASSWORD)
    assert client.get("/diarium/blockeringar/").status_code == 404
    assert client.get(f"/diarium/kanal/{active_channel.pk}/").status_code == 404
    client.login(username="auditor", password=PASSWORD)
    assert client.get("/diarium/blockeringar/?format=csv").status_code == 200
    page = client.get(f"/diarium/kanal/{active_channel.pk}/?text=parken")
    assert "En kommentar om parken" in page.content.decode()
    csv = client.get(f"/diarium/kanal/{active_channel.pk}/?format=csv")
    assert "En kommentar om parken" in csv.content.decode()


def test_retention_page(client, org):
    client.login(username="outsider", password=PASSWORD)
    assert client.get("/gallring/").status_code == 404
    client.login(username="archivist", password=PASSWORD)
    page = client.get("/gallring/")
    assert page.status_code == 200
    # The records menu offers the archivist only pages an archivist may open.
    for href in ('href="/diarium/"', 'href="/diarium/registreringar/"', 'href="/diarium/begaran/"'):
        assert href not in page.content.decode()
        assert client.get(href[6:-1]).status_code == 404
    assert 'href="/diarium/blockeringar/"' in page.content.decode()
    assert client.post("/gallring/run/", follow=True).status_code == 200


def test_where_to_ask_is_public(client, org):
    assert client.get("/handlingar/").status_code == 200
