"""The archive's pages: access, file serving, verify, live status."""

import pytest
from django.core.files.storage import default_storage
from django.test import Client

from tillit.archive.models import Capture
from tillit.testing import PASSWORD

pytestmark = pytest.mark.django_db


def client_for(username):
    client = Client()
    assert client.login(username=username, password=PASSWORD)
    client.cookies["django_language"] = "en"  # these tests read the English messages
    return client


def test_files_are_served_with_type_and_disposition_to_people_who_see_the_channel(done_capture):
    client = client_for("archivist")
    base = f"/arkiv/fangst/{done_capture.public_id}/"
    png = client.get(base + "fil/screenshot/")
    assert png.status_code == 200 and png["Content-Type"] == "image/png"
    assert png["Content-Disposition"].startswith("inline;")
    assert b"".join(png.streaming_content).startswith(b"\x89PNG")
    pdf = client.get(base + "fil/pdf/")
    assert pdf["Content-Type"] == "application/pdf" and pdf["Content-Security-Policy"] == "sandbox"
    warc = client.get(base + "fil/warc/")
    assert warc["Content-Disposition"].startswith("attachment;")
    assert client.get(base + "fil/nothing/").status_code == 404
    page = client.get(base).content.decode()
    assert done_capture.files["pdf"]["sha256"] in page and 'http-equiv="refresh"' not in page


def test_an_outsider_gets_404_for_everything(done_capture):
    client = client_for("outsider")
    base = f"/arkiv/fangst/{done_capture.public_id}/"
    for url in (base, base + "status.json", base + "fil/screenshot/", base + "fil/pdf/"):
        assert client.get(url).status_code == 404, url
    assert client.post(base + "verifiera/").status_code == 404
    channel = f"/arkiv/kanal/{done_capture.channel.public_id}/"
    assert client.get(channel).status_code == 404
    assert Client().get(base + "fil/pdf/").status_code == 302  # signed out: to the sign-in page


def test_verify_action_shows_the_result(done_capture):
    client = client_for("manager_a")
    url = f"/arkiv/fangst/{done_capture.public_id}/verifiera/"
    page = client.post(url, follow=True).content.decode()
    assert "every checksum matches" in page
    with open(default_storage.path(done_capture.files["screenshot"]["name"]), "ab") as fh:
        fh.write(b"x")
    page = client.post(url, follow=True).content.decode()
    assert "Verification failed" in page and "screenshot.png: sha256" in page


def test_running_capture_page_refreshes_and_status_json(org, active_channel, fake_engine):
    client = client_for("manager_a")
    response = client.post(
        f"/arkiv/kanal/{active_channel.public_id}/fanga/", {"note": "Before the rebrand"}
    )
    capture = Capture.objects.get()
    assert response.url == f"/arkiv/fangst/{capture.public_id}/"
    page = client.get(response.url).content.decode()
    assert 'http-equiv="refresh"' in page and 'aria-live="polite"' in page
    status = client.get(response.url + "status.json").json()
    assert status["state"] == "queued" and status["progress"] == 0
    assert capture.requested_by == org["manager_a"] and capture.note == "Before the rebrand"


def test_channel_page_shows_forms_by_role(active_channel):
    url = f"/arkiv/kanal/{active_channel.public_id}/"
    archivist = client_for("archivist").get(url).content.decode()
    assert "export/" in archivist and "fanga/" in archivist
    auditor = client_for("auditor").get(url).content.decode()
    assert "fanga/" not in auditor and "export/" not in auditor
    assert client_for("manager_a").post(url + "export/", {"format": "sip"}).status_code == 404


def test_channel_summary_tag_for_the_channel_page(org, done_capture):
    from types import SimpleNamespace

    from django.template import Context, Template

    from tillit.access.actor import actor_for

    def render(username):
        request = SimpleNamespace(actor=actor_for(org[username]))
        return template.render(Context({"request": request, "channel": done_capture.channel}))

    template = Template("{% load archive_tags %}{% archive_channel_summary channel %}")
    seen = render("manager_a")
    assert "Last captured" in seen and f"/arkiv/kanal/{done_capture.channel.public_id}/" in seen
    hidden = render("outsider")
    assert hidden.strip() == ""
