"""A direct message's registration as records holds it, on the inbox item page."""

import pytest

from tillit.connectors.base import ItemKind
from tillit.inbox.models import Item
from tillit.inbox.services.ingest import ingest_items
from tillit.inbox.tests.test_item_page import client_for, inbound, page

pytestmark = pytest.mark.django_db


def test_direct_message_shows_the_registration_records_holds(org, fb_channel):
    from tillit.records.services.registration import dm_register

    ingest_items(channel=fb_channel, items=[inbound("m1", "Ärende", kind=ItemKind.DIRECT_MESSAGE)])
    message = Item.objects.get(platform_id="m1")
    dm_register(actor=org["registrar"], item=message, subject="Bygglov", new_case_title="Bygglov")
    html = page(client_for("staff_1"), message)
    panel = html.split('id="dm-record-heading"', 1)[1].split("</section>", 1)[0]
    assert "Diarieförd" in panel or "Registrerad" in panel
    assert "Diarienummer ännu inte mottaget" in panel
