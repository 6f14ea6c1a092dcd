"""One decision at a time, and the truth about the platform as moderation sees it (issue 11).

A failed action never shows the item as handled and escalates at the deadline; a decision
that contradicts a pending or recent one is refused without an explicit supersede; two
stale forms (or two threads) deciding at once give one decision and one clear refusal.
"""

import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.utils import timezone, translation

from tillit.channels.models import Mandate
from tillit.core.messages import shown
from tillit.inbox.models import ActionRequest, Item
from tillit.moderation.models import Assessment, Decision
from tillit.moderation.services.decisions import (
    DecisionConflict,
    StaleDecision,
    decision_make,
)
from tillit.moderation.services.escalation import escalate_overdue
from tillit.organisation.models import Notice
from tillit.testing import PASSWORD

from .test_decisions import comment

pytestmark = pytest.mark.django_db


def _client(who: str) -> Client:
    client = Client()
    client.login(username=who, password=PASSWORD)
    return client


def _fail(action: ActionRequest, when=None) -> None:
    ActionRequest.objects.filter(pk=action.pk).update(
        state="failed",
        reason_code="network",
        attempts=60,
        detail="gave up after 60 attempts: temporary failure: network error",
        completed_at=when or timezone.now(),
    )


def test_a_failed_hide_never_shows_handled_and_escalates(
    org, fb_channel, policy, tasks_held, django_capture_on_commit_callbacks
):
    received = timezone.now() - timedelta(hours=2)
    item = comment(fb_channel, "c1", "Jag ska döda dig", when=received)
    decision = decision_make(actor=org["staff_1"], item=item, kind="hide", rule_code="R13a")
    assert decision.action is not None
    item.refresh_from_db()
    assert item.status == "needs_attention"
    # The queue keeps it, and its page says what is true.
    queue = _client("staff_1").get("/inkorg/").content.decode()
    assert "Jag ska döda dig" in queue
    _fail(decision.action, when=timezone.now() - timedelta(minutes=1))
    item.refresh_from_db()
    assert item.status != "handled"
    page = _client("staff_1").get(f"/inkorg/{item.pk}/").content.decode()
    assert "Misslyckades – syns fortfarande" in page and "Hanterad" not in page

    with translation.override("sv"), django_capture_on_commit_callbacks(execute=True):
        assert escalate_overdue() == 1
    notice = Notice.objects.get(person=org["staff_2"], url=f"/inkorg/{item.pk}/")
    with translation.override("sv"):  # stored as a message, shown in the reader's language
        subject, body = shown(notice.subject, html=False), shown(notice.body, html=False)
    assert subject.startswith("Inte utfört på plattformen i ")
    assert "Misslyckades – syns fortfarande" in subject
    assert "Plattformen gick inte att nå" in body
    assert any(m.subject == subject for m in mail.outbox)  # and by e-mail
    assert not Notice.objects.filter(person=org["manager_a"], url=notice.url).exists()
    assert escalate_overdue() == 0  # each level once
    # Another full window later, the manager.
    ActionRequest.objects.filter(pk=decision.action.pk).update(
        completed_at=timezone.now() - timedelta(days=3)
    )
    Assessment.objects.filter(item=item).update(deadline=received + timedelta(hours=4))
    assert escalate_overdue() == 1
    assert Notice.objects.filter(person=org["manager_a"], url=notice.url).exists()
    # The overdue-item path leaves decided items to the action path: no second notice.
    assert Notice.objects.filter(person=org["staff_2"], url=notice.url).count() == 1


def test_a_pending_hide_escalates_when_the_deadline_passes(org, fb_channel, policy, tasks_held):
    item = comment(fb_channel, "c1", "Ring mig på 070-123 45 67")
    decision = decision_make(actor=org["staff_1"], item=item, kind="hide", rule_code="R14")
    assert decision.action is not None
    assert escalate_overdue() == 0  # queued, deadline not passed: the outbox still tries
    ActionRequest.objects.filter(pk=decision.action.pk).update(
        created_at=timezone.now() - timedelta(hours=1)
    )
    Assessment.objects.filter(item=item).update(deadline=timezone.now() - timedelta(minutes=5))
    assert escalate_overdue() == 1
    assert Notice.objects.filter(person=org["staff_2"], url=f"/inkorg/{item.pk}/").exists()


