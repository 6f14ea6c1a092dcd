"""Bad input to the register: a clear message and nothing half-saved."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from tillit.audit.models import AuditEntry
from tillit.channels import services as ch
from tillit.channels.models import Channel, Mandate
from tillit.core.exceptions import NotFound
from tillit.testing import PLAN, days, make_channel

pytestmark = pytest.mark.django_db


def _create(org, **overrides):
    fields = {
        "name": "Kanal",
        "platform": org.facebook,
        "url": "https://www.facebook.com/kanal",
        **PLAN,
        **overrides,
    }
    return ch.channel_create(actor=org["info_a"], department=org.dept_a, **fields)


@pytest.mark.parametrize(
    "url",
    [
        "",
        "not a url",
        "ftp://facebook.com/x",
        "javascript:alert(1)",
        "https://evil.example/facebook.com",
    ],
)
def test_invalid_addresses_are_refused(org, url):
    before = AuditEntry.objects.count()
    with pytest.raises(ValidationError) as exc:
        _create(org, url=url)
    assert "url" in exc.value.message_dict
    assert Channel.objects.count() == 0 and AuditEntry.objects.count() == before


def test_duplicate_address_refused_even_when_written_differently(org):
    _create(org, url="https://www.facebook.com/kanal")
    with pytest.raises(ValidationError) as exc:
        _create(org, name="Annan", url="HTTPS://WWW.FACEBOOK.COM/kanal/#top")
    assert "already registered" in str(exc.value)
    assert Channel.objects.count() == 1


def test_empty_plan_fields_are_listed(org):
    with pytest.raises(ValidationError) as exc:
        _create(org, plan_goal="", plan_audience="")
    assert {"plan_goal", "plan_audience"} <= set(exc.value.message_dict)
    assert Channel.objects.count() == 0


def test_platform_not_allowed(org):
    with pytest.raises(ValidationError) as exc:
        _create(org, platform=org.tiktok, url="https://www.tiktok.com/@kanal")
    assert "platform" in exc.value.message_dict


def test_unknown_platform(org):
    with pytest.raises(ValidationError) as exc:
        _create(org, platform=None)
    assert "platform" in exc.value.message_dict


def test_messages_in_swedish(org):
    with translation.override("sv"), pytest.raises(ValidationError) as exc:
        _create(org, plan_goal="")
    assert "Detta fält får inte vara tomt" in str(exc.value)


def test_mandate_ending_before_it_starts(org, today):
    channel = make_channel(org)
    with pytest.raises(ValidationError) as exc:
        ch.mandate_grant(
            actor=org["manager_a"],
            channel=channel,
            person=org["staff_1"],
            role="administrator",
            valid_from=today,
            valid_until=today - days(1),
        )
    assert "valid_until" in exc.value.message_dict
    assert Mandate.objects.count() == 0


def test_unknown_mandate_role(org, today):
    channel = make_channel(org)
    with pytest.raises(ValidationError):
        ch.mandate_grant(
            actor=org["manager_a"],
            channel=channel,
            person=org["staff_1"],
            role="owner",
            valid_from=today,
        )


def test_only_the_manager_grants_mandates(org, today):
    channel = make_channel(org)
    for who in ["info_a", "manager_b", "admin"]:
        with pytest.raises(NotFound):
            ch.mandate_grant(
                actor=org[who],
                channel=channel,
                person=org["staff_1"],
                role="administrator",
                valid_from=today,
            )


def test_outsider_cannot_create_in_a_department(org):
    with pytest.raises(NotFound):
        ch.channel_create(
            actor=org["info_b"],
            department=org.dept_a,
            name="X",
            platform=org.facebook,
            url="https://www.facebook.com/x",
            **PLAN,
        )


def test_update_records_changes(org):
    channel = make_channel(org)
    ch.channel_update(actor=org["info_a"], channel=channel, purpose="Ny beskrivning.")
    entry = AuditEntry.objects.filter(action="channel.update").get()
    assert entry.detail == {"purpose": "Ny beskrivning."}
