"""Two-step verification (TOTP, django-otp) for people who sign in with a password.

Who must pass it: anyone who has enrolled an authenticator, and every organisation
administrator when TILLIT_ADMIN_TWO_FACTOR is on (the default) — an administrator's password
alone must never be enough to hand out roles or read the audit trail. People who signed in
through the organisation's OpenID Connect provider are not asked again: the provider's own
multi-factor policy (Entra ID's conditional access) is the organisation's to set, and asking
twice only teaches people to click through.

django-otp does the cryptography, the device storage and the throttling (each wrong code
doubles the wait before the next try); this module decides who is asked, and the
middleware sends a signed-in but unverified session to the verification or enrolment page
before any other page.
"""

from __future__ import annotations

import base64
from io import BytesIO

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from tillit.access.roles import Role
from tillit.audit.services import audit_record

PASSWORD_BACKEND = "django.contrib.auth.backends.ModelBackend"  # noqa: S105 - a class path
# Reachable before the second step: the step's own pages, signing out, assets and probes.
# Exact paths for the step's pages: an administrator's reset of someone else's authenticator
# (/konto/tvastegs/aterstall/...) is not among them.
OPEN_PREFIXES = ("/konto/logga-ut/", "/static/", "/i18n/")
OPEN_PATHS = ("/healthz", "/readyz", "/konto/tvastegs/", "/konto/tvastegs/aktivera/")


def confirmed_device(user) -> TOTPDevice | None:
    """The person's enrolled authenticator, if any."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def pending_device(user) -> TOTPDevice:
    """An authenticator being enrolled: the same secret until it is confirmed or reset."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Tillit", confirmed=False)
    return device


def second_step(request) -> str | None:
    """ "verify", "enrol", or None when this request may go on."""
    user = request.user
    if not user.is_authenticated or user.is_verified():
        return None
    if request.session.get(BACKEND_SESSION_KEY) != PASSWORD_BACKEND:
        return None
    if confirmed_device(user) is not None:
        return "verify"
    if (
        settings.TILLIT_ADMIN_TWO_FACTOR
        and request.person is not None
        and request.actor.is_org_wide(Role.ORG_ADMIN)
    ):
        return "enrol"
    return None


class TwoFactorMiddleware:
    """Before any page: a password session that still owes its second step goes to pay it."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if not (path.startswith(OPEN_PREFIXES) or path in OPEN_PATHS):
            step = second_step(request)
            if step is not None:
                target = reverse("signin:two_factor" if step == "verify" else "signin:enrol")
                return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)


def qr_data_uri(device: TOTPDevice) -> str:
    """The enrolment link as a QR code: an SVG in a data: URI (the CSP allows data: images)."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    buffer = BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


def secret_for_typing(device: TOTPDevice) -> str:
    """The secret in base32, in groups of four, for apps that cannot scan."""
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def wait_seconds(device: TOTPDevice) -> int:
    """Seconds before the device takes another code (0: now)."""
    allowed, info = device.verify_is_allowed()
    if allowed or not info or not info.get("locked_until"):
        return 0
    from django.utils import timezone

    return max(1, int((info["locked_until"] - timezone.now()).total_seconds()) + 1)


def verify(request, device: TOTPDevice, code: str) -> bool:
    """Check a code; on success the session counts as verified. Every attempt is audited."""
    code = "".join(ch for ch in code if ch.isdigit())[:8]
    ok = bool(code) and device.verify_token(code)
    audit_record(
        actor=request.actor,
        action="signin.two_factor_passed" if ok else "signin.two_factor_failed",
        obj=getattr(request.user, "person", None),
    )
    if ok:
        otp_login(request, device)
    return ok


@transaction.atomic
def enrol_confirm(request, device: TOTPDevice, code: str) -> bool:
    """Confirm an authenticator with its first code; other pending secrets are dropped."""
    if not verify(request, device, code):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    audit_record(
        actor=request.actor,
        action="signin.two_factor_enabled",
        obj=getattr(request.user, "person", None),
    )
    return True


@transaction.atomic
def two_factor_reset(*, actor, person) -> int:
    """Remove a person's authenticators (lost phone) and end their sessions; audited."""
    from .oidc_sessions import sessions_end_for_user

    removed, _ = TOTPDevice.objects.filter(user=person.user).delete()
    sessions_end_for_user(person.user)
    audit_record(actor=actor, action="signin.two_factor_reset", obj=person)
    return removed
