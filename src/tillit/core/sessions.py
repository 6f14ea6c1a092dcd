"""Signed-in sessions end after an idle period and, whatever the activity, after a maximum age.

Django alone offers one fixed cookie age (14 days by default). Here the session remembers
when its user signed in and when it was last used; a request past either limit finds the
session flushed, so the user is signed out before authentication looks at it. The last-use
time is rewritten at most once a minute, so ordinary browsing does not write the session
on every request.
"""

import time

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

STARTED = "_tillit_signed_in_at"
SEEN = "_tillit_seen_at"
TOUCH_EVERY_S = 60


def idle_limit_s() -> float:
    """Seconds without a request after which a session ends."""
    return float(getattr(settings, "TILLIT_SESSION_IDLE_MINUTES", 30)) * 60


def max_age_s() -> float:
    """Seconds after sign-in after which a session ends however active it is."""
    return float(getattr(settings, "TILLIT_SESSION_MAX_HOURS", 12)) * 3600


@receiver(user_logged_in, dispatch_uid="tillit-session-signed-in")
def _mark_sign_in(sender, request, user, **kwargs) -> None:
    """Start the session's clocks at sign-in (a re-sign-in restarts them)."""
    if request is None or not hasattr(request, "session"):
        return
    now = time.time()
    request.session[STARTED] = now
    request.session[SEEN] = now


class SessionTimeoutMiddleware:
    """Flush a signed-in session that has been idle or alive too long; must follow SessionMiddleware."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        if session is not None and session.get("_auth_user_id") is not None:
            self._check(session)
        return self.get_response(request)

    def _check(self, session) -> None:
        now = time.time()
        started = session.get(STARTED)
        seen = session.get(SEEN)
        if not isinstance(started, int | float) or not isinstance(seen, int | float):
            # Signed in before these clocks existed, or tampered with: start them now.
            session[STARTED] = now if not isinstance(started, int | float) else started
            session[SEEN] = now
            return
        if now - seen > idle_limit_s() or now - started > max_age_s():
            session.flush()
            return
        if now - seen >= TOUCH_EVERY_S:
            # Saving also renews the cookie and the stored session for SESSION_COOKIE_AGE.
            session[SEEN] = now
