"""Staffing (R5): an active channel that loses its administrator or substitute is flagged at once."""

import pytest

from tillit.channels import services as ch
from tillit.channels.models import Mandate
from tillit.channels.tasks import check_staffing
from tillit.organisation.models import Notice
from tillit.organisation.services import person_deactivate
from tillit.testing import days, make_active_channel

pytestmark = pytest.mark.django_db


def _flagged(channel):
    channel.refresh_from_db()
    return bool(channel.staffing_problem)


def test_revoking_the_substitute_flags_and_tells_the_manager(org, active_channel):
    assert not _flagged(active_channel)
    mandate = Mandate.objects.get(channel=active_channel, role="substitute")
    ch.mandate_revoke(actor=org["manager_a"], mandate=mandate)
    assert _flagged(active_channel)
    assert "substitute" in active_channel.staffing_problem
    assert Notice.objects.filter(person=org["manager_a"], subject__contains="lacks staff").exists()


def test_deactivating_the_administrator_flags(org, active_channel):
    person_deactivate(actor=org["admin"], person=org["staff_1"])
    assert _flagged(active_channel)
    assert "administrator" in active_channel.staffing_problem


def test_expiry_is_caught_by_the_periodic_task(org, today):
    channel = make_active_channel(org, today - days(10), until=today + days(5))
    Mandate.objects.filter(channel=channel, role="administrator").update(
        valid_until=today - days(1)
    )
    assert not _flagged(channel)  # nothing noticed until the task runs
    result = check_staffing.enqueue()
    assert result.return_value == 1
    assert _flagged(channel)
    assert (
        Notice.objects.filter(person=org["manager_a"], subject__contains="lacks staff").count() == 1
    )
    check_staffing.enqueue()  # a second run does not notify again
    assert (
        Notice.objects.filter(person=org["manager_a"], subject__contains="lacks staff").count() == 1
    )


def test_new_mandate_clears_the_flag(org, active_channel, today):
    ch.mandate_revoke(
        actor=org["manager_a"],
        mandate=Mandate.objects.get(channel=active_channel, role="substitute"),
    )
    assert _flagged(active_channel)
    ch.mandate_grant(
        actor=org["manager_a"],
        channel=active_channel,
        person=org["outsider"],
        role="substitute",
        valid_from=today,
    )
    assert not _flagged(active_channel)
