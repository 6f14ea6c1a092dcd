"""Truth about the platform: read-back after a crash, retry without a second effect, manual
confirmation, the displayed state in Swedish, and who else has the item open."""

from datetime import timedelta

import httpx
import pytest
import respx
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from tillit.audit.models import AuditEntry
from tillit.inbox.models import ActionRequest, Item, ItemPresence
from tillit.inbox.services import outbox
from tillit.inbox.services.outbox import action_request, outbox_execute
from tillit.inbox.services.outbox_people import action_confirm_manual, action_retry
from tillit.inbox.services.reconcile import reconcile_due
from tillit.inbox.truth import item_truths, truth_of
from tillit.testing import PASSWORD

from .conftest import PAGE_ID
from .test_ingest import inbound

pytestmark = pytest.mark.django_db
GRAPH = "https://graph.facebook.com/v23.0"


class Crash(BaseException):
    """The worker dies between the platform's answer and the record (not an Exception)."""


@pytest.fixture
def item(fb_channel):
    from tillit.inbox.services.ingest import ingest_items

    ingest_items(channel=fb_channel, items=[inbound(f"{PAGE_ID}_1000_9", "Hot")])
    return Item.objects.get()


@pytest.fixture
def hide(org, item, tasks_held):
    return action_request(
        actor=org["staff_1"], channel=item.channel, kind="hide", item=item, idempotency_key="h-9"
    )


@pytest.fixture
def crash_after_send():
    def crash(action, result):
        raise Crash

    outbox.after_send_hooks.append(crash)
    yield
    if crash in outbox.after_send_hooks:
        outbox.after_send_hooks.remove(crash)


def _stale(action):
    ActionRequest.objects.filter(pk=action.pk).update(
        claimed_at=timezone.now() - outbox.lease() - timedelta(minutes=1)
    )


def _fail_for_good(action):
    ActionRequest.objects.filter(pk=action.pk).update(
        state="failed",
        reason_code="network",
        attempts=60,
        detail="gave up after 60 attempts: temporary failure: network error",
        completed_at=timezone.now(),
    )
    action.refresh_from_db()


def test_crash_between_answer_and_record_reconciles_to_the_platform(hide, item, crash_after_send):
    with respx.mock(assert_all_mocked=True) as mock:
        sent = mock.post(f"{GRAPH}/{item.platform_id}").mock(
            return_value=httpx.Response(200, json={"success": True})
        )
        with pytest.raises(Crash):
            outbox_execute(hide.pk)
    hide.refresh_from_db()
    assert hide.state == "sending" and sent.call_count == 1
    _stale(hide)
    outbox.after_send_hooks.clear()
    with respx.mock(assert_all_mocked=True, assert_all_called=False) as mock:
        read = mock.get(f"{GRAPH}/{item.platform_id}").mock(
            return_value=httpx.Response(200, json={"id": item.platform_id, "is_hidden": True})
        )
        again = mock.post(f"{GRAPH}/{item.platform_id}")
        counts = reconcile_due()
        assert read.called and not again.called  # the platform's truth, no second hide
    assert counts["recovered"] == 1
    hide.refresh_from_db()
    item.refresh_from_db()
    assert hide.state == "done" and hide.verified_at is not None
    assert item.is_hidden and item.status == "handled"


def test_done_hide_that_the_platform_does_not_show_is_sent_again(hide, item):
    with respx.mock(assert_all_mocked=True) as mock:
        sent = mock.post(f"{GRAPH}/{item.platform_id}").mock(
            return_value=httpx.Response(200, json={"success": True})
        )
        assert (done := outbox_execute(hide.pk)) is not None and done.state == "done"
    assert done.verify_after is not None  # Meta can be read back: a check is due
    ActionRequest.objects.filter(pk=hide.pk).update(verify_after=timezone.now())
    with respx.mock(assert_all_mocked=True) as mock:
        mock.get(f"{GRAPH}/{item.platform_id}").mock(
            return_value=httpx.Response(200, json={"id": item.platform_id, "is_hidden": False})
        )
        assert reconcile_due()["reopened"] == 1
    hide.refresh_from_db()
    item.refresh_from_db()
    assert hide.state == "retry" and hide.reason_code == "not_confirmed" and hide.reopened == 1
    assert not item.is_hidden and item.status == "needs_attention"
    with respx.mock(assert_all_mocked=True) as mock:
        sent = mock.post(f"{GRAPH}/{item.platform_id}").mock(
            return_value=httpx.Response(200, json={"success": True})
        )
        assert (done := outbox_execute(hide.pk)) is not None and done.state == "done"
        assert sent.call_count == 1
    ActionRequest.objects.filter(pk=hide.pk).update(verify_after=timezone.now())
    with respx.mock(assert_all_mocked=True) as mock:
        mock.get(f"{GRAPH}/{item.platform_id}").mock(
            return_value=httpx.Response(200, json={"id": item.platform_id, "is_hidden": True})
        )
        assert reconcile_due()["confirmed"] == 1
    hide.refresh_from_db()
    assert hide.state == "done" and hide.verified_at is not None and hide.verify_after is None


