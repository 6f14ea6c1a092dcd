"""The OpenID Connect authentication backend: verify the id token, find the person, never create one.

mozilla-django-oidc does the code flow; this subclass closes what it leaves open for Tillit:
the id token's audience and issuer are checked (the library skips the audience), expiry and
issue time are required, every call to the provider goes through the guarded HTTP session,
and the person is found by (issuer, subject) or, at the first sign-in, by a verified e-mail
that names exactly one active person. Anything else raises ``SignInRefused``.
"""

from __future__ import annotations

import logging

import jwt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousOperation
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import absolutify

from tillit.audit.services import audit_record
from tillit.organisation.models import Person

from . import oidc_refusal as why
from .models import Identity
from .oidc_discovery import DiscoveryError, configured, issuer, provider, provider_json
from .oidc_refusal import SignInRefused

logger = logging.getLogger(__name__)

LEEWAY_S = 60
MAX_TOKEN_CHARS = 64 * 1024
MAX_CLAIM_CHARS = 255


def verified_email(claims: dict) -> str:
    """The e-mail the provider vouches for, lower-cased, or "" when it vouches for none.

    ``email_verified`` true is the standard's promise. Entra ID sends no such claim; its
    addresses count only when their domain is listed in TILLIT_OIDC_EMAIL_DOMAINS (domains the
    organisation has verified in its own tenant), tried on ``email`` then ``preferred_username``.
    """
    email = claims.get("email")
    if isinstance(email, str) and claims.get("email_verified") is True:
        return _clean_email(email)
    domains = set(getattr(settings, "TILLIT_OIDC_EMAIL_DOMAINS", []) or [])
    if not domains or "email_verified" in claims:
        return ""
    for name in ("email", "preferred_username"):
        value = _clean_email(claims.get(name))
        if value and value.rsplit("@", 1)[1] in domains:
            return value
    return ""


def _clean_email(value: object) -> str:
    if not isinstance(value, str) or len(value) > MAX_CLAIM_CHARS or value.count("@") != 1:
        return ""
    local, domain = value.strip().lower().split("@")
    return f"{local}@{domain}" if local and domain else ""


def _jwt_reason(exc: Exception) -> str:
    if isinstance(exc, jwt.ExpiredSignatureError | jwt.ImmatureSignatureError):
        return why.EXPIRED
    if isinstance(exc, jwt.InvalidAudienceError):
        return why.WRONG_AUDIENCE
    if isinstance(exc, jwt.InvalidIssuerError):
        return why.WRONG_ISSUER
    if isinstance(exc, jwt.InvalidSignatureError):
        return why.BAD_SIGNATURE
    return why.MALFORMED


