"""Registering direct messages: the queue, its access, cases, replies and secrecy."""

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from tillit.access.actor import actor_for
from tillit.connectors.base import ItemKind
from tillit.core.exceptions import NotFound
from tillit.inbox.services.outbox import action_request
from tillit.records.choices import Direction, HandoverState, Outcome
from tillit.records.selectors import dm_thread, registration_queue
from tillit.records.services.registration import (
    case_collect_replies,
    case_set_reference,
    dm_mark_little_importance,
    dm_register,
)

from .helpers import days_ago, ingest

pytestmark = pytest.mark.django_db


def dm(channel, text="Hej! Jag vill överklaga bygglovet. Hur gör jag?", **kw):
    return ingest(channel, text, kind=ItemKind.DIRECT_MESSAGE, **kw)


def test_queue_is_for_registrars_only(org, active_channel):
    message = dm(active_channel)
    assert list(registration_queue(actor_for(org["registrar"]))) == [message]
    for username in ("admin", "manager_a", "info_a", "staff_1", "archivist", "auditor", "outsider"):
        with pytest.raises(NotFound):
            registration_queue(actor_for(org[username]))


def test_queue_pages_are_not_found_for_others(client, org, active_channel):
    from tillit.testing import PASSWORD

    message = dm(active_channel)
    client.login(username="staff_1", password=PASSWORD)
    assert client.get("/diarium/").status_code == 404
    assert client.get(f"/diarium/meddelande/{message.pk}/").status_code == 404
    client.login(username="registrar", password=PASSWORD)
    page = client.get("/diarium/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Jag vill överklaga bygglovet" in html  # the suggested subject
    assert "Anna Lindberg" in html and f'href="/diarium/meddelande/{message.pk}/"' in html
    detail = client.get(f"/diarium/meddelande/{message.pk}/")
    assert detail.status_code == 200


def test_register_new_case_then_reference_and_replies_join(org, fb_channel):
    first = dm(fb_channel, thread="conv-1", received_at=days_ago(2))
    second = dm(fb_channel, "Här kommer ritningen.", thread="conv-1", received_at=days_ago(1))
    assert [i.pk for i in dm_thread(actor_for(org["registrar"]), first)] == [first.pk, second.pk]
    reg = dm_register(actor=org["registrar"], item=first, subject="Överklagande av bygglov")
    assert reg.received_at == first.received_at  # arrival time, not when it was read
    case = reg.case
    assert case is not None and case.title == "Överklagande av bygglov"
    # A reply from Tillit and our own message in the thread join the same case.
    reply = action_request(
        actor=org["staff_1"],
        channel=fb_channel,
        kind="reply",
        item=first,
        params={"text": "Tack, vi återkommer."},
    )
    own = ingest(
        fb_channel,
        "Vi har tagit emot ditt ärende.",
        kind=ItemKind.DIRECT_MESSAGE,
        author=("page", "Kommunen"),
        thread="conv-1",
        own_account_id="page",
    )
    # The own message joined on ingest (the hook); the outbox reply joins on the next collection.
    assert case.registrations.filter(item=own).exists()
    with transaction.atomic():
        case_collect_replies(case=case)
    outgoing = case.registrations.filter(direction=Direction.OUTGOING)
    assert {r.item_id for r in outgoing if r.item_id} == {own.pk}
    assert {r.action_id for r in outgoing if r.action_id} == {reply.pk}
    case_set_reference(actor=org["registrar"], case=case, reference="KS 2026/17")
    reg.refresh_from_db()
    assert reg.handover_state == HandoverState.CONFIRMED
    # Register the second message into the existing case.
    reg2 = dm_register(actor=org["registrar"], item=second, subject="Ritning", case=reg.case)
    assert reg2.case_id == reg.case_id
    with pytest.raises(ValidationError):
        dm_register(actor=org["registrar"], item=second, subject="Again")


def test_little_importance_needs_reason(org, active_channel):
    message = dm(active_channel, "Tack för hjälpen!")
    with pytest.raises(ValidationError):
        dm_mark_little_importance(actor=org["registrar"], item=message, reason=" ")
    reg = dm_mark_little_importance(
        actor=org["registrar"], item=message, reason="Ett tack, inget ärende."
    )
    assert reg.outcome == Outcome.LITTLE_IMPORTANCE
    assert reg.handover_state == HandoverState.NOT_APPLICABLE
    assert not registration_queue(actor_for(org["registrar"])).exists()


def test_others_cannot_register(org, active_channel):
    message = dm(active_channel)
    with pytest.raises(NotFound):
        dm_register(actor=org["staff_1"], item=message, subject="x")