def test_a_deleted_comment_reads_as_gone(org, item, tasks_held):
    delete = action_request(actor=org["staff_1"], channel=item.channel, kind="delete", item=item)
    ActionRequest.objects.filter(pk=delete.pk).update(
        state="sending", claimed_by="dead", claimed_at=timezone.now() - timedelta(hours=1)
    )
    with respx.mock(assert_all_mocked=True, assert_all_called=False) as mock:
        mock.get(f"{GRAPH}/{item.platform_id}").mock(
            return_value=httpx.Response(
                400,
                json={"error": {"message": "Object does not exist", "code": 100}},
            )
        )
        again = mock.delete(f"{GRAPH}/{item.platform_id}")
        assert (done := outbox_execute(delete.pk, worker_id="w2")) is not None
        assert not again.called
    assert done.state == "done"
    item.refresh_from_db()
    assert item.is_deleted


def test_retry_requeues_the_same_action_and_never_acts_twice(org, hide, item):
    _fail_for_good(hide)
    truth = truth_of(hide)
    assert truth is not None and truth.can_retry
    action_retry(actor=org["staff_1"], action=hide)
    with pytest.raises(ValidationError, match="not waiting"):
        # Only a stuck action can be retried; a double click finds it queued already.
        action_retry(actor=org["staff_1"], action=hide)
    hide.refresh_from_db()
    assert hide.state == "retry" and hide.attempts == 0
    assert ActionRequest.objects.count() == 1  # the same row and key, not a second action
    with respx.mock(assert_all_mocked=True) as mock:
        sent = mock.post(f"{GRAPH}/{item.platform_id}").mock(
            return_value=httpx.Response(200, json={"success": True})
        )
        assert (done := outbox_execute(hide.pk)) is not None and done.state == "done"
        assert outbox_execute(hide.pk) is None
        assert sent.call_count == 1
    with pytest.raises(ValidationError, match="not waiting"):
        action_retry(actor=org["staff_1"], action=hide)
    assert AuditEntry.objects.filter(action="outbox.retry").count() == 1


def test_retry_of_an_unknown_reply_looks_before_it_sends(org, item, tasks_held):
    reply = action_request(
        actor=org["staff_1"],
        channel=item.channel,
        kind="reply",
        item=item,
        params={"text": "Vi har tagit bort kommentaren."},
    )
    ActionRequest.objects.filter(pk=reply.pk).update(state="unknown", reason_code="unknown_outcome")
    reply.refresh_from_db()
    action_retry(actor=org["staff_1"], action=reply)
    reply.refresh_from_db()
    assert reply.needs_lookup
    found = {
        "data": [
            {
                "id": f"{PAGE_ID}_1000",
                "created_time": "2026-11-29T10:00:00+0000",
                "from": {"id": PAGE_ID, "name": "Kommunen"},
            }
        ]
    }
    comments = {
        "data": [
            {
                "id": f"{PAGE_ID}_1000_77",
                "message": "Vi har tagit bort kommentaren.",
                "created_time": "2026-11-29T10:05:00+0000",
                "from": {"id": PAGE_ID, "name": "Kommunen"},
                "parent": {"id": item.platform_id},
            }
        ]
    }
    with respx.mock(assert_all_mocked=True, assert_all_called=False) as mock:
        mock.get(f"{GRAPH}/{PAGE_ID}/feed").mock(return_value=httpx.Response(200, json=found))
        mock.get(f"{GRAPH}/{PAGE_ID}_1000/comments").mock(
            return_value=httpx.Response(200, json=comments)
        )
        mock.get(f"{GRAPH}/{PAGE_ID}/conversations").mock(
            return_value=httpx.Response(200, json={"data": []})
        )
        sent = mock.post(f"{GRAPH}/{item.platform_id}/comments")
        assert (done := outbox_execute(reply.pk)) is not None
        assert not sent.called
    assert done.state == "done" and done.result_ref == f"{PAGE_ID}_1000_77"


def test_manual_confirmation_is_recorded_audited_and_settles_the_item(org, hide, item):
    _fail_for_good(hide)
    Item.objects.filter(pk=item.pk).update(status="needs_attention")
    done = action_confirm_manual(
        actor=org["staff_1"], action=hide, note="Dolde kommentaren i Meta Business Suite."
    )
    assert done.state == "manual_done" and done.confirmed_by == org["staff_1"]
    item.refresh_from_db()
    assert item.is_hidden and item.status == "handled"
    entry = AuditEntry.objects.get(action="outbox.manual_done")
    assert entry.detail["from"] == "failed" and "Meta Business Suite" in entry.detail["note"]
    assert outbox_execute(hide.pk) is None  # never sent after a person did it
    with pytest.raises(ValidationError, match="nothing to confirm"):
        action_confirm_manual(actor=org["staff_1"], action=hide)


