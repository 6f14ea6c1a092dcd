"""The keyed, anchored chain (ADR 8): rewrites and truncations that a plain hash chain missed."""

import json
import stat
from datetime import UTC

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.utils import timezone

from tillit.audit.chain import entry_hash
from tillit.audit.checkpoints import checkpoint_path, checkpoint_write, checkpoints_read
from tillit.audit.keys import keyring, keyring_path
from tillit.audit.models import AuditEntry, AuditHead
from tillit.audit.services import audit_key_rotate, audit_record, audit_verify

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _private_keys(settings, tmp_path):
    """Each test has its own keyring and checkpoint file."""
    settings.TILLIT_AUDIT_KEY = ""
    settings.TILLIT_AUDIT_RETIRED_KEYS = []
    settings.TILLIT_AUDIT_KEYRING = str(tmp_path / "var" / "audit_keyring.json")
    settings.TILLIT_AUDIT_CHECKPOINT_FILE = str(tmp_path / "archive" / "checkpoints.jsonl")


def _record(n: int, start: int = 0) -> None:
    for i in range(start, start + n):
        with transaction.atomic():
            audit_record(
                actor=None, action="test.event", object_type="x", object_id=str(i), detail={"i": i}
            )


def _reseal(entry: AuditEntry, prev: str, key: bytes | None, key_id: str) -> str:
    return entry_hash(
        prev_hash=prev,
        seq=entry.seq,
        at=entry.at.astimezone(UTC),
        actor_id=entry.actor_id,
        actor_label=entry.actor_label,
        action=entry.action,
        object_type=entry.object_type,
        object_id=entry.object_id,
        detail=entry.detail,
        key=key,
        key_id=key_id,
    )


def _rewrite_from(seq: int, *, key: bytes | None, key_id: str = "") -> None:
    """Forge entry #seq and reseal it and every later entry, then move the head (direct SQL)."""
    with connection.cursor() as cur:
        cur.execute("UPDATE audit_auditentry SET action = 'forged' WHERE seq = %s", [seq])
    prev = AuditEntry.objects.get(seq=seq - 1).hash if seq > 1 else "0" * 64
    for entry in AuditEntry.objects.filter(seq__gte=seq).order_by("seq"):
        digest = _reseal(entry, prev, key, key_id)
        with connection.cursor() as cur:
            cur.execute(
                "UPDATE audit_auditentry SET prev_hash = %s, hash = %s, key_id = %s WHERE seq = %s",
                [prev, digest, key_id, entry.seq],
            )
        prev = digest
    AuditHead.objects.filter(id=1).update(last_hash=prev)


def _truncate_after(seq: int) -> None:
    """Delete the entries after #seq and point the head at #seq, as someone with SQL access can."""
    last = AuditEntry.objects.get(seq=seq)
    with connection.cursor() as cur:
        cur.execute("DELETE FROM audit_auditentry WHERE seq > %s", [seq])
    AuditHead.objects.filter(id=1).update(last_hash=last.hash, count=seq)


def test_entries_are_sealed_with_a_key_from_outside_the_database():
    _record(3)
    ring = keyring()
    entries = list(AuditEntry.objects.order_by("seq"))
    assert {e.key_id for e in entries} == {ring.current_id}
    assert entries[0].hash == _reseal(entries[0], "0" * 64, ring.current, ring.current_id)
    assert entries[0].hash != _reseal(entries[0], "0" * 64, None, "")  # not plain SHA-256
    assert stat.S_IMODE(keyring_path().stat().st_mode) == 0o600
    assert audit_verify().ok


def test_finding_rewrite_of_500_without_the_key_is_caught_at_500():
    """The issue's case: edit #500 and recompute every later hash as the old chain allowed."""
    _record(510)
    _rewrite_from(500, key=None)  # the attacker has only the database: plain SHA-256
    result = audit_verify()
    assert not result.ok and result.broken_seq == 500
    with pytest.raises(CommandError, match="#500"):
        call_command("audit", "verify")


def test_rewrite_with_a_guessed_key_under_the_real_key_id_is_caught():
    _record(6)
    _rewrite_from(3, key=b"g" * 32, key_id=keyring().current_id)
    result = audit_verify()
    assert not result.ok and result.broken_seq == 3
    assert "seal" in result.reason


def test_rewrite_with_the_stolen_key_is_caught_by_the_checkpoint():
    _record(6)
    assert checkpoint_write() is not None  # anchors #6
    _record(2, start=6)
    ring = keyring()
    _rewrite_from(4, key=ring.current, key_id=ring.current_id)  # every seal now holds
    result = audit_verify()
    assert not result.ok and result.broken_seq == 6
    assert "checkpoint" in result.reason and "#1 and #6" in result.reason
    with pytest.raises(CommandError, match="BROKEN at entry #6"):
        call_command("audit", "verify")


def test_deleting_the_newest_entries_and_updating_the_head_is_caught_by_a_later_checkpoint():
    _record(8)
    checkpoint_write()
    _truncate_after(5)
    result = audit_verify()
    assert not result.ok and result.broken_seq == 6
    assert "saw #8" in result.reason and "ends at #5" in result.reason


def test_truncation_after_the_last_checkpoint_is_reported_as_unproven(capsys):
    _record(4)
    checkpoint_write()
    _record(3, start=4)
    _truncate_after(6)  # #7 deleted, after the last checkpoint: not provable
    result = audit_verify()
    assert result.ok and result.proven_through == 4 and result.unproven == (5, 6)
    call_command("audit", "verify")
    out = capsys.readouterr().out
    assert "#1–#4 are proven by the checkpoint" in out
    assert "UNPROVEN: entries #5–#6" in out


