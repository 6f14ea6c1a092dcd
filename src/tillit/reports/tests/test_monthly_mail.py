"""The monthly report e-mail: each manager once a month for their department, never twice,
and not to someone who turned it off."""

from datetime import date

import pytest
from django.core import mail
from django.test import Client

from tillit.organisation.models import Person
from tillit.reports.mailing import monthly_reports_send
from tillit.testing import PASSWORD, committed

pytestmark = pytest.mark.django_db(transaction=True)


def test_each_manager_gets_it_once_a_month(org, active_channel):
    mail.outbox.clear()
    with committed():
        assert monthly_reports_send(date(2026, 12, 2)) == 2  # manager_a and manager_b
    to = sorted(m.to[0] for m in mail.outbox)
    assert to == ["manager_a@example.se", "manager_b@example.se"]
    message = next(m for m in mail.outbox if m.to == ["manager_a@example.se"])
    assert "Avdelning A" in message.subject and "2026-11-01 – 2026-11-30" in message.subject
    assert "Kommentarer från allmänheten: 0" in message.body
    assert "/uppfoljning/?scope=department" in message.body
    with committed():
        assert monthly_reports_send(date(2026, 12, 20)) == 0  # not twice in a month
        assert monthly_reports_send(date(2027, 1, 1)) == 2  # the next month


def test_turned_off_on_its_own_page(org):
    client = Client(HTTP_ACCEPT_LANGUAGE="sv")
    client.login(username="manager_a", password=PASSWORD)
    assert "Skicka månadsrapporten" in client.get("/uppfoljning/manadsrapport/").content.decode()
    client.post("/uppfoljning/manadsrapport/", {})
    assert Person.objects.get(pk=org["manager_a"].pk).monthly_report is False
    mail.outbox.clear()
    with committed():
        assert monthly_reports_send(date(2026, 12, 2)) == 1
    assert [m.to for m in mail.outbox] == [["manager_b@example.se"]]
    client.post("/uppfoljning/manadsrapport/", {"monthly_report": "on"})
    assert Person.objects.get(pk=org["manager_a"].pk).monthly_report is True
