"""The register's pages: create through the form, CSV export, filters, language."""

import csv
import io

import pytest
from django.test import Client

from tillit.channels.models import Channel
from tillit.testing import PASSWORD, PLAN, days, make_active_channel, make_channel

pytestmark = pytest.mark.django_db


def client_for(username: str) -> Client:
    client = Client()
    assert client.login(username=username, password=PASSWORD)
    return client


def test_create_through_the_form(org):
    data = {
        "name": "Ny kanal",
        "platform": org.facebook.pk,
        "url": "https://www.facebook.com/ny",
        "department": org.dept_a.pk,
        **PLAN,
    }
    response = client_for("info_a").post("/register/ny/", data)
    channel = Channel.objects.get(name="Ny kanal")
    assert response.status_code == 302 and str(channel.public_id) in response["Location"]


def test_form_shows_errors_in_swedish_and_saves_nothing(org):
    data = {
        "name": "Ny kanal",
        "platform": org.facebook.pk,
        "url": "https://evil.example/x",
        "department": org.dept_a.pk,
        **PLAN,
        "plan_goal": "",
    }
    response = client_for("info_a").post("/register/ny/", data, HTTP_ACCEPT_LANGUAGE="sv")
    text = response.content.decode()
    assert response.status_code == 200
    assert "Det här fältet är obligatoriskt" in text
    assert Channel.objects.count() == 0


def test_duplicate_address_message(org):
    make_channel(org, name="Kanal", url="https://www.facebook.com/kanal")
    data = {
        "name": "Kanal 2",
        "platform": org.facebook.pk,
        "url": "https://facebook.com/kanal/",
        "department": org.dept_a.pk,
        **PLAN,
    }
    client = client_for("info_a")
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    response = client.post("/register/ny/", {**data, "url": "https://www.facebook.com/kanal/"})
    assert "already registered" in response.content.decode()


def _csv_rows(response) -> list[list[str]]:
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:], newline=""), delimiter=";"))


def test_csv_export_per_department_and_whole(org, today):
    make_channel(org, name="A-kanal")
    make_channel(org, name="B-kanal", department=org.dept_b, creator="info_b")
    make_active_channel(org, today - days(1))
    rows = _csv_rows(client_for("manager_a").get("/register/export.csv"))
    names = {r[1] for r in rows[1:]}
    assert names == {"A-kanal", "Biblioteket"}
    rows = _csv_rows(client_for("admin").get("/register/export.csv?department=b"))
    assert {r[1] for r in rows[1:]} == {"B-kanal"}
    assert len(_csv_rows(client_for("admin").get("/register/export.csv"))) == 4


def test_csv_neutralises_formulas(org):
    make_channel(org, name='=HYPERLINK("http://x")')
    make_channel(org, name="Kanal;=1+1;b")
    make_channel(org, name="Kanal,@SUM(A1)\x1b")
    response = client_for("admin").get("/register/export.csv")
    names = {r[1] for r in _csv_rows(response)[1:]}
    assert names == {'\'=HYPERLINK("http://x")', "Kanal;'=1+1;b", "Kanal,'@SUM(A1)\ufffd"}
    body = response.content.decode("utf-8")[1:]
    for delimiter in ",;":
        for row in csv.reader(io.StringIO(body, newline=""), delimiter=delimiter):
            assert all(cell.lstrip(' "')[:1] not in set("=+-@\t\r") for cell in row), row


def test_register_filters(org):
    make_channel(org, name="Alfa")
    make_channel(org, name="Beta")
    text = client_for("admin").get("/register/?q=alf").content.decode()
    assert "Alfa" in text and "Beta" not in text


def test_hostile_text_is_escaped(org):
    make_channel(org, name="<script>alert(1)</script>")
    text = client_for("admin").get("/register/").content.decode()
    assert "<script>alert(1)</script>" not in text
    assert "&lt;script&gt;" in text


def test_home_lists_waiting_steps(org):
    channel = make_channel(org)
    from tillit.channels import services as ch

    ch.channel_transition(actor=org["info_a"], channel=channel, name="propose")
    assert channel.name in client_for("manager_a").get("/").content.decode()


def test_swedish_by_default_english_on_request(org):
    client = client_for("admin")
    assert "Kanalregister" in client.get("/register/").content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert "Channel register" in client.get("/register/").content.decode()


def test_platform_decision_by_org_admin_only(org):
    response = client_for("manager_a").post(
        "/plattformar/tiktok/", {"decision": "allowed", "reason": "x"}
    )
    assert response.status_code == 404
    client_for("admin").post(
        "/plattformar/tiktok/", {"decision": "allowed", "reason": "Ny bedömning"}
    )
    org.tiktok.refresh_from_db()
    assert org.tiktok.decision == "allowed"


def test_browser_language_does_not_override_swedish(org):
    client = client_for("admin")
    text = client.get("/register/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "Kanalregister" in text
