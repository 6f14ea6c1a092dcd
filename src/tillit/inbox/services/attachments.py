"""Downloading attachments for the record, bounded in size; the capture completes after."""

import hashlib
import logging

import httpx
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from ..models import Attachment, Item

logger = logging.getLogger(__name__)


def _download(url: str, limit: int) -> tuple[bytes | None, str]:
    if not url.startswith(("https://", "http://")):
        return None, "not an http(s) address"
    try:
        with (
            httpx.Client(timeout=30, follow_redirects=True) as client,
            client.stream("GET", url) as response,
        ):
            if response.status_code != 200:
                return None, f"HTTP {response.status_code}"
            chunks, size = [], 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > limit:
                    return None, "too large"
                chunks.append(chunk)
            return b"".join(chunks), ""
    except httpx.HTTPError as exc:
        return None, str(exc)[:300]


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
