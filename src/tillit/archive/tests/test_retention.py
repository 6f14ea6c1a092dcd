"""Disposal of captures (R21): due ones go with their files; held, newest and exported stay."""

import pytest
from django.core.files.storage import default_storage
from django.db import transaction

from tillit.access.actor import SCHEDULER
from tillit.archive.choices import CaptureReason, JobState, PackageFormat
from tillit.archive.models import Capture, Export
from tillit.archive.retention import SKIP_PROTECTED, dispose_captures
from tillit.archive.services import capture_request
from tillit.audit.services import audit_verify
from tillit.channels.models import Channel
from tillit.records.tests.helpers import days_ago
from tillit.retention.choices import ContentClass, RunState
from tillit.retention.models import DisposalLogEntry
from tillit.retention.registry import handler_for
from tillit.retention.selectors import disposal_log_for_channel
from tillit.retention.services import disposal
from tillit.retention.services.disposal import disposal_plan, disposal_run, rule_create
from tillit.retention.services.holds import hold_place, hold_release

# The files go after commit, so the tests commit for real.
pytestmark = pytest.mark.django_db(transaction=True)


def captures_rule(org, days=365):
    return rule_create(
        actor=org["archivist"],
        reference="KS 2026/12",
        decided_on=days_ago(30).date(),
        committee=org.dept_a.committee,
        content_class=ContentClass.CAPTURES,
        period_days=days,
    )


def capture(channel, age_days, reason=CaptureReason.SCHEDULED) -> Capture:
    """A capture taken through the service (fake engine), then dated age_days back."""
    taken = capture_request(actor=SCHEDULER, channel=channel, reason=reason, note="Inför bytet")
    taken.refresh_from_db()
    assert taken.state == JobState.DONE, taken.failure_reason
    when = days_ago(age_days)
    Capture.objects.filter(pk=taken.pk).update(requested_at=when, started_at=when, finished_at=when)
    taken.refresh_from_db()
    return taken


def failed_capture(channel, age_days) -> Capture:
    when = days_ago(age_days)
    failed = Capture.objects.create(
        channel=channel,
        reason=CaptureReason.SCHEDULED,
        url=channel.url,
        state=JobState.FAILED,
        failure_reason="the page did not load",
        finished_at=when,
    )
    Capture.objects.filter(pk=failed.pk).update(requested_at=when)
    return failed


def stored(c: Capture) -> list[bool]:
    return [default_storage.exists(entry["name"]) for entry in c.files.values()]


def test_captures_class_is_registered():
    handler = handler_for(ContentClass.CAPTURES)
    assert handler is not None and handler.channel_field == "channel_id"


def test_due_capture_disposed_with_its_files_and_logged(org, active_channel, fake_engine):
    old = capture(active_channel, 400)
    new = capture(active_channel, 10)
    assert stored(old) == [True] * 5
    captures_rule(org)
    run = disposal_run()
    assert run.state == RunState.FINISHED
    assert not Capture.objects.filter(pk=old.pk).exists()
    assert stored(old) == [False] * 5
    assert Capture.objects.filter(pk=new.pk).exists() and stored(new) == [True] * 5
    [entry] = DisposalLogEntry.objects.filter(run=run)
    assert (entry.content_class, entry.count, entry.object_ids) == ("captures", 1, [old.pk])
    assert entry.channel_id == active_channel.pk and entry.skipped == {}
    # Ids and counts only: no file, address, title or note in the log.
    log = str(disposal_log_for_channel(active_channel))
    for text in [*(e["name"] for e in old.files.values()), old.url, old.title, old.note]:
        assert text not in log
    again = disposal_run()
    assert sum(e.count for e in again.entries.all()) == 0
    assert audit_verify().ok


def test_plan_lists_due_captures_and_changes_nothing(org, active_channel, fake_engine):
    old = capture(active_channel, 500)
    older_failed = failed_capture(active_channel, 450)
    due = capture(active_channel, 400)
    capture(active_channel, 20)  # the newest, and not due
    r = captures_rule(org, days=300)
    [row] = disposal_plan()
    assert row.note == ""
    assert (row.rule.pk, row.count, row.sample_ids) == (r.pk, 3, [old.pk, older_failed.pk, due.pk])
    assert row.per_channel == {active_channel.pk: 3}
    assert Capture.objects.count() == 4 and stored(old) == [True] * 5


