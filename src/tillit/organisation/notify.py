"""Notifying people: an in-app notice now and an e-mail once the transaction commits."""

import logging
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import translation

from tillit.core.messages import shown_text, stored

from .models import Notice, Person

logger = logging.getLogger(__name__)


def _kept(value: Any, max_length: int | None = None) -> str:
    """A Message (or lazy text) stored to be shown in the reader's language; text as it is."""
    if isinstance(value, str):
        return value[:max_length] if max_length else value
    return stored(value, max_length=max_length)


def notify(*, people: Iterable[Person], subject: Any, body: Any = "", url: str = "") -> None:
    """Tell each person about an event, in the app and by e-mail (sent after commit).

    ``subject`` and ``body`` are best Messages (tillit.core.messages): the notice is then
    shown in each reader's language, whatever language was active when it was made. The
    e-mail is written in the organisation's language (settings.LANGUAGE_CODE).
    """
    recipients = {p.pk: p for p in people if p.is_active}
    if not recipients:
        return
    kept_subject, kept_body = _kept(subject, 300), _kept(body or "")
    Notice.objects.bulk_create(
        Notice(person=p, subject=kept_subject, body=kept_body, url=url) for p in recipients.values()
    )
    link = f"{settings.TILLIT_BASE_URL}{url}" if url else ""
    with translation.override(settings.LANGUAGE_CODE):
        subject = shown_text(kept_subject, html=False)
        message = f"{shown_text(kept_body, html=False)}\n\n{link}".strip()
    emails = [p.email for p in recipients.values() if p.email]

    def _send() -> None:
        for address in emails:
            # One message per person so nobody sees the others' addresses; a mail failure
            # must not undo the committed change, so it is logged rather than raised (the
            # in-app notice is already stored).
            try:
                send_mail(subject, message, None, [address])
            except Exception:
                logger.exception("notice e-mail to one recipient failed: %s", subject[:80])

    transaction.on_commit(_send)
