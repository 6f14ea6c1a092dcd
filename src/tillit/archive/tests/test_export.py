"""Archival packages of a channel: E-ARK SIP that eark-validator accepts, and BagIt bags."""

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command
from django.http import HttpResponseRedirect
from django.test import Client
from django.utils import timezone
from lxml import etree

from tillit.access.actor import OPERATOR
from tillit.archive.models import Export
from tillit.archive.packaging import validate_bag
from tillit.archive.packaging.tests import eark
from tillit.archive.packaging.tests.test_sip import KNOWN_VALIDATOR_FALSE_POSITIVES
from tillit.archive.services import channel_export, package
from tillit.audit.models import AuditEntry
from tillit.inbox.models import Author, Item, ItemVersion
from tillit.moderation.models import Block, Decision
from tillit.testing import PASSWORD

pytestmark = pytest.mark.django_db
PREMIS = {"premis": "http://www.loc.gov/premis/v3"}


@pytest.fixture
def records(org, done_capture):
    """An item with an earlier version, a decision and a block on the captured channel."""
    org.organisation.org_number = "212000-2742"
    org.organisation.save()
    channel = done_capture.channel
    author = Author.objects.create(platform="facebook", platform_id="u1", display_name="Kim")
    item = Item.objects.create(
        channel=channel,
        platform_id="c1",
        kind="comment",
        is_public=True,
        text="Andra versionen",
        author=author,
        received_at=timezone.now(),
        version=2,
    )
    ItemVersion.objects.create(item=item, version=1, text="Första versionen")
    decision = Decision.objects.create(
        item=item, kind="block", snapshot={"text": item.text}, decided_by=org["manager_a"]
    )
    Block.objects.create(
        channel=channel, author=author, decision=decision, reason="Hot", review_on=date(2030, 1, 1)
    )
    return channel


STUBS = {
    "erms_for_channel": lambda channel: (
        b'<?xml version="1.0" encoding="UTF-8"?><erms xmlns="https://DILCIS.eu/XML/ERMS"/>'
    ),
    "registrations_for_channel": lambda channel: [{"number": "KS 2025/17"}],
    "disposal_log_for_channel": lambda channel: [
        {
            "at": "2025-05-01T02:00:00+00:00",
            "content_class": "comments",
            "count": 12,
            "decision": {"reference": "G1"},
        }
    ],
}


@pytest.fixture
def hooks(monkeypatch):
    """The records and retention apps' export hooks, as stubs of what those apps provide."""
    monkeypatch.setattr(package, "_optional", lambda module, name, channel: STUBS[name](channel))


def test_sip_passes_eark_validator_and_holds_everything(records, hooks, tmp_path):
    package = channel_export(actor=OPERATOR, channel=records, out_dir=tmp_path / "out")
    report = eark.validate(package)
    assert report["structure"]["status"] == "WellFormed"
    errors = [
        p
        for p in eark.problems(report)
        if p.split()[1].rstrip(":") not in KNOWN_VALIDATOR_FALSE_POSITIVES
    ]
    assert errors == []
    data = package / "representations" / "rep1" / "data"
    items = json.loads((data / "items/items.json").read_text())
    assert items[0]["versions"][0]["text"] == "Första versionen"
    assert json.loads((data / "moderation/blocks.json").read_text())[0]["reason"] == "Hot"
    assert json.loads((data / "moderation/decisions.json").read_text())[0]["kind"] == "block"
    assert json.loads((data / "records/registrations.json").read_text())
    assert json.loads((data / "retention/disposal-log.json").read_text())[0]["count"] == 12
    assert (package / "metadata/descriptive/erms.xml").is_file()
    captured = sorted(p.name for p in (data / "captures").rglob("*") if p.is_file())
    assert captured == sorted(
        ["capture.wacz", "capture.warc.gz", "manifest.json", "page.pdf", "screenshot.png"]
    )
    premis = etree.parse(str(package / "metadata/preservation/premis.xml"))
    kinds = {e.text for e in premis.iterfind(".//premis:eventType", PREMIS)}
    assert kinds == {"capture", "disposal", "export"}
    assert AuditEntry.objects.filter(action="archive.exported").exists()


