"""The audit trail: append-only, hash-chained, and `tillit audit verify` catches direct edits."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction

from tillit.audit.models import AuditEntry
from tillit.audit.services import audit_record, audit_verify

pytestmark = pytest.mark.django_db


def _record(n: int) -> None:
    for i in range(n):
        with transaction.atomic():
            audit_record(
                actor=None,
                action="test.event",
                object_type="x",
                object_id=str(i),
                detail={"i": i, "text": "åäö <b>"},
            )


def test_chain_verifies_and_links():
    _record(5)
    entries = list(AuditEntry.objects.order_by("seq"))
    assert [e.seq for e in entries] == [1, 2, 3, 4, 5]
    assert all(b.prev_hash == a.hash for a, b in zip(entries, entries[1:], strict=False))
    assert audit_verify().ok


@pytest.mark.django_db(transaction=True)
def test_record_outside_transaction_is_refused():
    with pytest.raises(RuntimeError):
        audit_record(actor=None, action="x", object_type="x", object_id="1")


def test_model_refuses_update_and_delete():
    _record(1)
    entry = AuditEntry.objects.get()
    entry.action = "changed"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()


def test_direct_sql_edit_is_detected(capsys):
    _record(4)
    call_command("audit", "verify")
    assert "intact: 4 entries" in capsys.readouterr().out
    with connection.cursor() as cur:
        cur.execute("UPDATE audit_auditentry SET action = 'forged' WHERE seq = 3")
    result = audit_verify()
    assert not result.ok and result.broken_seq == 3
    with pytest.raises(CommandError, match="#3"):
        call_command("audit", "verify")


def test_direct_sql_delete_is_detected():
    _record(4)
    with connection.cursor() as cur:
        cur.execute("DELETE FROM audit_auditentry WHERE seq = 2")
    result = audit_verify()
    assert not result.ok and result.broken_seq == 2


def test_deleting_the_newest_entry_is_detected():
    _record(3)
    with connection.cursor() as cur:
        cur.execute("DELETE FROM audit_auditentry WHERE seq = 3")
    assert not audit_verify().ok


def test_rolled_back_change_leaves_no_entry():
    with pytest.raises(ValueError), transaction.atomic():
        audit_record(actor=None, action="x", object_type="x", object_id="1")
        raise ValueError("the change failed")
    assert AuditEntry.objects.count() == 0
    _record(1)
    assert audit_verify().ok


def test_entries_appended_during_a_walk_are_not_taken_for_a_truncation(monkeypatch):
    # The trail is live: a change recorded after the walk read its entries moves the head
    # ahead of what the walk saw. The walk goes on to the new entry instead of crying theft.
    from tillit.audit import services

    _record(3)
    real_read_head = services._read_head
    appended: list[object] = []

    def read_head_after_a_change():
        if not appended:
            with transaction.atomic():
                appended.append(
                    audit_record(actor=None, action="test.event", object_type="x", object_id="9")
                )
        return real_read_head()

    monkeypatch.setattr(services, "_read_head", read_head_after_a_change)
    result = audit_verify()
    assert result.ok, result.reason
    assert result.checked == 4


def test_a_head_the_entries_cannot_reach_is_still_a_truncation():
    _record(3)
    with connection.cursor() as cur:
        cur.execute("DELETE FROM audit_auditentry WHERE seq = 3")
    result = audit_verify()
    assert not result.ok and result.broken_seq == 3
    assert "newest entries missing" in result.reason
