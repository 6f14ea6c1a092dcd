"""Sign-in throttling: after repeated wrong passwords for one user name from one address, a lockout.

Counted per (user name, client address) in the shared cache, so every web process on the
machine (file cache) or every machine (Redis) sees the same count, and a lockout of one
user from one address leaves other users and other addresses alone. The first lockout lasts
TILLIT_LOGIN_LOCKOUT_MINUTES; each wrong password after a lockout has passed doubles the
next one, up to a day. While locked, attempts are refused without checking the password
and without counting, so guessing goes no further and hammering does not stretch the
lockout. The count is read and
written without a lock: parallel attempts may win a few extra tries, never an unlimited run.
"""

import hashlib
import logging
import math
import time

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.core.cache import cache
from django.utils.translation import ngettext

logger = logging.getLogger(__name__)
MAX_LOCKOUT_S = 24 * 3600
# A count with no new failure for this long is forgotten.
MEMORY_S = 24 * 3600


def _key(username: str, address: str) -> str:
    """The cache key for one user name from one address (hashed: user names are personal data)."""
    digest = hashlib.sha256(f"{username.casefold()}|{address}".encode()).hexdigest()
    return f"tillit:login-throttle:{digest}"


def _max_failures() -> int:
    return max(1, int(getattr(settings, "TILLIT_LOGIN_MAX_FAILURES", 5)))


def _first_lockout_s() -> float:
    return float(getattr(settings, "TILLIT_LOGIN_LOCKOUT_MINUTES", 15)) * 60


def login_locked_for(username: str, address: str) -> float:
    """Seconds this user name from this address must still wait (0 when it may try)."""
    state = cache.get(_key(username, address)) or {}
    until = state.get("locked_until", 0) if isinstance(state, dict) else 0
    return max(0.0, float(until) - time.time())


def login_failed(username: str, address: str) -> float:
    """Count one failed sign-in; return the lockout it starts, in seconds (0 for none yet)."""
    key = _key(username, address)
    state = cache.get(key)
    failures = (state.get("failures", 0) if isinstance(state, dict) else 0) + 1
    lockout = 0.0
    if failures >= _max_failures():
        lockout = min(MAX_LOCKOUT_S, _first_lockout_s() * 2 ** (failures - _max_failures()))
        logger.warning("sign-in locked for %.0f s after %d failures", lockout, failures)
    cache.set(
        key,
        {"failures": failures, "locked_until": time.time() + lockout if lockout else 0},
        timeout=int(max(MEMORY_S, lockout)),
    )
    return lockout


def login_succeeded(username: str, address: str) -> None:
    """Forget the failures of a user name from an address once the right password is given."""
    cache.delete(_key(username, address))


class ThrottledAuthenticationForm(AuthenticationForm):
    """Django's sign-in form, refusing without checking while the user name is locked out."""

    def clean(self):
        """Refuse a locked-out user name, count wrong passwords, forget them on success."""
        username = self.cleaned_data.get("username") or ""
        address = _client_address(self.request)
        wait = login_locked_for(username, address)
        if wait:
            raise self._locked_error(wait)
        try:
            cleaned = super().clean()
        except forms.ValidationError as exc:
            if getattr(exc, "code", None) == "invalid_login":
                lockout = login_failed(username, address)
                if lockout:
                    raise self._locked_error(lockout) from exc
            raise
        login_succeeded(username, address)
        return cleaned

    def _locked_error(self, seconds: float) -> forms.ValidationError:
        minutes = max(1, math.ceil(seconds / 60))
        return forms.ValidationError(
            ngettext(
                "Too many failed sign-ins. Try again in %(minutes)d minute.",
                "Too many failed sign-ins. Try again in %(minutes)d minutes.",
                minutes,
            )
            % {"minutes": minutes},
            code="throttled",
        )


def _client_address(request) -> str:
    """The client's address as the server saw it (behind a proxy: the proxy's, so per user name)."""
    if request is None:
        return ""
    return str(request.META.get("REMOTE_ADDR", ""))[:64]
