"""Connecting a channel to its platform and building its connector from stored parameters."""

from django.db import transaction
from django.utils.translation import gettext as _

from tillit.access.roles import MandateRole
from tillit.audit.services import audit_record
from tillit.channels.models import Channel, Mandate
from tillit.connectors.base import Connector
from tillit.connectors.registry import get_connector
from tillit.organisation.models import Person
from tillit.organisation.notify import notify

from ..choices import ConnectionState
from ..crypto import decrypt_config, encrypt_config
from ..models import Connection

# Which parameter names the account (and routes webhooks) for each connector.
ACCOUNT_PARAMETER = {
    "facebook": "page_id",
    "instagram": "ig_user_id",
    "youtube": "channel_id",
    "linkedin": "organization_id",
    "x": "user_id",
    "bluesky": "identifier",
}


@transaction.atomic
def connection_set(
    *, actor: Person | None, channel: Channel, connector: str, config: dict[str, str]
) -> Connection:
    """Store (or replace) a channel's connection; the parameters are encrypted, never audited."""
    cls = get_connector(connector)
    cls._clean_config(config)  # raises ConfigError naming what is missing or unknown
    webhook_key = config.get(ACCOUNT_PARAMETER.get(connector, ""), "")
    connection, _created = Connection.objects.update_or_create(
        channel=channel,
        defaults={
            "connector": connector,
            "config_encrypted": encrypt_config(config),
            "state": ConnectionState.UNTESTED,
            "state_detail": "",
            "webhook_key": webhook_key,
            "account_platform_id": webhook_key,
        },
    )
    # The audit names which parameters were set, never their values.
    audit_record(
        actor=actor,
        action="connection.set",
        obj=connection,
        detail={"channel": channel.pk, "connector": connector, "parameters": sorted(config)},
    )
    return connection


def connector_for(connection: Connection, **kwargs) -> Connector:
    """An instance of the channel's connector with its decrypted parameters."""
    cls = get_connector(connection.connector)
    return cls(decrypt_config(connection.config_encrypted), **kwargs)


@transaction.atomic
def connection_mark_invalid(*, connection: Connection, detail: str) -> None:
    """Record that the token no longer works and tell the channel's administrators once."""
    connection = Connection.objects.select_for_update().get(pk=connection.pk)
    if connection.state == ConnectionState.INVALID:
        return
    connection.state = ConnectionState.INVALID
    connection.state_detail = detail[:500]
    connection.save(update_fields=["state", "state_detail", "updated_at"])
    audit_record(
        actor=None, action="connection.invalid", obj=connection, detail={"reason": detail[:200]}
    )
    from django.utils import timezone

    holders = Person.objects.filter(
        mandates__in=Mandate.objects.valid_on(timezone.localdate()).filter(
            channel=connection.channel, role=MandateRole.ADMINISTRATOR
        )
    ).distinct()
    notify(
        people=holders,
        subject=_("%(channel)s: the platform token no longer works")
        % {"channel": connection.channel.name},
        body=_("Reconnect the channel so that Tillit can read and act again."),
        url=f"/register/{connection.channel.public_id}/",
    )


def connection_mark_ok(connection: Connection) -> None:
    """Record that the token worked (cheap; no audit for routine success)."""
    if connection.state != ConnectionState.OK:
        Connection.objects.filter(pk=connection.pk).update(
            state=ConnectionState.OK, state_detail=""
        )