def test_a_contradicting_decision_without_supersede_is_refused(org, fb_channel, policy, tasks_held):
    item = comment(fb_channel, "c1", "Du är en idiot")
    hide = decision_make(actor=org["staff_1"], item=item, kind="hide", rule_code="R13a")
    assert hide.action is not None
    with pytest.raises(DecisionConflict) as refused:
        decision_make(actor=org["staff_2"], item=item, kind="unhide")
    assert "Staff 1" in refused.value.messages[0] and refused.value.standing == hide
    with pytest.raises(ValidationError, match="reason"):
        decision_make(actor=org["staff_2"], item=item, kind="unhide", supersede=True)
    assert Decision.objects.count() == 1
    # Said out loud, with a reason: the queued hide is withdrawn before any worker took it.
    unhide = decision_make(
        actor=org["staff_2"],
        item=item,
        kind="unhide",
        supersede=True,
        supersede_reason="Ironi, inte ett personangrepp.",
    )
    assert unhide.supersedes == hide and unhide.supersede_reason.startswith("Ironi")
    hide.action.refresh_from_db()
    assert hide.action.state == "cancelled"
    assert unhide.action is not None and unhide.action.kind == "unhide"


def test_keep_after_a_carried_out_hide_queues_the_reverse(org, fb_channel, policy, tasks_held):
    item = comment(fb_channel, "c1", "Du är en idiot")
    hide = decision_make(actor=org["staff_1"], item=item, kind="hide", rule_code="R13a")
    assert hide.action is not None
    ActionRequest.objects.filter(pk=hide.action.pk).update(
        state="done", completed_at=timezone.now()
    )
    with pytest.raises(DecisionConflict):
        decision_make(actor=org["staff_2"], item=item, kind="keep")
    keep = decision_make(
        actor=org["staff_2"], item=item, kind="keep", supersede=True, supersede_reason="Fel."
    )
    assert keep.action is not None and keep.action.kind == "unhide"
    hide.action.refresh_from_db()
    assert hide.action.state == "done"  # what happened stays recorded
    item.refresh_from_db()
    assert item.status == "needs_attention"  # until the unhide is done


def test_a_deletion_cannot_be_reversed_and_nothing_is_half_saved(
    org, fb_channel, policy, tasks_held
):
    item = comment(fb_channel, "c1", "Ring mig på 070-123 45 67")
    delete = decision_make(actor=org["staff_1"], item=item, kind="delete", rule_code="R14")
    assert delete.action is not None
    ActionRequest.objects.filter(pk=delete.action.pk).update(state="sending")
    seq = Item.objects.get(pk=item.pk).decision_seq
    with pytest.raises(ValidationError, match="cannot be undone"):
        decision_make(
            actor=org["staff_2"], item=item, kind="keep", supersede=True, supersede_reason="x"
        )
    assert Decision.objects.count() == 1 and ActionRequest.objects.count() == 1
    assert Item.objects.get(pk=item.pk).decision_seq == seq


