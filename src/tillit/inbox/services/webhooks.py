"""Receiving webhooks, for any connector: the connector verifies, reads and parses; ingest stores.

A delivery goes to ``/webhooks/<group>/``, where the group is a connector's
``webhook_group`` (Meta's Page and Instagram share "meta") or its slug. The connector
classes of the group name the accounts the delivery addresses; each such connection's own
connector checks the signature with that connection's secret, and reads only its account's
entries. Nothing is stored for a connection whose signature check fails. A delivery that
cannot be read at all (not JSON, nested too deep, the wrong envelope) is refused with 400;
inside a readable one, an entry that cannot be read is recorded with its reason and the
rest is stored.
"""

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.conf import settings

from tillit.connectors.base import Connector
from tillit.connectors.errors import ConfigError, PayloadError
from tillit.connectors.http import parse_json
from tillit.connectors.registry import all_connectors

from ..models import Connection, IngestProblem
from .connections import connector_for
from .ingest import IngestResult, ingest_batch

logger = logging.getLogger(__name__)


class WebhookRejected(Exception):
    """The delivery is refused; `status` is the HTTP answer and the message the logged reason."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status


@dataclass
class WebhookOutcome:
    """What a delivery stored, and the accounts it named that Tillit does not know."""

    result: IngestResult
    unknown_accounts: list[str] = field(default_factory=list)


def webhook_connectors(group: str) -> list[type[Connector]]:
    """The connector classes that receive webhooks at ``/webhooks/<group>/``."""
    return [
        cls
        for slug, cls in sorted(all_connectors().items())
        if cls.has_webhooks and group in {cls.webhook_group or slug, slug}
    ]


def _connections(classes: list[type[Connector]]):
    return Connection.objects.select_related("channel", "channel__platform").filter(
        connector__in=[cls.platform for cls in classes]
    )


def webhook_challenge(*, group: str, query: Mapping[str, str]) -> str | None:
    """Answer a subscription handshake when one of the group's connections accepts it."""
    classes = webhook_connectors(group)
    for connection in _connections(classes):
        try:
            connector = connector_for(connection)
        except ConfigError:
            continue
        answer = connector.webhook_challenge(query)
        connector.close()
        if answer is not None:
            return answer
    return None


def webhook_receive(*, group: str, headers: Mapping[str, str], body: bytes) -> WebhookOutcome:
    """Verify, read and store one delivery, or raise WebhookRejected with the reason."""
    classes = webhook_connectors(group)
    if not classes:
        raise WebhookRejected(404, f"no connector receives webhooks as {group[:40]!r}")
    if len(body) > settings.TILLIT_WEBHOOK_MAX_BYTES:
        raise WebhookRejected(413, f"body of {len(body)} bytes is over the limit")
    try:
        payload = parse_json(body)
    except PayloadError as exc:  # also JSON nested too deep to decode (RecursionError)
        raise WebhookRejected(400, str(exc)) from exc
    routed: dict[str, list[str]] = {}
    for cls in classes:
        accounts = cls.webhook_accounts(payload)
        if accounts is not None:
            routed[cls.platform] = accounts
    if not routed:
        raise WebhookRejected(400, "unknown object type")
    if not any(routed.values()):
        raise WebhookRejected(400, "no entries")
    keys = {key for accounts in routed.values() for key in accounts}
    connections = [
        c
        for c in _connections(classes).filter(webhook_key__in=keys)
        if c.webhook_key in routed.get(c.connector, ())
    ]
    known = {c.webhook_key for c in connections}
    outcome = WebhookOutcome(IngestResult(), sorted(k[:60] for k in keys - known))
    verified = []
    for connection in connections:
        try:
            connector = connector_for(connection)
        except ConfigError as exc:
            logger.warning("webhook for connection %s: %s", connection.pk, exc)
            continue
        if connector.verify_webhook(headers, body):
            verified.append((connection, connector))
        else:
            connector.close()
    if connections and not verified:
        raise WebhookRejected(403, "signature missing or wrong")
    if len(verified) < len(connections):
        logger.warning(
            "webhook: %d of %d addressed connections could not verify the signature",
            len(connections) - len(verified),
            len(connections),
        )
    # Read every verified connection's part first: a delivery unreadable as a whole is
    # refused before anything of it is stored.
    parts = []
    try:
        for connection, connector in verified:
            parts.append((connection, connector.read_webhook(body)))
    except PayloadError as exc:
        raise WebhookRejected(400, str(exc)) from exc
    finally:
        for _connection, connector in verified:
            connector.close()
    for connection, fetched in parts:
        outcome.result.add(
            ingest_batch(
                channel=connection.channel,
                fetched=fetched,
                own_account_id=connection.account_platform_id,
                source=IngestProblem.Source.WEBHOOK,
            )
        )
    if outcome.unknown_accounts:
        logger.warning("webhook: entries for unknown accounts %s ignored", outcome.unknown_accounts)
    return outcome
