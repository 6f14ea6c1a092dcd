"""Sign-out everywhere: each sign-in is recorded by user, so a deactivation ends every session.

Django's session table is keyed by session only; scanning and decoding every row to find one
user's sessions would grow with the installation. A small indexed record per sign-in, written
from the ``user_logged_in`` signal (local and OpenID Connect sign-ins alike), makes it a lookup.
"""

import logging
from datetime import timedelta
from importlib import import_module

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.utils import timezone

from tillit.core.sessions import max_age_s

from .models import SessionRecord

logger = logging.getLogger(__name__)


def _store_class():
    return import_module(settings.SESSION_ENGINE).SessionStore


def _record(sender, request, user, **kwargs) -> None:
    session = getattr(request, "session", None)
    if session is None:
        return
    if session.session_key is None:
        session.save()
    SessionRecord.objects.get_or_create(session_key=session.session_key, defaults={"user": user})
    # Sessions end by themselves after the maximum age; their records go at the next sign-in.
    stale = timezone.now() - timedelta(seconds=max_age_s())
    SessionRecord.objects.filter(user=user, created_at__lt=stale).delete()


def _forget(sender, request, user, **kwargs) -> None:
    session = getattr(request, "session", None)
    if session is not None and session.session_key:
        SessionRecord.objects.filter(session_key=session.session_key).delete()


def connect() -> None:
    """Subscribe to Django's sign-in and sign-out signals (once per process)."""
    user_logged_in.connect(_record, dispatch_uid="tillit-signin-session-record")
    user_logged_out.connect(_forget, dispatch_uid="tillit-signin-session-forget")


def sessions_end_for_user(user) -> int:
    """End every session the user holds; returns how many records there were."""
    records = list(SessionRecord.objects.filter(user=user).values_list("session_key", flat=True))
    store = _store_class()
    for key in records:
        store(session_key=key).delete()
    SessionRecord.objects.filter(user=user).delete()
    logger.info("Ended %d session(s) of user %s after deactivation", len(records), user.pk)
    return len(records)
