"""A reply recorded as a decision follows the same rules as one from the reply form (R12)."""

import pytest
from django.core.exceptions import ValidationError

from tillit.channels.models import Channel
from tillit.inbox.models import ActionRequest, Item
from tillit.inbox.services.ingest import ingest_items
from tillit.inbox.tests.test_item_page import inbound
from tillit.moderation.services.decisions import decision_make
from tillit.organisation.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(org, fb_channel):
    Person.objects.filter(pk=org["staff_1"].pk).update(name="Anna Lind", function="kommunikatör")
    org["staff_1"].refresh_from_db()
    Channel.objects.filter(pk=fb_channel.pk).update(signature_template="/{förnamn}, {funktion}")
    ingest_items(channel=fb_channel, items=[inbound("c1", "När öppnar badet?")])
    return Item.objects.select_related("channel").get(platform_id="c1")


def test_a_reply_decision_is_signed(org, item):
    decision_make(actor=org["staff_1"], item=item, kind="reply", reply_text="Den 1 juni.")
    assert ActionRequest.objects.get(kind="reply").params["text"] == (
        "Den 1 juni.\n/Anna, kommunikatör"
    )


def test_a_reply_decision_over_the_limit_or_unsignable_records_nothing(org, item):
    with pytest.raises(ValidationError) as caught:
        decision_make(actor=org["staff_1"], item=item, kind="reply", reply_text="x" * 8000)
    assert "8000" in caught.value.message_dict["reply_text"][0]
    Person.objects.filter(pk=org["staff_1"].pk).update(function="")
    org["staff_1"].refresh_from_db()
    with pytest.raises(ValidationError) as caught:
        decision_make(actor=org["staff_1"], item=item, kind="reply", reply_text="Hej")
    assert "function" in caught.value.message_dict["reply_text"][0]
    assert not item.decisions.exists() and not ActionRequest.objects.exists()
