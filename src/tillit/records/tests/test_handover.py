"""Hand-over: ERMS validated against the XSD, e-mail (also when refused), webhook and API."""

import hashlib
import hmac
import json
import smtplib

import httpx
import pytest
import respx
from django.core import mail
from lxml import etree

from tillit.connectors.base import ItemKind
from tillit.records.choices import HandoverState
from tillit.records.conf import erms_xsd
from tillit.records.export import WITHHELD, erms_for_case, erms_for_channel
from tillit.records.services.handover import (
    SIGNATURE_HEADER,
    HandoverFailed,
    handover_email,
    handover_webhook,
)
from tillit.records.services.registration import dm_register
from tillit.testing import PASSWORD

from .helpers import ingest

pytestmark = pytest.mark.django_db

needs_xsd = pytest.mark.skipif(
    erms_xsd() is None,
    reason="ERMS_v3.xsd not found: set TILLIT_ERMS_XSD or place it in ../shared/schemas/cits-erms/",
)


@pytest.fixture
def registered(org, active_channel):
    item = ingest(
        active_channel,
        "Hej! Jag vill överklaga bygglovet. Hur gör jag?",
        kind=ItemKind.DIRECT_MESSAGE,
        author=("77", "Mikael Öhman"),
    )
    return dm_register(actor=org["registrar"], item=item, subject="Överklagande av bygglov")


@needs_xsd
def test_erms_validates_against_xsd(registered, active_channel):
    document = erms_for_case(registered.case)
    schema = etree.XMLSchema(etree.parse(str(erms_xsd())))
    assert schema.validate(etree.fromstring(document)), schema.error_log
    assert b"Mikael" in document and b"received" in document
    assert erms_for_channel(active_channel) is not None


@needs_xsd
def test_erms_withholds_secret_sender_and_subject(org, registered, active_channel):
    from tillit.records.services.registration import registration_mark_secret

    registration_mark_secret(
        actor=org["registrar"], registration=registered, ground="OSL 26 kap. 1 §"
    )
    erms = erms_for_channel(active_channel)
    assert erms is not None
    document = erms.decode()
    assert (
        "Mikael" not in document and "Överklagande" not in document and "bygglovet" not in document
    )
    assert WITHHELD in document and "OSL 26 kap. 1 §" in document


def test_erms_for_channel_none_without_registrations(active_channel):
    assert erms_for_channel(active_channel) is None


@needs_xsd
def test_export_command_writes_ready_cases(registered, tmp_path):
    from django.core.management import call_command

    call_command("records", "export", "--format", "erms", "--out", str(tmp_path))
    [written] = list(tmp_path.glob("*.xml"))
    assert b"caseFile" in written.read_bytes()
    registered.refresh_from_db()
    assert registered.handover_state == HandoverState.SENT


def test_email_handover_with_eml(org, registered, settings):
    settings.TILLIT_REGISTRY_EMAIL = "registrator@example.se"
    reg = handover_email(actor=org["registrar"], registration=registered)
    assert reg.handover_state == HandoverState.SENT
    [message] = mail.outbox
    assert message.to == ["registrator@example.se"]
    assert any(
        a.filename.endswith(".eml") if hasattr(a, "filename") else a[0].endswith(".eml")
        for a in message.attachments
    )


def test_refusing_mailbox_shows_failure_and_retry_works(
    org, registered, settings, monkeypatch, client
):
    settings.TILLIT_REGISTRY_EMAIL = "registrator@example.se"

    def refuse(self, *a, **kw):
        raise smtplib.SMTPRecipientsRefused({"registrator@example.se": (550, b"mailbox full")})

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    with pytest.raises(HandoverFailed):
        handover_email(actor=org["registrar"], registration=registered)
    registered.refresh_from_db()
    assert registered.handover_state == HandoverState.FAILED
    assert registered.attempts.get().ok is False
    client.login(username="registrar", password=PASSWORD)
    client.cookies["django_language"] = "en"  # the assertion reads the English message
    page = client.post(f"/diarium/registrering/{registered.pk}/overlamna/email/", follow=True)
    assert "refused" in page.content.decode()
    monkeypatch.undo()
    handover_email(actor=org["registrar"], registration=registered)
    registered.refresh_from_db()
    assert registered.handover_state == HandoverState.SENT
    assert registered.attempts.count() == 3


@respx.mock
def test_signed_webhook_and_reference_back(org, registered, settings):
    settings.TILLIT_RECORDS_WEBHOOK_URL = "https://diarium.example.se/hook"
    settings.TILLIT_RECORDS_WEBHOOK_SECRET = "s3cret"
    route = respx.post("https://diarium.example.se/hook").mock(
        return_value=httpx.Response(200, json={"reference": "KS 2026/99"})
    )
    reg = handover_webhook(actor=org["registrar"], registration=registered)
    request = route.calls.last.request
    expected = "sha256=" + hmac.new(b"s3cret", request.content, hashlib.sha256).hexdigest()
    assert request.headers[SIGNATURE_HEADER] == expected
    assert json.loads(request.content)["subject"] == "Överklagande av bygglov"
    assert reg.handover_state == HandoverState.CONFIRMED
    assert reg.case is not None and reg.case.reference == "KS 2026/99"


def test_api_registrar_only_and_patch_reference(org, registered, client):
    url = f"/api/v1/records/registrations/{registered.pk}"
    client.login(username="staff_1", password=PASSWORD)
    assert client.get(url).status_code == 404
    client.login(username="registrar", password=PASSWORD)
    listing = client.get("/api/v1/records/registrations")
    assert [r["id"] for r in listing.json()["results"]] == [registered.pk]
    answer = client.patch(
        url, data=json.dumps({"reference": "KS 2026/7"}), content_type="application/json"
    )
    assert answer.status_code == 200, answer.content
    assert answer.json()["case"]["reference"] == "KS 2026/7"
    schema = client.get("/api/v1/schema/")
    assert b"/api/v1/records/registrations" in schema.content
