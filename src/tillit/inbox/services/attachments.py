"""Downloading attachments for the record, bounded in size; the capture completes after."""

import asyncio
import concurrent.futures
import hashlib
import logging
import time
import zlib

import httpx
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from tillit.core.net.fetcher import Fetcher
from tillit.core.net.guard import FetchGuard, LimitExceeded
from tillit.core.net.outbound import outbound_policy
from tillit.core.net.policy import Refused

from ..models import Attachment, Item

logger = logging.getLogger(__name__)


def _download(url: str, limit: int) -> tuple[bytes | None, str]:
    """Fetch one attachment through the guarded fetcher (core.net).

    Attachment URLs come from platform payloads, which are hostile input: the fetcher
    refuses internal, link-local and metadata addresses, pins the checked address, and
    checks every redirect hop, exactly as captures do.
    """
    policy = outbound_policy(max_bytes=limit, max_requests=12)
    guard = FetchGuard(policy)

    async def run():
        fetcher = Fetcher(
            guard,
            lambda exchange: None,
            deadline=time.monotonic() + 60,
            user_agent="Tillit-Records/1.0",
        )
        try:
            return await fetcher.fetch(url)
        finally:
            await fetcher.aclose()

    try:
        # A thread of its own: the caller may already run an event loop.
        with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
            exchange = pool.submit(asyncio.run, run()).result()
    except Refused as exc:
        return None, f"refused: {exc}"[:300]
    except LimitExceeded:
        return None, "too large"
    except (httpx.HTTPError, TimeoutError, OSError) as exc:
        return None, (str(exc) or type(exc).__name__)[:300]
    if exchange.status != 200:
        return None, f"HTTP {exchange.status}"
    body = exchange.body
    encoding = (exchange.header("content-encoding") or "").lower()
    if encoding in ("gzip", "deflate"):
        try:
            body = zlib.decompressobj(wbits=47).decompress(body, limit + 1)
        except zlib.error as exc:
            return None, f"bad {encoding} body: {exc}"
    if len(body) > limit:
        return None, "too large"
    return body, ""


def attachments_fetch(item_id: int) -> None:
    """Store each pending attachment's bytes (or why not), then mark the capture complete."""
    limit = settings.TILLIT_ATTACHMENT_MAX_BYTES
    for attachment in Attachment.objects.filter(
        item_id=item_id, fetch_state=Attachment.Fetch.PENDING
    ):
        if attachment.size and attachment.size > limit:
            data, problem = None, "too large"
        else:
            data, problem = _download(attachment.url, limit)
        if data is not None:
            attachment.sha256 = hashlib.sha256(data).hexdigest()
            attachment.file.save(f"{attachment.sha256}", ContentFile(data), save=False)
            attachment.size = len(data)
            attachment.fetch_state = Attachment.Fetch.STORED
        else:
            attachment.fetch_state = (
                Attachment.Fetch.TOO_LARGE if problem == "too large" else Attachment.Fetch.FAILED
            )
            attachment.fetch_detail = problem
        attachment.save()
    with transaction.atomic():
        if not Attachment.objects.filter(
            item_id=item_id, fetch_state=Attachment.Fetch.PENDING
        ).exists():
            Item.objects.filter(pk=item_id, capture_complete=False).update(
                capture_complete=True, captured_at=timezone.now()
            )
