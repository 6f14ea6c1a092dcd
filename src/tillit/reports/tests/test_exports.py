"""The report as CSV (columns, decimal commas, formulas neutralised), PDF (the figures, the
font embedded) and JSON, from the page and from the command line; and the page itself."""

import csv
import io
import json
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import translation

from tillit.access.actor import OPERATOR
from tillit.reports.exports import report_csv, report_pdf
from tillit.reports.periods import Period
from tillit.reports.scopes import scope_for
from tillit.reports.selectors import report_build
from tillit.testing import PASSWORD

from .builders import NOVEMBER, november

pytestmark = pytest.mark.django_db
QUERY = "?scope=org&start=2026-11-01&end=2026-11-30"


@pytest.fixture
def policy(org):
    from tillit.moderation.services.policy import policy_create_from_guideline

    return policy_create_from_guideline(actor=org["admin"])


@pytest.fixture
def report(org, active_channel, policy):
    from tillit.channels.models import Channel

    november(active_channel, policy)
    Channel.objects.filter(pk=active_channel.pk).update(name='=HYPERLINK("http://evil.test")')
    with translation.override("sv"):
        yield report_build(scope_for(OPERATOR, "org"), Period(*NOVEMBER))


def _rows(text: str) -> list[list[str]]:
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def test_csv_has_the_columns_decimal_commas_and_no_formulas(report):
    with translation.override("sv"):
        rows = _rows(report_csv(report))
    assert rows[0] == [
        "Omfattning",
        "Period",
        "Avsnitt",
        "Mått",
        "Denna period",
        "Föregående period",
        "Förändring",
        "Enhet",
    ]
    assert all(len(r) == 8 for r in rows)
    median = next(r for r in rows if r[3] == "Tid till första svar, median (timmar)")
    assert median[4:6] == ["2,0", "5,0"] and median[7] == "timmar"
    channel_rows = [r for r in rows if "HYPERLINK" in r[3]]
    assert channel_rows and all(r[3].startswith("'=") for r in channel_rows)


def test_pdf_holds_the_figures_in_an_embedded_font(report):
    from pypdf import PdfReader

    with translation.override("sv"):
        pdf = report_pdf(report, organisation="Testkommun")
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Uppföljningsrapport" in text
    assert "Tid till första svar, median (timmar)" in text
    assert "2,0 h" in text and "33,3 %" in text and "R13a" in text
    metadata: Any = reader.metadata
    assert metadata.title.startswith("Uppföljningsrapport")
    fonts = _font_descriptors(reader)
    assert fonts and all("/FontFile2" in d for d in fonts)  # every font embedded


def _font_descriptors(reader) -> list:
    found = []
    for page in reader.pages:
        resources: Any = page["/Resources"]
        for ref in resources["/Font"].get_object().values():
            font = ref.get_object()
            for part in [font, *(d.get_object() for d in font.get("/DescendantFonts", []))]:
                if "/FontDescriptor" in part:
                    found.append(part["/FontDescriptor"].get_object())
    return found


def test_the_page_shows_charts_tables_and_downloads(org, report):
    client = Client(HTTP_ACCEPT_LANGUAGE="sv")
    client.login(username="admin", password=PASSWORD)
    body = client.get("/uppfoljning/" + QUERY).content.decode()
    assert 'role="img"' in body and "<title id=" in body and " style=" not in body.split("<svg")[1]
    assert "Tid till första svar, median (timmar)" in body
    assert "&lt;" not in body or "HYPERLINK" in body
    pdf = client.get("/uppfoljning/rapport.pdf" + QUERY)
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    csv_answer = client.get("/uppfoljning/rapport.csv" + QUERY)
    assert csv_answer.content.decode("utf-8").startswith("\ufeff")


def test_bad_periods_and_scopes_on_the_page(org, active_channel):
    client = Client(HTTP_ACCEPT_LANGUAGE="sv")
    client.login(username="admin", password=PASSWORD)
    answer = client.get("/uppfoljning/?scope=org&start=2026-11-30&end=2026-11-01")
    assert (
        answer.status_code == 200 and "Perioden slutar innan den börjar." in answer.content.decode()
    )
    answer = client.get("/uppfoljning/?scope=org&start=2099-01-01&end=2099-01-31")
    assert "ligger i framtiden" in answer.content.decode()
    assert client.get("/uppfoljning/?scope=org&start=nej&end=2026-11-01").status_code == 200
    assert (
        client.get("/uppfoljning/rapport.pdf?scope=org&start=2026-11-30&end=2026-11-01").status_code
        == 404
    )
    # A scope the person may not choose is not among the choices: the form refuses it.
    client.login(username="manager_b", password=PASSWORD)
    answer = client.get(
        f"/uppfoljning/?scope=channel:{active_channel.pk}&start=2026-11-01&end=2026-11-30"
    )
    assert answer.status_code == 200 and answer.context["report"] is None
    assert "Välj vad rapporten ska gälla i listan." in answer.content.decode()
    assert client.get("/uppfoljning/rapport.csv" + QUERY).status_code == 404
    client.login(username="outsider", password=PASSWORD)
    assert client.get("/uppfoljning/").status_code == 404
    assert client.get("/uppfoljning/efterlevnad/").status_code == 404


def test_the_compliance_view_links_what_to_do(org, active_channel):
    client = Client(HTTP_ACCEPT_LANGUAGE="sv")
    client.login(username="manager_a", password=PASSWORD)
    answer = client.get("/uppfoljning/efterlevnad/")
    body = answer.content.decode()
    assert answer.status_code == 200 and "Biblioteket" in body
    assert "Inte kontrollerad än" in body  # no profile audit yet
    assert f"/register/{active_channel.public_id}/koppling/" in body  # not connected: connect it
    client.login(username="manager_b", password=PASSWORD)
    assert "Biblioteket" not in client.get("/uppfoljning/efterlevnad/").content.decode()
    assert (
        client.get(f"/uppfoljning/efterlevnad/?scope=department:{org.dept_a.pk}").status_code == 404
    )


def test_the_command_line_writes_pdf_csv_and_json(report, tmp_path):
    for fmt in ("pdf", "csv", "json"):
        out = tmp_path / f"r.{fmt}"
        call_command(
            "report",
            "--scope",
            "org",
            "--from",
            "2026-11-01",
            "--to",
            "2026-11-30",
            "--format",
            fmt,
            "--out",
            str(out),
        )
        assert out.stat().st_size > 200
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")
    data = json.loads((tmp_path / "r.json").read_text())
    assert data["scope"] == "org" and data["period"] == {"from": "2026-11-01", "to": "2026-11-30"}
    for bad in (
        ["--from", "2026-11-30", "--to", "2026-11-01"],
        ["--from", "x", "--to", "2026-11-01"],
        ["--scope", "channel:99999", "--from", "2026-11-01", "--to", "2026-11-30"],
    ):
        with pytest.raises(CommandError):
            call_command("report", *bad, "--out", str(tmp_path / "x"))