def test_held_channel_keeps_its_captures(org, active_channel, fake_engine):
    old = capture(active_channel, 400)
    failed = failed_capture(active_channel, 400)
    capture(active_channel, 10)
    captures_rule(org)
    hold = hold_place(actor=org["archivist"], channel=active_channel, reason="Granskning")
    assert disposal_plan()[0].count == 0
    disposal_run()
    assert Capture.objects.filter(pk__in=[old.pk, failed.pk]).count() == 2
    assert stored(old) == [True] * 5
    hold_release(actor=org["archivist"], hold=hold)
    disposal_run()
    assert not Capture.objects.filter(pk__in=[old.pk, failed.pk]).exists()
    assert stored(old) == [False] * 5


def test_newest_capture_of_a_running_channel_is_kept(org, active_channel, fake_engine):
    oldest = capture(active_channel, 700)
    newest = capture(active_channel, 400)
    failed = failed_capture(active_channel, 390)  # a later failure does not count as newest
    captures_rule(org)
    disposal_run()
    assert list(Capture.objects.values_list("pk", flat=True)) == [newest.pk]
    assert not Capture.objects.filter(pk__in=[oldest.pk, failed.pk]).exists()
    assert stored(newest) == [True] * 5
    # Once the channel is archived, its package is in the archive: the rule takes the last one.
    Channel.objects.filter(pk=active_channel.pk).update(status="archived")
    disposal_run()
    assert not Capture.objects.exists()
    assert stored(newest) == [False] * 5


def test_closed_channel_keeps_its_closing_capture(org, active_channel, fake_engine):
    closing = capture(active_channel, 500, reason=CaptureReason.BEFORE_CLOSE)
    later = capture(active_channel, 400)
    Channel.objects.filter(pk=active_channel.pk).update(status="closed")
    captures_rule(org)
    disposal_run()
    assert set(Capture.objects.values_list("pk", flat=True)) == {closing.pk, later.pk}


def test_export_under_way_keeps_done_captures(org, active_channel, fake_engine):
    old = capture(active_channel, 400)
    failed = failed_capture(active_channel, 400)
    capture(active_channel, 10)
    export = Export.objects.create(
        channel=active_channel, format=PackageFormat.SIP, state=JobState.RUNNING
    )
    captures_rule(org)
    disposal_run()
    assert Capture.objects.filter(pk=old.pk).exists() and stored(old) == [True] * 5
    assert not Capture.objects.filter(pk=failed.pk).exists()  # no files for an export to read
    Export.objects.filter(pk=export.pk).update(state=JobState.DONE)
    disposal_run()
    assert not Capture.objects.filter(pk=old.pk).exists()


def test_dispose_checks_again_under_the_channel_lock(org, active_channel, fake_engine):
    old = capture(active_channel, 400)
    capture(active_channel, 10)
    Export.objects.create(channel=active_channel, format=PackageFormat.BAG)  # queued meanwhile
    with transaction.atomic():
        deleted, skipped = dispose_captures([old.pk])
    assert (deleted, skipped) == ([], {SKIP_PROTECTED: [old.pk]})
    assert Capture.objects.filter(pk=old.pk).exists() and stored(old) == [True] * 5


def test_rolled_back_chunk_keeps_row_and_files(org, active_channel, fake_engine, monkeypatch):
    old = capture(active_channel, 400)
    capture(active_channel, 10)
    captures_rule(org)

    def boom(run, rule_, ids):
        raise RuntimeError("worker killed")

    monkeypatch.setattr(disposal, "chunk_hooks", [boom])
    run = disposal_run()
    assert run.state == RunState.FAILED
    assert Capture.objects.filter(pk=old.pk).exists() and stored(old) == [True] * 5
    monkeypatch.setattr(disposal, "chunk_hooks", [])
    assert disposal_run().state == RunState.FINISHED
    assert not Capture.objects.filter(pk=old.pk).exists() and stored(old) == [False] * 5


def test_other_committees_captures_are_not_covered(org, active_channel, fake_engine):
    from tillit.organisation.models import Committee

    old = capture(active_channel, 400)
    capture(active_channel, 10)
    other = Committee.objects.create(organisation=org.organisation, name="Byggnadsnämnden")
    rule_create(
        actor=org["archivist"],
        reference="BN 2026/3",
        decided_on=days_ago(30).date(),
        committee=other,
        content_class=ContentClass.CAPTURES,
        period_days=30,
    )
    assert disposal_plan()[0].count == 0
    disposal_run()
    assert Capture.objects.filter(pk=old.pk).exists()