class OIDCBackend(OIDCAuthenticationBackend):
    """Signs in people the organisation already knows; refuses everyone else."""

    def __init__(self, *args, **kwargs):
        """Read no endpoint here: they come from discovery when a sign-in happens."""
        self.UserModel = get_user_model()
        self.OIDC_RP_SIGN_ALGO = "RS256"
        self.OIDC_RP_IDP_SIGN_KEY = None

    # -- the code flow -------------------------------------------------------------------

    def authenticate(self, request, **kwargs):
        """Exchange the code, verify the id token, return the person's user or refuse."""
        self.request = request
        if request is None or "code" not in request.GET or "state" not in request.GET:
            return None  # a password attempt or another backend's business
        if not configured():
            raise SignInRefused(why.NOT_CONFIGURED)
        nonce = kwargs.pop("nonce", None)
        code_verifier = kwargs.pop("code_verifier", None)
        try:
            self.provider = provider()
        except DiscoveryError as exc:
            raise SignInRefused(why.UNAVAILABLE, error=str(exc)) from exc
        payload = {
            "client_id": settings.TILLIT_OIDC_CLIENT_ID,
            "client_secret": settings.TILLIT_OIDC_CLIENT_SECRET,
            "grant_type": "authorization_code",
            "code": request.GET["code"][:2048],
            "redirect_uri": absolutify(request, reverse("oidc_authentication_callback")),
        }
        if code_verifier is not None:
            payload["code_verifier"] = code_verifier
        tokens = self.get_token(payload)
        id_token = tokens.get("id_token")
        if not isinstance(id_token, str) or len(id_token) > MAX_TOKEN_CHARS:
            raise SignInRefused(why.MALFORMED, error="no id token in the token response")
        claims = self.verify_token(id_token, nonce=nonce)
        return self.person_user(claims)

    def get_token(self, payload):
        """POST to the token endpoint through the guarded session; errors become refusals."""
        try:
            return provider_json(
                "POST", self.provider.token_endpoint, "token endpoint", data=payload
            )
        except DiscoveryError as exc:
            raise SignInRefused(why.TOKEN_REQUEST, error=str(exc)[:200]) from exc

    def retrieve_matching_jwk(self, token):
        """The provider's key named by the token's header, from its JWKS."""
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as exc:
            raise SignInRefused(why.MALFORMED, error="unreadable token header") from exc
        if header.get("alg") != self.OIDC_RP_SIGN_ALGO:
            raise SignInRefused(why.BAD_SIGNATURE, error=f"algorithm {header.get('alg')!r}")
        try:
            keys = provider_json("GET", self.provider.jwks_uri, "JWKS").get("keys")
        except DiscoveryError as exc:
            raise SignInRefused(why.UNAVAILABLE, error=str(exc)[:200]) from exc
        kid = header.get("kid")
        for jwk in keys if isinstance(keys, list) else []:
            if not isinstance(jwk, dict) or jwk.get("kty") != "RSA":
                continue
            if kid is not None and jwk.get("kid") != kid:
                continue
            if jwk.get("alg", self.OIDC_RP_SIGN_ALGO) != self.OIDC_RP_SIGN_ALGO:
                continue
            if jwk.get("use", "sig") != "sig":
                continue
            try:
                return jwt.PyJWK(jwk)
            except jwt.PyJWTError:
                continue
        raise SignInRefused(why.BAD_SIGNATURE, error="no provider key matches the token")

    def verify_token(self, token, **kwargs):
        """Signature, issuer, audience, expiry and nonce of the id token; its claims."""
        key = self.retrieve_matching_jwk(token)
        expected_issuer = issuer()
        try:
            claims = jwt.decode(
                token,
                key,
                algorithms=[self.OIDC_RP_SIGN_ALGO],
                audience=settings.TILLIT_OIDC_CLIENT_ID,
                leeway=LEEWAY_S,
                options={"require": ["exp", "iat", "iss", "aud"]},
            )
        except jwt.PyJWTError as exc:
            raise SignInRefused(_jwt_reason(exc), error=type(exc).__name__) from exc
        if str(claims.get("iss", "")).rstrip("/") != expected_issuer:
            raise SignInRefused(why.WRONG_ISSUER, issuer=str(claims.get("iss"))[:200])
        aud = claims.get("aud")
        # Several audiences: the token must have been issued to us (OIDC Core 3.1.3.7).
        if (
            isinstance(aud, list)
            and len(aud) > 1
            and claims.get("azp") != settings.TILLIT_OIDC_CLIENT_ID
        ):
            raise SignInRefused(why.WRONG_AUDIENCE, error="azp is another client")
        nonce = kwargs.get("nonce")
        if not nonce or claims.get("nonce") != nonce:
            raise SignInRefused(why.NONCE)
        return claims

    # -- who the person is ---------------------------------------------------------------

    def person_user(self, claims: dict):
        """The user of the person these claims name; the Identity is linked at first sign-in."""
        subject_claim = getattr(settings, "TILLIT_OIDC_SUBJECT_CLAIM", "sub") or "sub"
        subject = claims.get(subject_claim)
        iss = issuer()
        email = verified_email(claims)
        seen = {"issuer": iss, "subject": subject if isinstance(subject, str) else None}
        if not isinstance(subject, str) or not subject or len(subject) > MAX_CLAIM_CHARS:
            raise SignInRefused(why.NO_SUBJECT, issuer=iss, claim=subject_claim)
        with transaction.atomic():
            identity = (
                Identity.objects.select_for_update()
                .select_related("person__user")
                .filter(issuer=iss, subject=subject)
                .first()
            )
            matched = "subject"
            if identity is None:
                person = self._person_by_email(email, iss, seen)
                identity = Identity.objects.create(person=person, issuer=iss, subject=subject)
                matched = "email"
            person = identity.person
            if not person.is_active or not person.user.is_active:
                raise SignInRefused(why.DEACTIVATED, person=person.pk, **seen)
            identity.last_sign_in_at = timezone.now()
            identity.save(update_fields=["last_sign_in_at"])
            audit_record(
                actor=person,
                action="signin.oidc",
                obj=person,
                detail={"issuer": iss, "subject": subject, "matched": matched},
            )
        logger.info("OpenID Connect sign-in of person %s (matched by %s)", person.pk, matched)
        return person.user

    def _person_by_email(self, email: str, iss: str, seen: dict) -> Person:
        if not email:
            raise SignInRefused(why.UNKNOWN, error="no verified e-mail", **seen)
        people = list(
            Person.objects.select_related("user").filter(email__iexact=email, is_service=False)
        )
        active = [p for p in people if p.is_active and p.user.is_active]
        if not active:
            reason = why.DEACTIVATED if people else why.UNKNOWN
            raise SignInRefused(reason, email=email, **seen)
        if len(active) > 1:
            raise SignInRefused(why.AMBIGUOUS, email=email, **seen)
        person = active[0]
        if Identity.objects.filter(person=person, issuer=iss).exists():
            # Already linked to another subject: a changed address at the provider must not
            # hand this person's account to whoever holds the address now.
            raise SignInRefused(why.SUBJECT_CHANGED, email=email, person=person.pk, **seen)
        return person

    def get_user(self, user_id):
        """The signed-in user on later requests, while the user and the person are active."""
        user = self.UserModel.objects.select_related("person").filter(pk=user_id).first()
        if user is None or not user.is_active:
            return None
        person = getattr(user, "person", None)
        if person is not None and not person.is_active:
            return None
        return user

    def filter_users_by_claims(self, claims):
        """Never used by this backend; kept empty so no e-mail match can bypass person_user."""
        return self.UserModel.objects.none()

    def create_user(self, claims):
        """No self-registration: people are added in Tillit."""
        raise SuspiciousOperation("OIDC users are never created")
