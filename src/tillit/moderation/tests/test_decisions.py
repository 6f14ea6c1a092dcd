"""Assessments on ingest, proposals with deadlines, decisions that hold up, blocks, escalation."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from tillit.connectors.base import Author, InboundItem, ItemKind
from tillit.core.exceptions import NotFound
from tillit.inbox.models import ActionRequest, Item
from tillit.inbox.services.ingest import ingest_items
from tillit.moderation.models import Assessment, Block, Decision
from tillit.moderation.services.decisions import decision_make
from tillit.moderation.services.escalation import escalate_overdue
from tillit.moderation.services.policy import channel_apply_policy
from tillit.organisation.models import Notice
from tillit.testing import PASSWORD, committed, run_held_subscribers

pytestmark = pytest.mark.django_db
MONDAY_NOON = datetime(2026, 11, 30, 11, 0, tzinfo=UTC)


def comment(channel, pid, text, author="u1", when=MONDAY_NOON) -> Item:
    with committed():  # the assessment runs as a task after the item's commit
        ingest_items(
            channel=channel,
            items=[
                InboundItem(
                    platform_id=pid,
                    kind=ItemKind.COMMENT,
                    is_public=True,
                    text=text,
                    author=Author(author, f"Person {author}"),
                    received_at=when,
                    raw={"id": pid},
                )
            ],
        )
    run_held_subscribers()  # where a test holds tasks, the assessment still runs
    return Item.objects.get(channel=channel, platform_id=pid)


def test_personal_data_is_urgent_with_a_four_hour_deadline(fb_channel, policy):
    item = comment(fb_channel, "c1", "Ring Per på 070-123 45 67, personnummer 19121212-1212.")
    a = item.assessment
    assert a.flagged and "R14" in a.rules and a.tier == "personal_data" and a.priority == 1
    assert a.deadline == MONDAY_NOON + timedelta(hours=4)
    assert item.status == "needs_attention"
    evidence = {f["evidence"] for f in a.findings}
    assert "19121212-1212" in evidence


def test_profanity_gets_one_working_day(fb_channel, policy):
    friday = datetime(2026, 11, 27, 14, 0, tzinfo=UTC)
    item = comment(fb_channel, "c1", "Vilket jävla skitsnack", when=friday)
    a = item.assessment
    assert "R13f" in a.rules and a.tier == "own_rules" and a.priority == 2
    assert a.deadline == datetime(2026, 11, 30, 14, 0, tzinfo=UTC)


def test_benign_comment_is_not_flagged(fb_channel, policy):
    item = comment(fb_channel, "c1", "Vilka öppettider har biblioteket i jul?")
    assert not item.assessment.flagged and item.assessment.deadline is None


def test_same_text_same_proposal_whoever_wrote_it(fb_channel, policy):
    a = comment(fb_channel, "c1", "Du är en idiot", author="u1").assessment
    b = comment(fb_channel, "c2", "Du är en idiot", author="u2").assessment
    assert (a.rules, a.tier, a.priority, a.score) == (b.rules, b.tier, b.priority, b.score)


def test_commercial_allowed_on_a_channel_drops_r13g(org, fb_channel, policy):
    text = "Köp billiga solglasögon här https://rea.example KAMPANJKOD PITEA50"
    assert "R13g" in comment(fb_channel, "c1", text).assessment.rules
    channel_apply_policy(
        actor=org["admin"], channel=fb_channel, version=policy, commercial_allowed=True
    )
    assert "R13g" not in comment(fb_channel, "c2", text).assessment.rules


def test_hide_needs_a_rule_and_records_everything(org, fb_channel, policy, tasks_held):
    item = comment(fb_channel, "c1", "Du är en idiot")
    with pytest.raises(ValidationError):
        decision_make(actor=org["staff_1"], item=item, kind="hide")
    decision = decision_make(
        actor=org["staff_1"], item=item, kind="hide", rule_code="R13a", note="Personangrepp."
    )
    assert decision.tier == "own_rules" and decision.decided_by == org["staff_1"]
    assert decision.snapshot["text"] == "Du är en idiot"
    assert decision.snapshot["author"]["platform_id"] == "u1"
    assert decision.action is not None
    assert (
        decision.action.kind == "hide"
        and decision.action.idempotency_key == f"decision-{decision.pk}"
    )
    item.refresh_from_db()
    # Not handled until the platform shows it hidden: the action is still queued.
    assert item.status == "needs_attention"


def test_rule_outside_the_policy_is_refused(org, fb_channel, policy):
    item = comment(fb_channel, "c1", "Du är en idiot")
    with pytest.raises(ValidationError):
        decision_make(actor=org["staff_1"], item=item, kind="hide", rule_code="R99")


def test_no_mandate_no_decision(org, fb_channel, policy):
    item = comment(fb_channel, "c1", "Du är en idiot")
    for who in ["outsider", "manager_b", "info_a"]:
        with pytest.raises(NotFound):
            decision_make(actor=org[who], item=item, kind="keep")


def test_keep_needs_no_rule_and_no_platform_action(org, fb_channel, policy):
    item = comment(fb_channel, "c1", "Du är en idiot")
    decision = decision_make(actor=org["staff_1"], item=item, kind="keep", note="Ironi.")
    assert decision.action is None and ActionRequest.objects.count() == 0


def test_block_is_a_decision_with_reason_rule_earlier_violations_and_review(
    org, fb_channel, policy, tasks_held
):
    first = comment(fb_channel, "c1", "Du är en idiot")
    decision_make(actor=org["staff_1"], item=first, kind="hide", rule_code="R13a")
    second = comment(fb_channel, "c2", "Jävla idiot igen")
    with pytest.raises(ValidationError):
        decision_make(actor=org["staff_1"], item=second, kind="block", rule_code="R13a")
    decision = decision_make(
        actor=org["staff_1"],
        item=second,
        kind="block",
        rule_code="R13a",
        block_reason="Upprepade personangrepp.",
    )
    block = Block.objects.get()
    assert block.decision == decision and len(block.earlier_violations) == 1
    assert block.review_on > timezone.localdate()
    assert decision.action is not None
    assert decision.action.params["author_platform_id"] == "u1"


def test_auto_hide_personal_data_is_the_policys_decision_and_reviewed(
    org, fb_channel, policy, tasks_held
):
    channel_apply_policy(
        actor=org["admin"],
        channel=fb_channel,
        version=policy,
        auto_hide_categories=["personal_data"],
    )
    item = comment(fb_channel, "c1", "Hennes personnummer är 19121212-1212")
    decision = Decision.objects.get(item=item)
    assert decision.automatic and decision.decided_by is None and decision.needs_review
    assert decision.rule is not None and decision.action is not None
    assert decision.kind == "hide" and decision.rule.code == "R14"
    assert decision.action.kind == "hide"
    # Insults are not auto-hidden on this channel.
    other = comment(fb_channel, "c2", "Du är en idiot")
    assert not Decision.objects.filter(item=other).exists()


def test_escalates_to_substitute_then_manager(
    org, fb_channel, policy, django_capture_on_commit_callbacks
):
    long_ago = timezone.now() - timedelta(hours=20)
    item = comment(fb_channel, "c1", "Ring mig på 070-123 45 67", when=long_ago)
    Assessment.objects.filter(item=item).update(deadline=timezone.now() - timedelta(hours=1))
    assert escalate_overdue() == 1
    assert Notice.objects.filter(person=org["staff_2"], subject__contains="Overdue").exists()
    assert not Notice.objects.filter(person=org["manager_a"], subject__contains="Overdue").exists()
    assert escalate_overdue() == 0
    Assessment.objects.filter(item=item).update(deadline=long_ago + timedelta(hours=4))
    assert escalate_overdue() == 1
    assert Notice.objects.filter(person=org["manager_a"], subject__contains="Overdue").exists()


def test_decision_through_the_page(org, fb_channel, policy, tasks_held):
    item = comment(fb_channel, "c1", "Du är en <b>idiot</b>")
    client = Client()
    client.login(username="staff_1", password=PASSWORD)
    page = client.get(f"/inkorg/{item.pk}/").content.decode()
    assert "<mark>idiot</mark>" in page and "<b>" not in page
    # The evidence names its category and detector in Swedish, not by their codes.
    assert "<strong>Förolämpning</strong>" in page and "– ordlista" in page
    client.post(f"/inkorg/{item.pk}/beslut/", {"kind": "hide", "rule": "R13a", "note": "x"})
    rule = Decision.objects.get().rule
    assert rule is not None and rule.code == "R13a"


def test_public_rules_page(org, fb_channel, policy):
    channel_apply_policy(actor=org["admin"], channel=fb_channel, version=policy)
    text = Client().get(f"/kanaler/{fb_channel.public_id}/regler/").content.decode()
    assert "R13a" in text and "Kränkande personuppgifter" in text


def test_queue_by_deadline(org, fb_channel, policy):
    from tillit.access.actor import actor_for
    from tillit.inbox.selectors import queue_page

    comment(fb_channel, "c1", "Vilket jävla skitsnack")  # one working day
    comment(fb_channel, "c2", "Ring mig på 070-123 45 67")  # four hours
    comment(fb_channel, "c3", "Trevlig helg!")  # not flagged
    page = queue_page(actor_for(org["staff_1"]), by_deadline=True)
    assert [i.platform_id for i in page.items] == ["c2", "c1"]


def test_bare_hide_click_is_refused_decisions_are_required(org, fb_channel, policy, tasks_held):
    item = comment(fb_channel, "c1", "Du är en idiot")
    client = Client()
    client.login(username="staff_1", password=PASSWORD)
    client.post(f"/inkorg/{item.pk}/hide/")
    assert not ActionRequest.objects.exists()


def test_decision_form_starts_from_the_proposed_rule(org, fb_channel, policy):
    item = comment(fb_channel, "c1", "Ring mig på 070-123 45 67")
    client = Client()
    client.login(username="staff_1", password=PASSWORD)
    page = client.get(f"/inkorg/{item.pk}/").content.decode()
    assert '<option value="R14" selected>' in page


def test_queue_page_orders_by_deadline(org, fb_channel, policy):
    comment(fb_channel, "c1", "Vilket jävla skitsnack")
    comment(fb_channel, "c2", "Ring mig på 070-123 45 67")
    comment(fb_channel, "c3", "Trevlig helg!")
    client = Client()
    client.login(username="staff_1", password=PASSWORD)
    page = client.get("/inkorg/?order=deadline").content.decode()
    assert "Trevlig helg" not in page
    assert page.index("070-123 45 67") < page.index("skitsnack")


def test_one_action_vocabulary_from_capability_to_decision():
    """Outbox actions are connector capabilities by name; decisions map onto them by name."""
    from tillit.connectors.base import MODERATION_CAPABILITIES, Capability
    from tillit.inbox.choices import ActionKind
    from tillit.moderation.choices import DecisionKind
    from tillit.moderation.services.decisions import PLATFORM_ACTION

    assert {Capability(k) for k in ActionKind.values} >= MODERATION_CAPABILITIES
    assert PLATFORM_ACTION == {
        "hide": "hide",
        "unhide": "unhide",
        "delete": "delete",
        "reply": "reply",
        "block": "block",
        "restore": "unhide",
    }
    assert "keep" in DecisionKind.values and "keep" not in PLATFORM_ACTION
