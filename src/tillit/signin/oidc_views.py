"""The sign-in views around mozilla-django-oidc's: endpoints from discovery, refusals recorded once.

Every way a callback can fail (unknown or deactivated person, bad signature, wrong audience,
expired token, unknown or reused state, a provider that errs or cannot be reached) ends on
the same friendly Swedish page; the reason goes to the log and the audit trail, without any
token, code or secret.
"""

from __future__ import annotations

import logging

from django.core.exceptions import SuspiciousOperation
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from tillit.audit.services import audit_record
from tillit.organisation.selectors import organisation_get

from . import oidc_refusal as why
from .oidc_discovery import DiscoveryError, configured, provider
from .oidc_refusal import SignInRefused

logger = logging.getLogger(__name__)

REFUSAL_KEY = "tillit_oidc_refusal"


def record_refusal(request: HttpRequest, refusal: SignInRefused) -> None:
    """Log and audit a refused sign-in; remember for the page whether the provider was down."""
    detail = {"reason": refusal.reason, **refusal.detail}
    level = (
        logging.WARNING if refusal.reason not in (why.UNKNOWN, why.DEACTIVATED) else logging.INFO
    )
    logger.log(level, "OpenID Connect sign-in refused: %s", detail)
    with transaction.atomic():
        audit_record(actor=None, action="signin.oidc_refused", detail=detail)
    request.session[REFUSAL_KEY] = "unavailable" if refusal.reason == why.UNAVAILABLE else "refused"


class AuthenticateView(OIDCAuthenticationRequestView):
    """Sends the browser to the provider; the authorization endpoint comes from discovery."""

    def __init__(self, *args, **kwargs):
        """Skip the parent's reading of endpoints from settings (they are discovered)."""
        super(OIDCAuthenticationRequestView, self).__init__(*args, **kwargs)
        from django.conf import settings

        self.OIDC_RP_CLIENT_ID = settings.TILLIT_OIDC_CLIENT_ID

    def get(self, request):
        """Start the code flow (state, nonce and PKCE kept in the session by the library)."""
        if not configured():
            raise Http404
        try:
            self.OIDC_OP_AUTH_ENDPOINT = provider().authorization_endpoint
        except DiscoveryError as exc:
            record_refusal(request, SignInRefused(why.UNAVAILABLE, error=str(exc)))
            return HttpResponseRedirect(reverse("oidc_refused"))
        return super().get(request)


class CallbackView(OIDCAuthenticationCallbackView):
    """The provider's answer: checked state, then the backend; every failure is one page."""

    def get(self, request):
        """Finish the sign-in, or show the refusal page with the reason recorded."""
        if not configured():
            raise Http404
        refusal = self._precheck(request)
        if refusal is None:
            try:
                response = super().get(request)
            except SignInRefused as exc:
                refusal = exc
            except SuspiciousOperation as exc:
                # The library's own checks (a state entry without a nonce, and the like).
                refusal = SignInRefused(why.STATE, error=str(exc)[:200])
            else:
                if response.status_code == 302 and response.url == str(self.failure_url):
                    refusal = SignInRefused(why.PROVIDER_ERROR, error="sign-in did not complete")
                else:
                    request.session.pop(REFUSAL_KEY, None)
                    return response
        record_refusal(request, refusal)
        return HttpResponseRedirect(reverse("oidc_refused"))

    @staticmethod
    def _precheck(request) -> SignInRefused | None:
        """Refusals the library would answer with a bare redirect or an exception."""
        states = request.session.get("oidc_states") or {}
        state = request.GET.get("state", "")
        if request.GET.get("error"):
            # The provider refused (the person cancelled, or has no access to the application).
            states.pop(state, None)
            request.session.modified = True
            return SignInRefused(why.PROVIDER_ERROR, error=str(request.GET["error"])[:100])
        if "code" not in request.GET or not state:
            return SignInRefused(why.STATE, error="no code or state in the callback")
        if state not in states:
            # Unknown, already used (the library deletes it at first use) or from another browser.
            return SignInRefused(why.STATE)
        return None


def refused(request: HttpRequest) -> HttpResponse:
    """The one page for every refused sign-in: who to ask, in plain Swedish."""
    kind = request.session.get(REFUSAL_KEY, "refused")
    template = "signin/refused_unavailable.html" if kind == "unavailable" else "signin/refused.html"
    return render(request, template, {"organisation": organisation_get()}, status=403)
