"""Notifying people: an in-app notice now and an e-mail once the transaction commits."""

import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction

from .models import Notice, Person

logger = logging.getLogger(__name__)


def notify(*, people: Iterable[Person], subject: str, body: str = "", url: str = "") -> None:
    """Tell each person about an event, in the app and by e-mail (sent after commit)."""
    recipients = {p.pk: p for p in people if p.is_active}
    if not recipients:
        return
    Notice.objects.bulk_create(
        Notice(person=p, subject=subject[:300], body=body, url=url) for p in recipients.values()
    )
    link = f"{settings.TILLIT_BASE_URL}{url}" if url else ""
    message = f"{body}\n\n{link}".strip()
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
