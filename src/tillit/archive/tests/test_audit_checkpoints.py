"""The audit chain's head leaves the database: checkpoint file, archivists' e-mail, packages."""

import json
import stat

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from tillit.access.actor import OPERATOR
from tillit.archive.services import channel_export
from tillit.archive.services.checkpoints import audit_checkpoint_publish
from tillit.archive.tasks import audit_checkpoint
from tillit.audit.checkpoints import checkpoint_path, checkpoints_parse
from tillit.audit.models import AuditEntry, AuditHead
from tillit.core.scheduler import registered_jobs

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _keys(settings, tmp_path):
    settings.TILLIT_AUDIT_KEY = ""
    settings.TILLIT_AUDIT_KEYRING = str(tmp_path / "audit_keyring.json")
    settings.TILLIT_AUDIT_CHECKPOINT_FILE = ""  # the archive store under MEDIA_ROOT


def test_checkpoint_is_a_periodic_job():
    assert "archive.audit_checkpoint" in registered_jobs()


def test_publish_writes_the_archive_store_file_and_mails_the_archivist(
    org, settings, django_capture_on_commit_callbacks
):
    assert AuditEntry.objects.exists()  # building the organisation was audited
    with django_capture_on_commit_callbacks(execute=True):
        seq = audit_checkpoint.call()
    head = AuditHead.objects.get()
    assert seq == head.count
    path = checkpoint_path()
    assert str(path).startswith(str(settings.MEDIA_ROOT)) and path.parent.name == "archive"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    [checkpoint] = checkpoints_parse(path.read_text())
    assert (checkpoint.seq, checkpoint.hash) == (head.count, head.last_hash)
    [message] = [m for m in mail.outbox if f"#{seq}" in m.subject]
    assert message.to == [org["archivist"].email]
    assert checkpoint.as_line() in message.body
    # The line in the mail is enough on its own to check the chain with.
    assert checkpoints_parse(message.body.splitlines()[-1]) == [checkpoint]
    mail.outbox.clear()
    assert audit_checkpoint_publish() is None and mail.outbox == []  # nothing new


def test_package_carries_checkpoints_that_catch_a_later_truncation(
    org, done_capture, monkeypatch, tmp_path
):
    from tillit.archive.services import package as package_module

    monkeypatch.setattr(package_module, "_optional", lambda module, name, channel: None)
    package = channel_export(actor=OPERATOR, channel=done_capture.channel, out_dir=tmp_path / "out")
    [document] = list(package.rglob("audit-checkpoints.json"))
    checkpoints = checkpoints_parse(document.read_text(), "package")
    assert checkpoints and checkpoints[-1].reason == "package"
    assert json.loads(document.read_text())["checkpoints"][-1]["seq"] == checkpoints[-1].seq
    call_command("audit", "verify", "--checkpoints", str(document))
    # Someone deletes the newest entries after the export and fixes the head and the local
    # checkpoint file: the package, gone to the e-archive, still knows better.
    keep = checkpoints[-1].seq - 2
    last = AuditEntry.objects.get(seq=keep)
    with connection.cursor() as cur:
        cur.execute("DELETE FROM audit_auditentry WHERE seq > %s", [keep])
    AuditHead.objects.filter(id=1).update(last_hash=last.hash, count=keep)
    checkpoint_path().unlink()
    call_command("audit", "verify")
    with pytest.raises(CommandError, match="newest entries missing"):
        call_command("audit", "verify", "--checkpoints", str(document))
