"""Polling a channel's platform for new items: the fallback when webhooks are missing or late.

Each connection is polled by its own task under a lease on its row, taken with a
conditional UPDATE (as the outbox claims actions, ADR 0005): two workers never poll one
connection at once, and a worker that dies leaves a lease that simply expires. Whatever goes
wrong in one connection is recorded on it (shown on the channel page) and never reaches
the others.
"""

import logging
import uuid
from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tillit.connectors.errors import ConnectorError, RateLimited, TokenInvalid
from tillit.core.messages import Message, foreign, stored

from ..models import Connection, IngestProblem
from .connections import connection_mark_invalid, connection_mark_ok, connector_for
from .ingest import IngestResult, ingest_batch
from .replies import learn_text_limit

logger = logging.getLogger(__name__)

# Longer than a poll can take (connector timeouts times pages), so a live poll keeps it.
POLL_LEASE = timedelta(minutes=15)


def poll_lease_take(connection_id: int, holder: str) -> bool:
    """Take the connection's poll lease; False while another poll holds an unexpired one."""
    now = timezone.now()
    return bool(
        Connection.objects.filter(pk=connection_id)
        .filter(Q(poll_lease_until__isnull=True) | Q(poll_lease_until__lte=now))
        .update(poll_lease_until=now + POLL_LEASE, poll_lease_holder=holder)
    )


def poll_lease_release(connection_id: int, holder: str) -> None:
    """Give the lease back, only if it is still ours (it may have expired and been taken)."""
    Connection.objects.filter(pk=connection_id, poll_lease_holder=holder).update(
        poll_lease_until=None, poll_lease_holder=""
    )


def _record_failure(connection: Connection, reason: Message) -> None:
    logger.warning("poll of connection %s failed: %r", connection.pk, reason)
    Connection.objects.filter(pk=connection.pk).update(
        poll_error=stored(reason, max_length=500), poll_error_at=timezone.now()
    )


def poll_connection(connection: Connection) -> IngestResult | None:
    """Fetch what is new since the cursor and ingest it; None when not polled or it failed."""
    holder = uuid.uuid4().hex
    if not poll_lease_take(connection.pk, holder):
        logger.info("poll of connection %s skipped: another poll holds it", connection.pk)
        return None
    try:
        return _poll(connection)
    except Exception as exc:  # noqa: BLE001  recorded on this connection; the others go on
        logger.exception("poll of connection %s failed unexpectedly", connection.pk)
        _record_failure(
            connection,
            Message(
                _("Unexpected fault in Tillit (%(kind)s: %(detail)s)."),
                kind=type(exc).__name__,
                detail=foreign(str(exc)[:200]),
            ),
        )
        return None
    finally:
        poll_lease_release(connection.pk, holder)


def _poll(connection: Connection) -> IngestResult | None:
    connector = connector_for(connection)
    try:
        fetched = connector.fetch_items(connection.cursor or None)
        learn_text_limit(connector, connection.channel_id)
    except TokenInvalid as exc:
        connection_mark_invalid(connection=connection, detail=exc.message)
        _record_failure(
            connection, Message(_("The platform refused the token: %(reason)s"), reason=exc.message)
        )
        return None
    except RateLimited as exc:
        _record_failure(
            connection,
            Message(
                _("The platform asks Tillit to slow down (next try in %(seconds)s s): %(reason)s"),
                seconds=int(exc.retry_after or 0),
                reason=exc.message,
            ),
        )
        return None
    except ConnectorError as exc:
        _record_failure(connection, exc.message)
        return None
    finally:
        connector.close()
    # Each item commits on its own; a crash part-way leaves the cursor where it was and the
    # next poll fetches the rest again (ingest is idempotent).
    result = ingest_batch(
        channel=connection.channel,
        fetched=fetched,
        own_account_id=connection.account_platform_id,
        source=IngestProblem.Source.POLL,
    )
    with transaction.atomic():
        Connection.objects.filter(pk=connection.pk).update(
            cursor=fetched.cursor or connection.cursor,
            last_polled_at=timezone.now(),
            poll_error="",
            poll_error_at=None,
        )
    connection_mark_ok(connection)
    return result
