"""Receiving Meta webhooks: signature first, then parse per page, then ingest in one transaction.

Nothing is stored from a delivery whose signature fails, and a malformed delivery is
rejected whole: either every item in it is stored or none is.
"""

import json
import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction

from tillit.connectors.errors import PayloadError
from tillit.connectors.platforms.facebook.graph import subscription_challenge, verify_signature

from ..models import Connection
from .connections import connector_for
from .ingest import IngestResult, ingest_items, items_mark_removed_by_platform

logger = logging.getLogger(__name__)

META_OBJECTS = {"page": "facebook", "instagram": "instagram"}


class WebhookRejected(Exception):
    """The delivery is refused; `status` is the HTTP answer and the message the logged reason."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status


@dataclass
class WebhookOutcome:
    """What a delivery stored."""

    result: IngestResult
    unknown_accounts: list[str]


def _removed_ids(entry: dict) -> list[str]:
    """Ids of comments and posts a Page feed change says were removed on the platform.

    The connector returns only content; removals carry none, so they are read here and the
    stored items are marked (never dropped).
    """
    removed = []
    for change in entry.get("changes") or []:
        value = change.get("value") if isinstance(change, dict) else None
        if isinstance(value, dict) and value.get("verb") == "remove":
            pid = value.get("comment_id") or value.get("post_id")
            if isinstance(pid, str) and 0 < len(pid) <= 300:
                removed.append(pid)
    return removed


def meta_challenge(query) -> str | None:
    """Answer Meta's subscription check when the verify token matches."""
    return subscription_challenge(settings.TILLIT_META_VERIFY_TOKEN or None, query)


def meta_receive(headers, body: bytes) -> WebhookOutcome:
    """Verify, parse and store one Meta delivery, or raise WebhookRejected with the reason."""
    if len(body) > settings.TILLIT_WEBHOOK_MAX_BYTES:
        raise WebhookRejected(413, f"body of {len(body)} bytes is over the limit")
    if not settings.TILLIT_META_APP_SECRET or not verify_signature(
        settings.TILLIT_META_APP_SECRET, headers, body
    ):
        raise WebhookRejected(403, "X-Hub-Signature-256 missing or wrong")
    try:
        payload = json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise WebhookRejected(400, f"not JSON: {exc}") from exc
    if not isinstance(payload, dict) or payload.get("object") not in META_OBJECTS:
        raise WebhookRejected(400, "unknown object type")
    entries = payload.get("entry")
    if not isinstance(entries, list) or not entries:
        raise WebhookRejected(400, "no entries")
    connector_slug = META_OBJECTS[payload["object"]]
    total = IngestResult()
    unknown: list[str] = []
    parsed = []
    for entry in entries:
        account = str(entry.get("id", "")) if isinstance(entry, dict) else ""
        connection = (
            Connection.objects.select_related("channel", "channel__platform")
            .filter(connector=connector_slug, webhook_key=account)
            .first()
            if account
            else None
        )
        if connection is None:
            unknown.append(account[:60])
            continue
        connector = connector_for(connection)
        one = json.dumps({"object": payload["object"], "entry": [entry]}).encode()
        try:
            parsed.append((connection, connector.parse_webhook(one), _removed_ids(entry)))
        except PayloadError as exc:
            raise WebhookRejected(400, str(exc)) from exc
        finally:
            connector.close()
    # Parse everything first, then store everything in one transaction: all or nothing.
    with transaction.atomic():
        for connection, items, removed in parsed:
            r = ingest_items(
                channel=connection.channel,
                items=items,
                own_account_id=connection.account_platform_id,
            )
            if removed:
                items_mark_removed_by_platform(channel=connection.channel, platform_ids=removed)
            total.created += r.created
            total.edited += r.edited
            total.unchanged += r.unchanged
    if unknown:
        logger.warning("meta webhook: entries for unknown accounts %s ignored", unknown)
    return WebhookOutcome(total, unknown)