def test_the_page_says_what_is_true_in_swedish_and_offers_retry_and_confirm(org, hide, item):
    client = Client()
    client.login(username="staff_1", password=PASSWORD)
    page = client.get(f"/inkorg/{item.pk}/").content.decode()
    assert "Beslut: dölj – väntar på plattformen" in page
    _fail_for_good(hide)
    page = client.get(f"/inkorg/{item.pk}/").content.decode()
    assert "Misslyckades – syns fortfarande" in page
    assert "Plattformen gick inte att nå" in page and "Försök igen" in page
    assert "Gjort för hand på plattformen – bekräfta" in page
    # The confirmation needs the tick; without it nothing changes.
    client.post(f"/inkorg/{item.pk}/atgard/{hide.pk}/gjort-for-hand/", {"note": "x"})
    hide.refresh_from_db()
    assert hide.state == "failed"
    client.post(
        f"/inkorg/{item.pk}/atgard/{hide.pk}/gjort-for-hand/",
        {"done_by_hand": "yes", "note": "Dold i Facebook"},
    )
    hide.refresh_from_db()
    assert hide.state == "manual_done"
    page = client.get(f"/inkorg/{item.pk}/").content.decode()
    assert "Dold för hand på plattformen" in page
    ActionRequest.objects.filter(pk=hide.pk).update(state="done", completed_at=timezone.now())
    text = item_truths(item)[0].text
    assert text.startswith("Dold på plattformen ") and text[-5:-2].endswith(":")


def test_another_persons_retry_url_is_not_found(org, hide, item):
    _fail_for_good(hide)
    client = Client()
    client.login(username="outsider", password=PASSWORD)
    response = client.post(f"/inkorg/{item.pk}/atgard/{hide.pk}/forsok-igen/")
    assert response.status_code == 404
    hide.refresh_from_db()
    assert hide.state == "failed"


def test_who_else_has_the_item_open(org, item):
    first, second = Client(), Client()
    first.login(username="staff_1", password=PASSWORD)
    second.login(username="staff_2", password=PASSWORD)
    first.get(f"/inkorg/{item.pk}/")
    page = second.get(f"/inkorg/{item.pk}/").content.decode()
    assert "Även öppen för:" in page and org["staff_1"].name in page
    # The heartbeat answers with the others: staff_1 now sees staff_2.
    beat = first.post(f"/inkorg/{item.pk}/narvaro/").content.decode()
    assert "Även öppen för:" in beat and org["staff_2"].name in beat
    assert org["staff_1"].name not in beat
    # Older than two minutes: the tab was closed.
    ItemPresence.objects.update(last_seen=timezone.now() - timedelta(minutes=3))
    assert org["staff_1"].name not in second.post(f"/inkorg/{item.pk}/narvaro/").content.decode()


def test_read_state_errors_leave_the_check_for_later(hide, item):
    with respx.mock(assert_all_mocked=True) as mock:
        mock.post(f"{GRAPH}/{item.platform_id}").mock(
            return_value=httpx.Response(200, json={"success": True})
        )
        outbox_execute(hide.pk)
    ActionRequest.objects.filter(pk=hide.pk).update(verify_after=timezone.now())
    with respx.mock(assert_all_mocked=True) as mock:
        mock.get(f"{GRAPH}/{item.platform_id}").mock(
            return_value=httpx.Response(500, json={"error": {"message": "down", "code": 2}})
        )
        reconcile_due()
    hide.refresh_from_db()
    assert hide.state == "done" and hide.verify_after > timezone.now()


def test_the_read_back_runs_as_a_periodic_job():
    from tillit.core.scheduler import registered_jobs

    job = registered_jobs()["inbox.reconcile_outbox"]
    assert job.interval.total_seconds() <= 60


def test_an_unknown_reply_is_looked_up_again_a_bounded_number_of_times(org, item, tasks_held):
    reply = action_request(
        actor=org["staff_1"], channel=item.channel, kind="reply", item=item, params={"text": "Hej"}
    )
    ActionRequest.objects.filter(pk=reply.pk).update(
        state="unknown", verify_after=timezone.now(), reopened=0
    )
    assert reconcile_due()["reopened"] == 1
    reply.refresh_from_db()
    assert reply.state == "retry" and reply.needs_lookup  # looked for before anything is sent
    ActionRequest.objects.filter(pk=reply.pk).update(
        state="unknown", verify_after=timezone.now(), reopened=6
    )
    assert reconcile_due()["reopened"] == 0
    reply.refresh_from_db()
    assert reply.state == "unknown" and reply.verify_after is None  # now a person's to check