def test_two_stale_forms_give_one_decision_and_one_clear_refusal(
    org, fb_channel, policy, tasks_held
):
    item = comment(fb_channel, "c1", "Du är en idiot")
    first, second = _client("staff_1"), _client("staff_2")
    for client in (first, second):
        page = client.get(f"/inkorg/{item.pk}/").content.decode()
        assert 'name="seen_seq" value="0"' in page
    assert "Även öppen för:" in second.get(f"/inkorg/{item.pk}/").content.decode()
    ok = first.post(
        f"/inkorg/{item.pk}/beslut/",
        {"kind": "hide", "rule": "R13a", "seen_seq": "0", "note": "Personangrepp."},
    )
    assert ok.status_code == 302
    refused = second.post(
        f"/inkorg/{item.pk}/beslut/",
        {"kind": "keep", "seen_seq": "0", "note": "Min egen anteckning"},
    )
    assert refused.status_code == 409
    text = refused.content.decode()
    assert "Staff 1 beslutade &#x27;Dölj&#x27;" in text and "medan du hade sidan öppen" in text
    assert ">Min egen anteckning</textarea>" in text  # the typed note is kept
    assert Decision.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_threads_deciding_at_once_give_one_decision(org, fb_channel, policy, tasks_held):
    item = comment(fb_channel, "c1", "Du är en idiot")
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def decide(who: str, kind: str, rule: str) -> None:
        try:
            barrier.wait(timeout=10)
            decision_make(actor=org[who], item=item, kind=kind, rule_code=rule, seen_seq=0)
            outcomes.append("decided")
        except StaleDecision as exc:
            outcomes.append("stale: " + exc.messages[0])
        finally:
            connection.close()

    threads = [
        threading.Thread(target=decide, args=("staff_1", "hide", "R13a")),
        threading.Thread(target=decide, args=("staff_2", "keep", "")),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert sorted(o.split(":")[0] for o in outcomes) == ["decided", "stale"]
    assert "medan du hade sidan öppen" in next(o for o in outcomes if o.startswith("stale"))
    assert Decision.objects.filter(item=item).count() == 1
    assert Item.objects.get(pk=item.pk).decision_seq == 1


def test_bad_input_gets_clear_swedish_messages_and_keeps_the_text(
    org, fb_channel, policy, tasks_held
):
    item = comment(fb_channel, "c1", "Du är en idiot")
    client = _client("staff_1")
    page = client.get(f"/inkorg/{item.pk}/").content.decode()
    assert 'maxlength="2000"' in page
    empty = client.post(f"/inkorg/{item.pk}/beslut/", {"note": "Inget valt"})
    assert empty.status_code == 400 and "Välj ett beslut." in empty.content.decode()
    long_note = "å" * 2001
    response = client.post(f"/inkorg/{item.pk}/beslut/", {"kind": "keep", "note": long_note})
    text = response.content.decode()
    assert response.status_code == 400 and "Högst 2000 tecken får plats" in text
    assert long_note in text
    wrong_rule = client.post(f"/inkorg/{item.pk}/beslut/", {"kind": "keep", "rule": "R13a"})
    assert "hänvisar inte till någon" in wrong_rule.content.decode()
    no_rule = client.post(f"/inkorg/{item.pk}/beslut/", {"kind": "hide", "note": "x"})
    assert no_rule.status_code == 400 and "kräver att en regel anges" in no_rule.content.decode()
    assert not Decision.objects.exists() and not ActionRequest.objects.exists()


def test_a_decision_after_the_mandate_ended_is_refused_clearly(org, fb_channel, policy, tasks_held):
    item = comment(fb_channel, "c1", "Du är en idiot")
    client = _client("staff_2")
    assert client.get(f"/inkorg/{item.pk}/").status_code == 200
    Mandate.objects.filter(person=org["staff_2"]).update(
        valid_until=timezone.localdate() - timedelta(days=1)
    )
    response = client.post(
        f"/inkorg/{item.pk}/beslut/", {"kind": "keep", "seen_seq": "0"}, follow=True
    )
    assert "Du kan inte längre besluta om det här inlägget" in response.content.decode()
    assert not Decision.objects.exists()


def test_an_action_the_platform_cannot_do_waits_for_the_deadline(
    org, fb_channel, policy, tasks_held
):
    item = comment(fb_channel, "c1", "Ring mig på 070-123 45 67", when=timezone.now())
    decision = decision_make(actor=org["staff_1"], item=item, kind="hide", rule_code="R14")
    assert decision.action is not None
    ActionRequest.objects.filter(pk=decision.action.pk).update(
        state="not_supported",
        reason_code="not_supported",
        completed_at=timezone.now(),
        created_at=timezone.now() - timedelta(hours=1),
    )
    assert escalate_overdue() == 0  # explained on the page; a person may still do it by hand
    Assessment.objects.filter(item=item).update(deadline=timezone.now() - timedelta(minutes=1))
    assert escalate_overdue() == 1


def test_the_policy_never_overrides_a_persons_standing_decision(org, fb_channel, policy):
    from tillit.moderation.services.assess import assess_item
    from tillit.moderation.services.policy import channel_apply_policy

    item = comment(fb_channel, "c1", "Du är en idiot", when=timezone.now())
    decision_make(actor=org["staff_1"], item=item, kind="keep", note="Ironi.")
    channel_apply_policy(
        actor=org["admin"], channel=fb_channel, version=policy, auto_hide_categories=["insult"]
    )
    # Assessed again (as after an edit): the policy would hide it, but a person just kept it.
    item.refresh_from_db()
    assess_item(item, new=False)
    assert list(Decision.objects.filter(item=item).values_list("kind", flat=True)) == ["keep"]
