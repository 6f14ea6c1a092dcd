"""R8: a channel quiet for the organisation's period is flagged once and cleared when revived."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tillit.channels.models import Channel
from tillit.connectors.base import Author, InboundItem, ItemKind
from tillit.inbox.services.dormancy import channels_check_dormancy
from tillit.inbox.services.ingest import ingest_items
from tillit.organisation.models import Notice

pytestmark = pytest.mark.django_db


def test_quiet_channel_is_flagged_then_revived(org, active_channel):
    Channel.objects.filter(pk=active_channel.pk).update(
        status_changed_at=timezone.now() - timedelta(days=90)
    )
    assert channels_check_dormancy() == 1
    active_channel.refresh_from_db()
    assert active_channel.dormant_since is not None
    assert Notice.objects.filter(person=org["manager_a"], subject__contains="dormant").count() == 1
    channels_check_dormancy()  # no second notice while it stays quiet
    assert Notice.objects.filter(person=org["manager_a"], subject__contains="dormant").count() == 1
    ingest_items(
        channel=active_channel,
        items=[
            InboundItem(
                platform_id="p1",
                kind=ItemKind.OWN_POST,
                is_public=True,
                text="Nytt inlägg",
                author=Author("page", "Biblioteket"),
                received_at=timezone.now(),
                raw={},
            )
        ],
    )
    assert channels_check_dormancy() == 0
    active_channel.refresh_from_db()
    assert active_channel.dormant_since is None


def test_recent_channel_is_not_dormant(org, active_channel):
    assert channels_check_dormancy() == 0
