"""Recording what ingest could not store as received, so nothing a platform sent is lost unseen."""

import hashlib
import json
import logging
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from tillit.channels.models import Channel
from tillit.core.messages import stored

from ..models import IngestProblem, Item

logger = logging.getLogger(__name__)

MAX_RAW = 64_000  # characters of a refused payload kept; an item's whole payload is kept on it


def raw_text(raw: Any) -> str:
    """The payload as JSON text, ASCII-escaped so any database stores it byte for byte."""
    try:
        return json.dumps(raw, ensure_ascii=True, sort_keys=True, default=str)
    except (TypeError, ValueError, RecursionError):
        return repr(raw)[: MAX_RAW * 2]


def ingest_problem_record(
    *,
    channel: Channel,
    kind: str,
    source: str,
    reason: Any,
    raw: Any = None,
    platform_id: str | None = None,
    item: Item | None = None,
) -> IngestProblem:
    """Record (or count again) one refused or shortened item, and log why.

    ``reason`` is a Message (or text): it is stored with tillit.core.messages.stored so the
    channel page shows it in the reader's language.
    """
    reason = stored(reason, max_length=500)
    text = raw_text(raw)
    fingerprint = hashlib.sha256(f"{kind}\n{reason}\n{text}".encode()).hexdigest()
    now = timezone.now()
    logger.warning(
        "ingest %s on channel %s (%s): %s [%s]",
        kind,
        channel.pk,
        source,
        reason[:300],
        (platform_id or "")[:60],
    )
    defaults = {
        "kind": kind,
        "source": source,
        "reason": reason[:500],
        "platform_id": (platform_id or "")[:300],
        "item": item,
        "raw": text[:MAX_RAW],
        "raw_complete": len(text) <= MAX_RAW,
        "last_seen_at": now,
    }
    for _attempt in range(2):
        try:
            with transaction.atomic():
                problem, created = IngestProblem.objects.get_or_create(
                    channel=channel, fingerprint=fingerprint, defaults=defaults
                )
                if not created:
                    IngestProblem.objects.filter(pk=problem.pk).update(
                        occurrences=F("occurrences") + 1, last_seen_at=now
                    )
                return problem
        except IntegrityError:
            continue  # a concurrent delivery recorded it first: count this one on that row
    raise RuntimeError("could not record the ingest problem")  # pragma: no cover
