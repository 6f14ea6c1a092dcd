"""Issuing, checking and revoking API keys.

A key reads ``tillit_<prefix>_<secret>``: the prefix finds the row and names the key in
logs and the audit trail; the secret is 256 random bits. Only the SHA-256 of the whole key
is stored, and compared in constant time: with that much entropy a slow password hash adds
nothing (there is no dictionary to guess from), and every call can afford to check it.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tillit.access.actor import Actor, as_actor
from tillit.access.queryset import require
from tillit.access.roles import Role
from tillit.audit.services import audit_record
from tillit.core.exceptions import NotFound
from tillit.organisation.models import Person
from tillit.organisation.services import person_create

from .models import ApiToken, TokenKind
from .scopes import Scope

logger = logging.getLogger("tillit.api")

KEY_PREFIX = "tillit_"
_KEY = re.compile(r"^tillit_([0-9a-f]{8})_([A-Za-z0-9_-]{43})$")
#: A longer header is not a key; it is not even hashed.
KEY_MAX_CHARS = 80
#: Refresh ``last_used_at`` at most this often, so reading is not a write per call.
LAST_USED_EVERY = timedelta(minutes=1)


class TokenRefused(Exception):
    """A key that does not let the call in; ``reason`` is for the log, ``message`` for the caller."""

    def __init__(self, reason: str, message, prefix: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.message = message
        self.prefix = prefix


MALFORMED = gettext_lazy("The API key is malformed. Send it as 'Authorization: Bearer <key>'.")
UNKNOWN = gettext_lazy("The API key is not valid.")
REVOKED = gettext_lazy("The API key has been revoked.")
EXPIRED = gettext_lazy("The API key has expired. Create a new one.")
DEACTIVATED = gettext_lazy("The person or service account behind the API key is no longer active.")


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def _days_allowed(days: int) -> None:
    limit = settings.TILLIT_API_TOKEN_MAX_DAYS
    if not 1 <= days <= limit:
        raise ValidationError(
            {"days": _("A key lives between 1 and %(limit)d days.") % {"limit": limit}}
        )


def _scopes_allowed(scopes: list[str]) -> list[str]:
    chosen = sorted(set(scopes))
    if not chosen:
        raise ValidationError({"scopes": _("Choose at least one scope.")})
    if any(s not in Scope.values for s in chosen):
        raise ValidationError({"scopes": _("Unknown scope.")})
    return chosen


@transaction.atomic
def token_issue(
    *,
    actor: Actor | Person,
    person: Person,
    kind: str,
    name: str,
    scopes: list[str],
    days: int,
) -> tuple[ApiToken, str]:
    """Create a key and return it with its secret, which is never shown again.

    A personal key is one's own; a service key is an organisation administrator's to give
    to a service account. Either way the key can do no more than its person.
    """
    who = as_actor(actor)
    if kind == TokenKind.PERSONAL:
        if not who.is_person or who.person.pk != person.pk or person.is_service:
            raise NotFound
    elif kind == TokenKind.SERVICE:
        if not (who.is_person and who.is_org_wide(Role.ORG_ADMIN)) or not person.is_service:
            raise NotFound
    else:
        raise ValidationError({"kind": _("Unknown kind of key.")})
    if not person.is_active:
        raise ValidationError(_("%(name)s is no longer active.") % {"name": person.name})
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Give the key a name that says what it is for.")})
    _days_allowed(days)
    chosen = _scopes_allowed(scopes)
    prefix = secrets.token_hex(4)
    key = f"{KEY_PREFIX}{prefix}_{secrets.token_urlsafe(32)}"
    token = ApiToken.objects.create(
        kind=kind,
        name=name[:100],
        person=person,
        created_by=who.person,
        prefix=prefix,
        secret_hash=_digest(key),
        scopes=chosen,
        expires_at=timezone.now() + timedelta(days=days),
    )
    audit_record(
        actor=who,
        action="api.token_issue",
        obj=token,
        detail={"prefix": prefix, "kind": kind, "person": person.pk, "scopes": chosen},
    )
    return token, key


@transaction.atomic
def token_revoke(*, actor: Actor | Person, token: ApiToken) -> ApiToken:
    """Stop a key at once; revoking twice changes nothing."""
    who = as_actor(actor)
    require(who, "manage", token)
    if token.revoked_at is not None:
        return token
    token.revoked_at = timezone.now()
    token.revoked_by = who.person
    token.save(update_fields=["revoked_at", "revoked_by", "updated_at"])
    audit_record(actor=who, action="api.token_revoke", obj=token, detail={"prefix": token.prefix})
    return token


def tokens_end_for(*, person: Person, actor) -> int:
    """Revoke every live key of a person who leaves (runs inside the deactivation)."""
    now = timezone.now()
    live = ApiToken.objects.filter(person=person, revoked_at__isnull=True)
    prefixes = list(live.values_list("prefix", flat=True))
    if prefixes:
        live.update(revoked_at=now, updated_at=now)
        audit_record(
            actor=actor,
            action="api.token_revoke",
            obj=person,
            detail={"prefixes": prefixes, "why": "person deactivated"},
        )
    return len(prefixes)


def token_authenticate(key: str) -> ApiToken:
    """The live key this secret belongs to, with its person; TokenRefused otherwise."""
    if len(key) > KEY_MAX_CHARS:
        raise TokenRefused("malformed", MALFORMED)
    match = _KEY.match(key)
    if match is None:
        raise TokenRefused("malformed", MALFORMED)
    prefix = match.group(1)
    token = ApiToken.objects.select_related("person__user").filter(prefix=prefix).first()
    if token is None or not hmac.compare_digest(token.secret_hash, _digest(key)):
        raise TokenRefused("unknown", UNKNOWN, prefix)
    now = timezone.now()
    if token.revoked_at is not None:
        raise TokenRefused("revoked", REVOKED, prefix)
    if token.expires_at <= now:
        raise TokenRefused("expired", EXPIRED, prefix)
    if not token.person.is_active or not token.person.user.is_active:
        raise TokenRefused("deactivated", DEACTIVATED, prefix)
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


def service_account_create(*, actor: Actor | Person, name: str, function: str = "") -> Person:
    """A person record for another system: no password, no e-mail, roles given as usual."""
    who = as_actor(actor)
    if not (who.is_person and who.is_org_wide(Role.ORG_ADMIN)):
        raise NotFound
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Name the system that will use the account.")})
    slug = slugify(name)[:30] or "system"
    username = f"tjanst-{slug}-{secrets.token_hex(3)}"
    return person_create(
        actor=who,
        username=username,
        name=name[:200],
        # Reserved by RFC 2606: never delivered, never matched by an identity provider.
        email=f"{username}@tjanstekonto.invalid",
        function=function[:200],
        is_service=True,
    )
