"""Hostile text through ERMS, PDF and CSV; hand-over writes before it marks and resumes."""

import csv
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from lxml import etree
from pypdf import PdfReader

from tillit.connectors.base import ItemKind
from tillit.core.sanitise import CSV_CONTENT_TYPE
from tillit.records.choices import HandoverState
from tillit.records.conf import erms_xsd
from tillit.records.export import ErmsInvalid, erms_document, group_by_case
from tillit.records.models import HandoverAttempt, Registration
from tillit.records.services import handover
from tillit.records.services.access import access_request_add_items, access_request_open
from tillit.records.services.registration import dm_register
from tillit.testing import PASSWORD

from .helpers import ingest

pytestmark = pytest.mark.django_db

# What a database can store; NUL and lone surrogates are tried in memory below.
STORED = "\x1b\x0b\ufffe\uffff"
STRICT = etree.XMLParser(recover=False, resolve_entities=False)


def _register(org, channel, text: str, subject: str = "Fråga"):
    item = ingest(channel, text, kind=ItemKind.DIRECT_MESSAGE, author=("77", f"Mikael{STORED}"))
    return dm_register(actor=org["registrar"], item=item, subject=subject)


def _valid(document: bytes) -> etree._Element:
    root = etree.fromstring(document, STRICT)
    xsd = erms_xsd()
    if xsd is not None:
        schema = etree.XMLSchema(etree.parse(str(xsd)))
        assert schema.validate(root), schema.error_log
    return root


def test_case_erms_download_with_control_characters(org, active_channel, client):
    reg = _register(org, active_channel, f"Hej{STORED}då", subject=f"Ämne\x1b{STORED}")
    client.login(username="registrar", password=PASSWORD)
    response = client.get(f"/diarium/arende/{reg.case_id}/erms.xml")
    assert response.status_code == 200
    root = _valid(response.content)
    texts = "".join(root.itertext())
    assert "Hej\ufffd\ufffd\ufffd\ufffddå" in texts and "Mikael\ufffd" in texts
    assert "\x1b" not in texts


def test_erms_document_with_nul_and_lone_surrogates(org, active_channel):
    reg = _register(org, active_channel, "Hej")
    regs = list(Registration.objects.filter(pk=reg.pk).select_related("item", "case"))
    item = regs[0].item
    assert item is not None
    item.text = "a\x00b\ud800c\udfffd\U0001fffe"
    regs[0].subject = "\x00"
    root = _valid(erms_document(group_by_case(regs)))
    assert "a\ufffdb\ufffdc\ufffdd\ufffd" in "".join(root.itertext())


def test_export_command_writes_every_case_with_hostile_text(org, active_channel, tmp_path):
    regs = [_register(org, active_channel, f"Meddelande {i}{STORED}") for i in range(3)]
    call_command("records", "export", "--out", str(tmp_path))
    assert len(list(tmp_path.glob("erms-arende-*.xml"))) == 3
    for reg in regs:
        reg.refresh_from_db()
        assert reg.handover_state == HandoverState.SENT
        _valid(handover.erms_file_path(tmp_path, reg.case).read_bytes())
    assert not list(tmp_path.glob(".*part"))


def test_failing_case_is_reported_others_written_and_a_rerun_resumes(
    org, active_channel, tmp_path, monkeypatch, client
):
    bad, good = (_register(org, active_channel, f"Meddelande {i}") for i in range(2))
    real_validate = handover.erms_validate

    def refuse_bad(document):
        if f"tillit-case-{bad.case_id}".encode() in document:
            raise ErmsInvalid("line 1: broken on purpose")
        return real_validate(document)

    monkeypatch.setattr(handover, "erms_validate", refuse_bad)
    with pytest.raises(CommandError, match="1 case"):
        call_command("records", "export", "--out", str(tmp_path))
    bad.refresh_from_db()
    good.refresh_from_db()
    assert good.handover_state == HandoverState.SENT
    assert bad.handover_state == HandoverState.FAILED
    assert "ERMS-filen skrevs inte" in bad.handover_detail and "broken on purpose" in (
        bad.handover_detail
    )
    assert not handover.erms_file_path(tmp_path, bad.case).exists()
    client.login(username="registrar", password=PASSWORD)
    assert "broken on purpose" in client.get(f"/diarium/arende/{bad.case_id}/").content.decode()

    monkeypatch.setattr(handover, "erms_validate", real_validate)
    call_command("records", "export", "--out", str(tmp_path))
    bad.refresh_from_db()
    assert bad.handover_state == HandoverState.SENT
    assert handover.erms_file_path(tmp_path, bad.case).exists()
    # The case already handed over is not sent again.
    assert HandoverAttempt.objects.filter(registration=good).count() == 1


def test_nothing_is_marked_sent_when_the_file_cannot_be_written(
    org, active_channel, tmp_path, monkeypatch
):
    reg = _register(org, active_channel, "Meddelande")

    def disk_full(path, data):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(handover, "write_atomic", disk_full)
    with pytest.raises(CommandError):
        call_command("records", "export", "--out", str(tmp_path))
    reg.refresh_from_db()
    assert reg.handover_state == HandoverState.FAILED and reg.handed_over_at is None
    assert not HandoverAttempt.objects.filter(registration=reg, ok=True).exists()


FORMULA = "a;=1+1;b,@SUM(A1)\n-2+3"


def _assert_no_formula_cell(body: str) -> None:
    assert body.startswith("\ufeff")
    for delimiter in ";,":
        rows = list(csv.reader(io.StringIO(body[1:], newline=""), delimiter=delimiter))
        assert rows
        for row in rows:
            for cell in row:
                assert cell.lstrip(' "')[:1] not in set("=+-@\t\r"), (delimiter, cell)


def test_release_pdf_and_csv_with_hostile_text(org, active_channel, client):
    item = ingest(active_channel, f"Början {FORMULA} {STORED} slut", author=("9", f"=Namn{STORED}"))
    request = access_request_open(actor=org["registrar"], description="Allt")
    access_request_add_items(actor=org["registrar"], request=request, items=[item])
    client.login(username="registrar", password=PASSWORD)
    pdf = client.get(f"/diarium/begaran/{request.pk}/utlamnande.pdf")
    assert pdf.status_code == 200
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Början" in text and "slut" in text and "\x1b" not in text
    response = client.get(f"/diarium/begaran/{request.pk}/utlamnande.csv")
    assert response.status_code == 200 and response["Content-Type"] == CSV_CONTENT_TYPE
    body = response.content.decode("utf-8")
    _assert_no_formula_cell(body)
    assert "\x1b" not in body and "slut" in body and "\ufffd" in body


def test_document_and_personal_data_csv_neutralise_formulas(org, active_channel, client):
    item = ingest(active_channel, f"{FORMULA}{STORED}", author=("9", f"+Namn;=2{STORED}"))
    client.login(username="registrar", password=PASSWORD)
    for url in (
        f"/diarium/kanal/{active_channel.pk}/?format=csv",
        f"/diarium/personuppgifter/{item.author_id}/?format=csv",
        "/diarium/blockeringar/?format=csv",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode("utf-8")
        _assert_no_formula_cell(body)
        assert "\x1b" not in body
