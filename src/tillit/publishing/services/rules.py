"""The organisation's own check rules: markers, patterns, protected names, own contacts."""

from __future__ import annotations

import regex
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tillit.access.actor import Actor
from tillit.access.queryset import allows
from tillit.audit.services import audit_record
from tillit.core.exceptions import NotFound

from ..checks import name_digest, normalise_name, phone_key
from ..choices import RuleKind
from ..models import CheckRule
from ..selectors import name_key

MAX_VALUE = 300
_DOMAIN = regex.compile(r"^(?:[a-z0-9åäö](?:[a-z0-9åäö-]{0,61}[a-z0-9åäö])?\.)+[a-z]{2,24}$")


def _clean(kind: str, value: str) -> tuple[str, str]:
    """The value as stored and its digest; ValidationError says what is wrong in Swedish."""
    value = " ".join((value or "").split())
    if not value:
        raise ValidationError({"value": [_("Fill in the value.")]})
    if len(value) > MAX_VALUE:
        raise ValidationError({"value": [_("At most %(max)s characters.") % {"max": MAX_VALUE}]})
    if kind == RuleKind.PATTERN:
        try:
            regex.compile(value)
        except regex.error as exc:
            raise ValidationError(
                {
                    "value": [
                        _("The pattern is not a valid regular expression: %(error)s")
                        % {"error": exc}
                    ]
                }
            ) from None
        if regex.fullmatch(value, "", timeout=0.1):
            raise ValidationError(
                {"value": [_("The pattern matches empty text; it would find nothing useful.")]}
            )
    if kind == RuleKind.PROTECTED_NAME:
        if len(normalise_name(value).split()) < 2:
            raise ValidationError(
                {"value": [_("Enter first and last name, as the name is written.")]}
            )
        return "", name_digest(value, name_key())
    if kind == RuleKind.OWN_DOMAIN:
        value = value.lower().removeprefix("@")
        if not _DOMAIN.match(value):
            raise ValidationError({"value": [_("Enter a domain such as kommun.se.")]})
    if kind == RuleKind.OWN_PHONE and len(phone_key(value)) < 6:
        raise ValidationError({"value": [_("Enter the phone number with its area code.")]})
    return value, ""


@transaction.atomic
def check_rule_add(*, actor: Actor, kind: str, value: str, note: str = "") -> CheckRule:
    """Add one rule; a protected name is kept only as its keyed hash, never in clear."""
    if not allows(actor, "manage", CheckRule()):
        raise NotFound
    if kind not in RuleKind.values:
        raise ValidationError({"kind": [_("Choose what kind of rule it is.")]})
    stored_value, digest = _clean(kind, value)
    note = " ".join((note or "").split())[:200]
    duplicate = CheckRule.objects.filter(kind=kind, active=True)
    duplicate = (
        duplicate.filter(digest=digest) if digest else duplicate.filter(value__iexact=stored_value)
    )
    if duplicate.exists():
        raise ValidationError({"value": [_("That rule is already there.")]})
    rule = CheckRule.objects.create(
        kind=kind, value=stored_value, digest=digest, note=note, created_by=actor.person
    )
    # The audit entry names the kind, never a protected person's name.
    audit_record(
        actor=actor,
        action="publishing.rule_added",
        obj=rule,
        detail={"kind": kind, "value": stored_value},
    )
    return rule


@transaction.atomic
def check_rule_remove(*, actor: Actor, rule_id: int) -> None:
    """Retire a rule (kept for the record, no longer applied)."""
    rule = CheckRule.objects.restrict(actor, "manage").filter(pk=rule_id, active=True).first()
    if rule is None:
        raise NotFound
    rule.active = False
    rule.save(update_fields=["active", "updated_at"])
    audit_record(
        actor=actor, action="publishing.rule_removed", obj=rule, detail={"kind": rule.kind}
    )
