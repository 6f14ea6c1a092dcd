"""Disposal runs: due content goes, held and undecided content stays, every chunk is logged."""

import pytest
from django.db import transaction

from tillit.audit.services import audit_verify
from tillit.connectors.base import Attachment as InAttachment
from tillit.connectors.base import ItemKind
from tillit.inbox.models import Attachment, Item, ItemVersion
from tillit.records.services.access import (
    access_request_add_items,
    access_request_close,
    access_request_open,
)
from tillit.records.services.registration import dm_mark_little_importance, dm_register
from tillit.records.tests.helpers import days_ago, ingest
from tillit.retention.choices import ContentClass, RunState
from tillit.retention.models import DisposalLogEntry, DisposalRun
from tillit.retention.selectors import disposal_log_for_channel
from tillit.retention.services import disposal
from tillit.retention.services.disposal import (
    batch_decide,
    batch_propose,
    disposal_plan,
    disposal_run,
    rule_create,
)
from tillit.retention.services.holds import hold_place, hold_release

pytestmark = pytest.mark.django_db(transaction=True)


def rule(org, content_class=ContentClass.COMMENTS, days=30):
    return rule_create(
        actor=org["archivist"],
        reference="KS 2026/5",
        decided_on=days_ago(60).date(),
        committee=org.dept_a.committee,
        content_class=content_class,
        period_days=days,
    )


def test_due_comments_disposed_with_versions_and_log(org, active_channel):
    old = ingest(active_channel, "Gammal kommentar", received_at=days_ago(40))
    ItemVersion.objects.create(item=old, version=1, text="första")
    new = ingest(active_channel, "Ny kommentar", received_at=days_ago(2))
    r = rule(org)
    plan = disposal_plan()
    assert [(p.rule.pk, p.count, p.sample_ids) for p in plan] == [(r.pk, 1, [old.pk])]
    run = disposal_run()
    assert run.state == RunState.FINISHED
    assert not Item.objects.filter(pk=old.pk).exists()
    assert not ItemVersion.objects.filter(item_id=old.pk).exists()
    assert Item.objects.filter(pk=new.pk).exists()
    [entry] = DisposalLogEntry.objects.filter(run=run)
    assert (entry.count, entry.object_ids, entry.content_class) == (1, [old.pk], "comments")
    assert disposal_log_for_channel(active_channel)[0]["object_ids"] == [old.pk]
    assert "Gammal" not in str(disposal_log_for_channel(active_channel))
    # Nothing is disposed of twice: the next run finds nothing.
    again = disposal_run()
    assert sum(e.count for e in again.entries.all()) == 0
    assert audit_verify().ok


@pytest.mark.parametrize("where", ["item", "channel", "access_request"])
def test_holds_in_every_position_block_disposal(org, active_channel, where):
    old = ingest(active_channel, "Kommentar som någon begärt ut", received_at=days_ago(40))
    rule(org)
    if where == "item":
        hold = hold_place(actor=org["registrar"], item=old, reason="Överklagande")
    elif where == "channel":
        hold = hold_place(actor=org["archivist"], channel=active_channel, reason="Granskning")
    else:
        request = access_request_open(
            actor=org["registrar"], description="Alla kommentarer i november"
        )
        access_request_add_items(actor=org["registrar"], request=request, items=[old])
    assert disposal_plan()[0].count == 0
    disposal_run()
    assert Item.objects.filter(pk=old.pk).exists()
    if where == "access_request":
        access_request_close(actor=org["registrar"], request=request, outcome_note="Lämnades ut.")
    else:
        hold_release(actor=org["registrar"], hold=hold)
    disposal_run()
    assert not Item.objects.filter(pk=old.pk).exists()


def test_open_access_request_blocks_run(org, active_channel):
    old = ingest(active_channel, "Omdiskuterad kommentar", received_at=days_ago(90))
    rule(org)
    request = access_request_open(actor=org["registrar"], description="Kommentarer om parken")
    access_request_add_items(actor=org["registrar"], request=request, items=[old])
    run = disposal_run()
    assert run.state == RunState.FINISHED
    assert Item.objects.filter(pk=old.pk).exists()
    # The request's record survives a later disposal of the item (SET_NULL with its label).
    access_request_close(actor=org["registrar"], request=request, outcome_note="Utlämnat")
    disposal_run()
    entry = request.entries.get()
    assert entry.item is None and "Biblioteket" in entry.label


