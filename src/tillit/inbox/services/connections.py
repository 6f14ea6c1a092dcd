"""Connecting a channel to its platform and building its connector from stored parameters."""

from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy

from tillit.access.actor import PLATFORM, Actor, allowed, as_actor
from tillit.audit.services import audit_record
from tillit.channels.models import Channel
from tillit.channels.selectors import channel_administrators
from tillit.connectors.base import Connector
from tillit.connectors.errors import SecretRequired
from tillit.connectors.registry import get_connector
from tillit.core.exceptions import NotFound
from tillit.core.messages import Message, stored
from tillit.core.net.policy import FetchPolicy, url_for_record
from tillit.organisation.models import Person
from tillit.organisation.notify import notify

from ..access import may_connect
from ..choices import ConnectionState
from ..crypto import decrypt_config, encrypt_config
from ..models import Connection


@transaction.atomic
def connection_set(
    *,
    actor: Actor | Person,
    channel: Channel,
    connector: str,
    config: dict[str, str],
    polling_enabled: bool | None = None,
    policy: FetchPolicy | None = None,
) -> Connection:
    """Store (or replace) a channel's connection; the parameters are encrypted, never audited.

    A secret left out of ``config`` keeps its stored value only while every address stays on
    the same origin; otherwise it is cleared (SecretRequired when the connector needs it), so a
    token is only ever sent to the host it was saved for. Addresses are checked against the
    outbound policy (UnsafeAddress names the parameter). ``polling_enabled`` None keeps the
    stored choice.
    """
    if not allowed(as_actor(actor), "connection.set", lambda a: may_connect(a, channel)):
        raise NotFound
    cls = get_connector(connector)
    existing = Connection.objects.select_for_update().filter(channel=channel).first()
    stored = (
        decrypt_config(bytes(existing.config_encrypted))
        if existing is not None and existing.connector == connector
        else {}
    )
    merged, cleared = cls.merge_config(stored, config)
    required = {p.name for p in cls.parameters if p.required}
    missing = [name for name in cleared if name in required]
    if missing:
        raise SecretRequired(missing)
    cls.clean_config(merged)  # raises ConfigError naming what is missing or unknown
    cls.check_addresses(merged, policy)
    merged = {name: value.strip() for name, value in merged.items()}
    webhook_key = merged.get(cls.account_parameter or "", "")
    connection, _created = Connection.objects.update_or_create(
        channel=channel,
        defaults={
            "connector": connector,
            "config_encrypted": encrypt_config(merged),
            "state": ConnectionState.UNTESTED,
            "state_detail": "",
            "webhook_key": webhook_key,
            "account_platform_id": webhook_key,
            **({} if polling_enabled is None else {"polling_enabled": polling_enabled}),
        },
    )
    # The audit names which parameters were set and where the connection points (old and
    # new address, without user info or query), never a secret's value.
    addresses = {
        p.name: {
            "old": url_for_record(stored.get(p.name)),
            "new": url_for_record(merged.get(p.name) or p.default),
        }
        for p in cls.url_parameters()
    }
    detail: dict = {
        "channel": channel.pk,
        "connector": connector,
        "parameters": sorted(merged),
        "polling_enabled": connection.polling_enabled,
    }
    if existing is not None and existing.connector != connector:
        detail["previous_connector"] = existing.connector
    if addresses:
        detail["addresses"] = addresses
    if cleared:
        detail["secrets_cleared"] = sorted(cleared)
    audit_record(actor=actor, action="connection.set", obj=connection, detail=detail)
    return connection


def connector_for(connection: Connection, **kwargs) -> Connector:
    """An instance of the channel's connector with its decrypted parameters."""
    cls = get_connector(connection.connector)
    return cls(decrypt_config(connection.config_encrypted), **kwargs)


@transaction.atomic
def connection_mark_invalid(*, connection: Connection, detail: Any) -> None:
    """Record that the token no longer works and tell the channel's administrators once.

    ``detail`` is the connector error's Message (or text), stored to be shown translated.
    """
    detail = stored(detail, max_length=500)
    connection = Connection.objects.select_for_update().get(pk=connection.pk)
    if connection.state == ConnectionState.INVALID:
        return
    connection.state = ConnectionState.INVALID
    connection.state_detail = detail[:500]
    connection.save(update_fields=["state", "state_detail", "updated_at"])
    audit_record(
        actor=PLATFORM, action="connection.invalid", obj=connection, detail={"reason": detail}
    )

    notify(
        people=channel_administrators(connection.channel),
        subject=Message(
            gettext_lazy("%(channel)s: the platform token no longer works"),
            channel=connection.channel.name,
        ),
        body=Message(gettext_lazy("Reconnect the channel so that Tillit can read and act again.")),
        url=f"/register/{connection.channel.public_id}/",
    )


def connection_mark_ok(connection: Connection) -> None:
    """Record that the token worked (cheap; no audit for routine success)."""
    if connection.state != ConnectionState.OK:
        Connection.objects.filter(pk=connection.pk).update(
            state=ConnectionState.OK, state_detail=""
        )
