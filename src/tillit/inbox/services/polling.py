"""Polling a channel's platform for new items: the fallback when webhooks are missing or late."""

import logging

from django.db import transaction
from django.utils import timezone

from tillit.connectors.errors import ConnectorError, RateLimited, TokenInvalid

from ..models import Connection
from .connections import connection_mark_invalid, connection_mark_ok, connector_for
from .ingest import IngestResult, ingest_items

logger = logging.getLogger(__name__)


def poll_connection(connection: Connection) -> IngestResult | None:
    """Fetch what is new since the cursor and ingest it; the cursor moves only after storing."""
    connector = connector_for(connection)
    try:
        fetched = connector.fetch_items(connection.cursor or None)
    except TokenInvalid as exc:
        connection_mark_invalid(connection=connection, detail=str(exc))
        return None
    except RateLimited as exc:
        logger.info("poll %s rate limited (retry after %s)", connection.pk, exc.retry_after)
        return None
    except ConnectorError as exc:
        logger.warning("poll %s failed: %s", connection.pk, exc)
        return None
    finally:
        connector.close()
    with transaction.atomic():
        result = ingest_items(
            channel=connection.channel,
            items=fetched.items,
            own_account_id=connection.account_platform_id,
        )
        Connection.objects.filter(pk=connection.pk).update(
            cursor=fetched.cursor or connection.cursor, last_polled_at=timezone.now()
        )
    connection_mark_ok(connection)
    return result
