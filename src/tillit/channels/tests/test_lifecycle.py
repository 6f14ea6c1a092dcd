"""The channel lifecycle (R2, R3, R7): the happy path, refusals, notifications and the audit."""

import pytest
from django.core import mail

from tillit.audit.models import AuditEntry
from tillit.audit.services import audit_verify
from tillit.channels import services as ch
from tillit.channels.choices import ChannelStatus
from tillit.channels.services.lifecycle import TransitionRefused
from tillit.core.exceptions import NotFound
from tillit.organisation.models import Notice
from tillit.testing import days, make_channel, staff, walk_to_active

pytestmark = pytest.mark.django_db


def test_full_walk_is_timestamped_attributed_audited_and_notified(
    org, today, django_capture_on_commit_callbacks
):
    channel = make_channel(org)
    staff(org, channel, today)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        channel = walk_to_active(org, channel)
    assert channel.status == ChannelStatus.ACTIVE
    events = list(channel.events.values_list("action", "actor__user__username"))
    assert events[1:] == [
        ("propose", "info_a"),
        ("approve", "manager_a"),
        ("notify_informator", "manager_a"),
        ("acknowledge", "info_a"),
        ("send_link", "info_a"),
        ("publish", "webmaster"),
    ]
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"channel.propose", "channel.approve", "channel.publish"} <= actions
    # The manager heard of the proposal, the informatör of the approval step, the webmaster of the link.
    assert Notice.objects.filter(person=org["manager_a"], subject__contains="Biblioteket").exists()
    assert Notice.objects.filter(person=org["info_a"]).exists()
    assert Notice.objects.filter(person=org["webmaster"]).exists()
    assert any("webmaster@example.se" in m.to for m in mail.outbox)
    assert audit_verify().ok


@pytest.mark.parametrize("step", ["approve", "publish", "send_link", "close", "archive"])
def test_steps_out_of_order_are_refused(org, step):
    channel = make_channel(org)
    actor = {
        "approve": "manager_a",
        "publish": "webmaster",
        "send_link": "info_a",
        "close": "manager_a",
        "archive": "archivist",
    }[step]
    # The webmaster and the archivist cannot even see a draft: that is "not found".
    with pytest.raises((TransitionRefused, NotFound)):
        ch.channel_transition(actor=org[actor], channel=channel, name=step, comment="x")
    channel.refresh_from_db()
    assert channel.status == ChannelStatus.DRAFT


def test_only_the_departments_manager_approves(org):
    channel = make_channel(org)
    ch.channel_transition(actor=org["info_a"], channel=channel, name="propose")
    for who in ["manager_b", "info_a", "admin", "webmaster"]:
        with pytest.raises(Exception) as exc:
            ch.channel_transition(actor=org[who], channel=channel, name="approve")
        assert exc.type.__name__ in {"TransitionRefused", "NotFound"}
    channel.refresh_from_db()
    assert channel.status == ChannelStatus.PROPOSED


def test_manager_of_another_department_gets_not_found(org):
    channel = make_channel(org)
    ch.channel_transition(actor=org["info_a"], channel=channel, name="propose")
    from tillit.core.exceptions import NotFound

    with pytest.raises(NotFound):
        ch.channel_transition(actor=org["manager_b"], channel=channel, name="approve")


def test_cannot_activate_without_admin_and_substitute(org, today):
    channel = make_channel(org)
    for actor, step in [
        ("info_a", "propose"),
        ("manager_a", "approve"),
        ("manager_a", "notify_informator"),
        ("info_a", "acknowledge"),
        ("info_a", "send_link"),
    ]:
        channel = ch.channel_transition(actor=org[actor], channel=channel, name=step)
    with pytest.raises(TransitionRefused, match="administrator"):
        ch.channel_transition(actor=org["webmaster"], channel=channel, name="publish")
    # The same person as administrator and substitute is not enough.
    ch.mandate_grant(
        actor=org["manager_a"],
        channel=channel,
        person=org["staff_1"],
        role="administrator",
        valid_from=today,
    )
    ch.mandate_grant(
        actor=org["manager_a"],
        channel=channel,
        person=org["staff_1"],
        role="substitute",
        valid_from=today,
    )
    with pytest.raises(TransitionRefused, match="different"):
        ch.channel_transition(actor=org["webmaster"], channel=channel, name="publish")
    ch.mandate_grant(
        actor=org["manager_a"],
        channel=channel,
        person=org["staff_2"],
        role="substitute",
        valid_from=today,
    )
    channel = ch.channel_transition(actor=org["webmaster"], channel=channel, name="publish")
    assert channel.status == ChannelStatus.ACTIVE


def test_return_and_close_need_a_comment(org, active_channel):
    with pytest.raises(TransitionRefused):
        ch.channel_transition(actor=org["manager_a"], channel=active_channel, name="close")
    closed = ch.channel_transition(
        actor=org["manager_a"],
        channel=active_channel,
        name="close",
        comment="Verksamheten flyttar.",
    )
    assert closed.status == ChannelStatus.CLOSED
    # Archiving waits for the capture taken before closing (R22).
    with pytest.raises(TransitionRefused, match="capture"):
        ch.channel_transition(actor=org["archivist"], channel=closed, name="archive")
    closed.captures.update(state="done", manifest_sha256="0" * 64)
    archived = ch.channel_transition(actor=org["archivist"], channel=closed, name="archive")
    assert archived.status == ChannelStatus.ARCHIVED


def test_pause_and_resume(org, active_channel):
    paused = ch.channel_transition(actor=org["staff_1"], channel=active_channel, name="pause")
    assert paused.status == ChannelStatus.PAUSED
    with pytest.raises(TransitionRefused):
        ch.channel_transition(actor=org["staff_1"], channel=paused, name="resume")
    resumed = ch.channel_transition(actor=org["manager_a"], channel=paused, name="resume")
    assert resumed.status == ChannelStatus.ACTIVE


def test_platform_closed_after_drafting_blocks_proposal(org):
    channel = make_channel(org)
    ch.platform_decide(
        actor=org["admin"], platform=org.facebook, decision="not_allowed", reason="Avvecklas."
    )
    with pytest.raises(TransitionRefused):
        ch.channel_transition(actor=org["info_a"], channel=channel, name="propose")


def test_unknown_step_refused(org):
    channel = make_channel(org)
    with pytest.raises(TransitionRefused):
        ch.channel_transition(actor=org["info_a"], channel=channel, name="teleport")


def test_expired_administrator_cannot_pause(org, today):
    from tillit.testing import make_active_channel

    channel = make_active_channel(org, today - days(30), until=today + days(1))
    from tillit.channels.models import Mandate

    Mandate.objects.filter(channel=channel).update(valid_until=today - days(1))
    from tillit.core.exceptions import NotFound

    with pytest.raises(NotFound):
        ch.channel_transition(actor=org["staff_1"], channel=channel, name="pause")
