"""axe-core on the registrar's, archivist's and public records pages."""

import pytest
from django.utils import timezone

from tillit.testing import days, make_active_channel

from .helpers import axe_violations, sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def channel(live_org):
    return make_active_channel(live_org, timezone.localdate() - days(2))


def test_registrar_pages(page, channel):
    sign_in(page, "registrar")
    for path in [
        "/diarium/",
        "/diarium/registreringar/",
        "/diarium/begaran/",
        "/diarium/personuppgifter/",
        "/diarium/blockeringar/",
        f"/diarium/kanal/{channel.pk}/",
        "/gallring/",
    ]:
        page.goto(path)
        assert axe_violations(page) == [], path


def test_archivist_pages(page, channel):
    sign_in(page, "archivist")
    for path in ["/arkiv/", f"/register/{channel.public_id}/"]:
        page.goto(path)
        assert axe_violations(page) == [], path


def test_public_documents_page(page, channel):
    page.goto("/handlingar/")
    assert axe_violations(page) == []