def test_never_disposed_dms_unregistered_incomplete_capture(org, active_channel, tasks_held):
    rule(org, ContentClass.DIRECT_MESSAGES)
    unregistered = ingest(
        active_channel, "Hej, fråga", kind=ItemKind.DIRECT_MESSAGE, received_at=days_ago(90)
    )
    registered = ingest(
        active_channel, "Hej, ärende", kind=ItemKind.DIRECT_MESSAGE, received_at=days_ago(90)
    )
    dm_register(actor=org["registrar"], item=registered, subject="Ärende")  # not handed over yet
    trivial = ingest(
        active_channel, "Tack!", kind=ItemKind.DIRECT_MESSAGE, received_at=days_ago(90)
    )
    dm_mark_little_importance(actor=org["registrar"], item=trivial, reason="Ett tack.")
    rule(org, ContentClass.COMMENTS)
    pending = ingest(
        active_channel,
        "Kommentar med bild",
        received_at=days_ago(90),
        attachments=(InAttachment(url="https://example.invalid/a.jpg", media_type="image/jpeg"),),
    )
    assert not pending.capture_complete
    disposal_run()
    assert Item.objects.filter(pk=unregistered.pk).exists()
    assert Item.objects.filter(pk=registered.pk).exists()
    assert Item.objects.filter(pk=pending.pk).exists()
    assert not Item.objects.filter(pk=trivial.pk).exists()
    registered.registration.refresh_from_db()
    assert registered.registration.item_id == registered.pk


def test_attachment_files_removed(org, active_channel, tasks_held, settings, tmp_path):
    from django.core.files.base import ContentFile

    settings.MEDIA_ROOT = tmp_path
    item = ingest(
        active_channel,
        "Kommentar med bild",
        received_at=days_ago(90),
        attachments=(InAttachment(url="https://example.invalid/a.jpg", media_type="image/jpeg"),),
    )
    att = Attachment.objects.get(item=item)
    att.file.save("abc", ContentFile(b"bytes"), save=False)
    att.fetch_state = Attachment.Fetch.STORED
    att.save()
    Item.objects.filter(pk=item.pk).update(capture_complete=True)
    path = tmp_path / att.file.name
    assert path.exists()
    rule(org)
    disposal_run()
    assert not Item.objects.filter(pk=item.pk).exists()
    assert not path.exists()


def test_interrupted_run_keeps_state_consistent_and_logged(org, active_channel, monkeypatch):
    items = [ingest(active_channel, f"Kommentar {i}", received_at=days_ago(40)) for i in range(5)]
    rule(org)
    monkeypatch.setattr(disposal, "CHUNK", 2)
    calls = []

    def boom(run, rule_, ids):
        calls.append(ids)
        if len(calls) == 2:
            raise RuntimeError("worker killed")

    monkeypatch.setattr(disposal, "chunk_hooks", [boom])
    run = disposal_run()
    assert run.state == RunState.FAILED and "worker killed" in run.error
    left = set(Item.objects.filter(pk__in=[i.pk for i in items]).values_list("pk", flat=True))
    [entry] = DisposalLogEntry.objects.filter(run=run)
    # The first chunk committed with its log row; the second rolled back whole.
    assert entry.count == 2 and len(left) == 3
    assert set(entry.object_ids).isdisjoint(left)
    monkeypatch.setattr(disposal, "chunk_hooks", [])
    resumed = disposal_run()
    assert resumed.state == RunState.FINISHED
    assert not Item.objects.filter(pk__in=[i.pk for i in items]).exists()
    logged = [i for e in DisposalLogEntry.objects.all() for i in e.object_ids]
    assert sorted(logged) == sorted(i.pk for i in items)  # each once, none twice
    assert audit_verify().ok


def test_one_run_at_a_time_and_stale_runs_interrupted(org):
    from django.utils import timezone

    running = DisposalRun.objects.create()
    with pytest.raises(disposal.RunBusy):
        disposal_run()
    DisposalRun.objects.filter(pk=running.pk).update(
        heartbeat_at=timezone.now() - disposal.STALE * 2
    )
    run = disposal_run()
    assert run.state == RunState.FINISHED
    running.refresh_from_db()
    assert running.state == RunState.INTERRUPTED


def test_until_obsolete_needs_confirmed_batch(org, active_channel):
    old = ingest(active_channel, "Inaktuell kommentar", received_at=days_ago(400))
    r = rule(org, days=None)
    disposal_run()
    assert Item.objects.filter(pk=old.pk).exists()
    batch = batch_propose(actor=org["archivist"], rule=r, received_before=days_ago(100))
    assert batch.object_ids == [old.pk]
    disposal_run()
    assert Item.objects.filter(pk=old.pk).exists()  # proposed, not confirmed
    batch_decide(actor=org["archivist"], batch=batch, confirm=True)
    disposal_run()
    assert not Item.objects.filter(pk=old.pk).exists()


def test_item_with_decision_waits_for_moderation_class(org, active_channel):
    from tillit.moderation.models import Decision

    old = ingest(active_channel, "Borttagen kommentar", received_at=days_ago(90))
    Item.objects.filter(pk=old.pk).update(is_hidden=True)
    with transaction.atomic():
        decision = Decision.objects.create(item=old, kind="hide", snapshot={"text": old.text})
    Decision.objects.filter(pk=decision.pk).update(decided_at=days_ago(80))
    rule(org)
    disposal_run()
    assert Item.objects.filter(pk=old.pk).exists()  # removed is not lost
    rule(org, ContentClass.MODERATION)
    run = disposal_run()
    assert not Decision.objects.filter(pk=decision.pk).exists()
    assert not Item.objects.filter(pk=old.pk).exists()
    classes = {e.content_class: e.count for e in run.entries.all()}
    assert classes == {"moderation": 1, "comments": 1}