def test_verify_names_the_unproven_span_when_there_is_no_checkpoint(capsys):
    _record(2)
    call_command("audit", "verify")
    out = capsys.readouterr().out
    assert "No checkpoint covers the chain yet" in out and "UNPROVEN: entries #1–#2" in out


def test_checkpoint_file_is_private_append_only_and_signed():
    _record(2)
    first = checkpoint_write()
    assert checkpoint_write() is None  # nothing new since
    _record(1, start=2)
    second = checkpoint_write()
    path = checkpoint_path()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    lines = path.read_text().splitlines()
    assert first is not None and second is not None
    assert [json.loads(line)["seq"] for line in lines] == [first.seq, second.seq] == [2, 3]
    assert checkpoints_read() == [first, second]


def test_forged_checkpoint_is_refused():
    _record(2)
    checkpoint_write()
    path = checkpoint_path()
    data = json.loads(path.read_text())
    data["seq"] = 1
    path.write_text(json.dumps(data) + "\n")
    result = audit_verify()
    assert not result.ok and "signature" in result.reason


def test_checkpoints_from_another_copy_prove_what_the_local_file_lost(tmp_path):
    _record(5)
    checkpoint_write()
    copy = tmp_path / "from-the-archivists-mail.jsonl"
    copy.write_text(checkpoint_path().read_text())
    checkpoint_path().unlink()  # whoever truncates would remove the local anchor too
    _truncate_after(3)
    assert audit_verify().ok  # locally nothing shows ...
    with pytest.raises(CommandError, match="saw #5"):  # ... the copy does
        call_command("audit", "verify", "--checkpoints", str(copy))


def test_rotation_records_the_new_key_and_old_entries_still_verify(capsys):
    _record(2)
    old_id = keyring().current_id
    entry = audit_key_rotate(actor=None)
    _record(2, start=2)
    new_id = keyring().current_id
    assert new_id != old_id and entry.key_id == new_id
    assert entry.detail == {"previous_key_id": old_id, "key_id": new_id}
    assert list(AuditEntry.objects.order_by("seq").values_list("key_id", flat=True)) == [
        old_id,
        old_id,
        new_id,
        new_id,
        new_id,
    ]
    call_command("audit", "verify")
    assert f"{old_id}, {new_id}" in capsys.readouterr().out


def test_entry_sealed_with_a_key_no_longer_in_the_keyring_fails(settings, tmp_path):
    _record(1)
    settings.TILLIT_AUDIT_KEYRING = str(tmp_path / "other.json")
    result = audit_verify()
    assert not result.ok and "unknown key" in result.reason


def test_environment_key_seals_and_retired_keys_verify(settings):
    settings.TILLIT_AUDIT_KEY = "a" * 40
    _record(1)
    settings.TILLIT_AUDIT_KEY = "b" * 40
    settings.TILLIT_AUDIT_RETIRED_KEYS = ["a" * 40]
    _record(1, start=1)
    assert len(set(AuditEntry.objects.values_list("key_id", flat=True))) == 2
    assert audit_verify().ok
    assert not keyring_path().exists()  # no key file when the environment provides the key
    with pytest.raises(CommandError, match="TILLIT_AUDIT_KEY"):
        call_command("audit", "rotate-key")


def _legacy(n: int) -> None:
    """Entries as ADR 3 wrote them before keys existed: plain SHA-256, no key id."""
    prev = "0" * 64
    for seq in range(1, n + 1):
        entry = AuditEntry(
            seq=seq,
            at=timezone.now().astimezone(UTC),
            actor_label="system",
            action="old",
            object_type="x",
            object_id=str(seq),
            detail={},
            prev_hash=prev,
        )
        entry.hash = _reseal(entry, prev, None, "")
        entry.save()
        prev = entry.hash
    AuditHead.objects.create(id=1, last_hash=prev, count=n)


def test_legacy_entries_verify_and_are_bound_by_the_first_keyed_entry(capsys):
    _legacy(3)
    call_command("audit", "verify")
    assert "not yet bound by any keyed entry" in capsys.readouterr().out
    _record(2)
    result = audit_verify()
    assert result.ok and result.legacy_through == 3 and result.checked == 5
    call_command("audit", "verify")
    assert "#1–#3 predate keyed sealing" in capsys.readouterr().out
    # A forger without the key who rewrites #2 must take the keyed #4 and #5 along (#4 seals
    # the link to #3), and can only do so by passing them off as legacy entries too. Seals
    # alone cannot show that; verify says so: nothing is bound or proven any more.
    _rewrite_from(2, key=None)
    result = audit_verify()
    assert result.legacy_through == 5 and result.proven_through == 0 and result.unproven == (1, 5)


def test_rewriting_keyed_entries_as_legacy_ones_is_caught_by_the_checkpoint_legacy_span():
    _legacy(3)
    _record(2)
    checkpoint = checkpoint_write()
    assert checkpoint is not None and checkpoint.legacy_through == 3
    _record(2, start=2)
    _rewrite_from(4, key=None)  # all of #4..#7 now pass for unkeyed legacy entries
    result = audit_verify()
    assert not result.ok and result.broken_seq == 4 and "legacy span #1–#3" in result.reason


def test_unkeyed_entry_after_keyed_ones_is_forged():
    _record(3)
    _rewrite_from(3, key=None, key_id="")
    result = audit_verify()
    assert not result.ok and result.broken_seq == 3 and "unkeyed" in result.reason
