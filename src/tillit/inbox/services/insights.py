"""Reading each channel's daily reach and engagement from its platform (R23).

Once a day, for every running, connected channel whose connector reads insights, each day
of the last ``TILLIT_INSIGHTS_BACKFILL_DAYS`` that has no figures yet is asked for, one call
a day, oldest first. A refusal or a rate limit is kept on that day's row with its reason and
asked again on the next run; a rate limit stops the channel's run (the platform asked us to
wait) but never another channel's. A broken token is told as everywhere else.
"""

from __future__ import annotations

import logging
from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from tillit.channels.choices import STAFFED_STATES
from tillit.connectors.base import Capability
from tillit.connectors.errors import ConnectorError, RateLimited, TokenInvalid
from tillit.connectors.registry import all_connectors
from tillit.core.messages import Message, describe, stored
from tillit.core.messages import marked as _

from ..models import Connection, InsightReading
from .connections import connection_mark_invalid, connector_for

logger = logging.getLogger(__name__)


def _backfill_days() -> int:
    return max(1, min(int(getattr(settings, "TILLIT_INSIGHTS_BACKFILL_DAYS", 30)), 366))


def connections_with_insights() -> list[int]:
    """The connections the daily run reads: running channels whose connector reads figures."""
    slugs = [
        s for s, cls in all_connectors().items() if Capability.READ_INSIGHTS in cls.capabilities
    ]
    return list(
        Connection.objects.filter(channel__status__in=STAFFED_STATES, connector__in=slugs)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def days_to_read(connection: Connection, today: date | None = None) -> list[date]:
    """Yesterday and the days before it in the window that have no figures yet."""
    today = today or timezone.localdate()
    window = [today - timedelta(days=n) for n in range(_backfill_days(), 0, -1)]
    have = set(
        InsightReading.objects.filter(
            channel_id=connection.channel_id, day__gte=window[0], problem=""
        ).values_list("day", flat=True)
    )
    return [day for day in window if day not in have]


def _keep(connection: Connection, day: date, **values) -> InsightReading:
    with transaction.atomic():
        reading, _created = InsightReading.objects.update_or_create(
            channel_id=connection.channel_id,
            day=day,
            defaults={"connector": connection.connector, "fetched_at": timezone.now(), **values},
        )
    return reading


def insights_read(connection: Connection, today: date | None = None) -> dict[str, int]:
    """Read the missing days of one connection; return how many were read and refused."""
    done = {"read": 0, "refused": 0}
    days = days_to_read(connection, today)
    if not days:
        return done
    connector = connector_for(connection)
    zone = timezone.get_current_timezone()
    try:
        for day in days:
            try:
                found = connector.fetch_insights(day, day, zone=zone)
            except (TokenInvalid, RateLimited) as exc:
                _keep(connection, day, problem=stored(exc.message, max_length=2000))
                done["refused"] += 1
                if isinstance(exc, TokenInvalid):
                    connection_mark_invalid(connection=connection, detail=exc.message)
                break  # the platform said stop (or the token is gone): ask again tomorrow
            except ConnectorError as exc:
                _keep(connection, day, problem=stored(exc.message, max_length=2000))
                done["refused"] += 1
                continue
            except Exception as exc:  # one day's fault must not stop the channel
                logger.exception("insights of connection %s for %s failed", connection.pk, day)
                _keep(connection, day, problem=stored(describe(exc), max_length=2000))
                done["refused"] += 1
                continue
            _keep(
                connection,
                day,
                followers=found.followers,
                impressions=found.impressions,
                reach=found.reach,
                engagements=found.engagements,
                posts=found.posts,
                missing=[stored(m, max_length=500) for m in found.missing[:20]],
                explanation=stored(found.explanation) if found.explanation else "",
                problem=""
                if found.has_figures
                else stored(Message(_("The platform gave no figures for this day."))),
            )
            done["read"] += 1
    finally:
        connector.close()
    return done