def test_without_the_other_apps_hooks_the_package_still_builds(records, tmp_path, monkeypatch):
    monkeypatch.setattr(package, "_optional", lambda module, name, channel: None)
    built = channel_export(actor=OPERATOR, channel=records, out_dir=tmp_path / "out")
    data = built / "representations" / "rep1" / "data"
    assert not (data / "records").exists() and not (data / "retention").exists()


def test_missing_hooks_are_skipped(records):
    assert package._optional("tillit.no_such_module", "erms_for_channel", records) is None
    assert package._optional("tillit.archive.conf", "erms_for_channel", records) is None


def test_command_writes_a_bag_that_bagit_validates(records, hooks, tmp_path, capsys):
    call_command(
        "archive", "export", str(records.public_id), "--out", str(tmp_path), "--format", "bag"
    )
    bags = [p for p in tmp_path.iterdir() if p.name.startswith("tillit-")]
    assert len(bags) == 1
    validate_bag(bags[0])
    command = Path(sys.executable).with_name("bagit.py")
    done = subprocess.run(
        [sys.executable, str(command), "--validate", str(bags[0])],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert (bags[0] / "data" / "METS.xml").is_file()
    assert "Package written" in capsys.readouterr().out


def test_archivist_builds_and_downloads_a_package_from_the_web(
    records, hooks, django_capture_on_commit_callbacks
):
    client = Client()
    client.login(username="archivist", password=PASSWORD)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/arkiv/kanal/{records.public_id}/export/", {"format": "sip"})
    export = Export.objects.get()
    assert isinstance(response, HttpResponseRedirect)
    assert response.url == f"/arkiv/export/{export.public_id}/"
    assert export.state == "done", export.failure_reason
    assert client.get(response.url + "status.json").json()["sha256"] == export.sha256
    download = client.get(response.url + "ladda-ned/")
    assert download["Content-Type"] == "application/zip"
    assert download["Content-Disposition"].startswith("attachment;")
    outsider = Client()
    outsider.login(username="manager_a", password=PASSWORD)
    assert outsider.get(response.url + "ladda-ned/").status_code == 404


HOSTILE = "\x1b\x0b\ufffe\uffff"


def test_control_characters_do_not_fail_the_channels_package(org, records, done_capture, tmp_path):
    """The real records hook (ERMS of registered messages), hostile names, notes and texts."""
    from tillit.channels.models import Channel
    from tillit.connectors.base import ItemKind
    from tillit.records.services.registration import dm_register
    from tillit.records.tests.helpers import ingest

    Channel.objects.filter(pk=records.pk).update(name=f"Kanal{HOSTILE}")
    records.refresh_from_db()
    type(done_capture).objects.filter(pk=done_capture.pk).update(note=f"Anteckning{HOSTILE}")
    item = ingest(records, f"Direkt{HOSTILE}meddelande", kind=ItemKind.DIRECT_MESSAGE)
    dm_register(actor=org["registrar"], item=item, subject=f"Ämne{HOSTILE}")
    out = tmp_path / "out"
    call_command("archive", "export", str(records.public_id), "--out", str(out), "--no-progress")
    [built] = [p for p in out.iterdir() if p.name.startswith("tillit-")]
    strict = etree.XMLParser(recover=False)
    for path in built.rglob("*.xml"):
        etree.parse(str(path), strict)
    erms = (built / "metadata/descriptive/erms.xml").read_text(encoding="utf-8")
    assert "Direkt\ufffd\ufffd\ufffd\ufffdmeddelande" in erms
    premis = (built / "metadata/preservation/premis.xml").read_text(encoding="utf-8")
    assert "Anteckning\ufffd" in premis and "\x1b" not in premis
    report = eark.validate(built)
    assert report["structure"]["status"] == "WellFormed"
    errors = [
        p
        for p in eark.problems(report)
        if p.split()[1].rstrip(":") not in KNOWN_VALIDATOR_FALSE_POSITIVES
    ]
    assert errors == []
    call_command(
        "archive",
        "export",
        str(records.public_id),
        "--out",
        str(tmp_path / "bag"),
        "--format",
        "bag",
        "--no-progress",
    )
    [bag] = list((tmp_path / "bag").iterdir())
    validate_bag(bag)
    info = (bag / "bag-info.txt").read_text(encoding="utf-8")
    assert f"Kanal{HOSTILE}" not in info and "Kanal\ufffd" in info
