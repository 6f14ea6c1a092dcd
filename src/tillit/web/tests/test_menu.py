"""Every link the menus offer a person opens for that person: no menu entry answers 404."""

import html5lib
import pytest
from django.test import Client

from tillit.testing import PASSWORD

pytestmark = pytest.mark.django_db


def _menu_links(page: str) -> set[str]:
    doc = html5lib.parse(page, namespaceHTMLElements=False)
    return {
        a.get("href")
        for nav in doc.iter("nav")
        for a in nav.iter("a")
        if (a.get("href") or "").startswith("/") and not a.get("href").startswith("/konto/")
    }


def test_every_menu_link_opens_for_every_role(org, active_channel):
    checked = 0
    for username in org.people:
        client = Client()
        assert client.login(username=username, password=PASSWORD)
        pages = ["/", "/diarium/blockeringar/", f"/register/{active_channel.public_id}/"]
        links: set[str] = set()
        for page in pages:
            response = client.get(page)
            if response.status_code == 200:
                links |= _menu_links(response.content.decode())
        for link in sorted(links):
            status = client.get(link).status_code
            assert status == 200, (username, link, status)
            checked += 1
    assert checked > 50


def test_not_found_speaks_swedish_in_the_layout(org):
    client = Client()
    assert client.login(username="outsider", password=PASSWORD)
    response = client.get("/diarium/", HTTP_ACCEPT_LANGUAGE="sv")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Sidan finns inte" in page and "Not Found" not in page
