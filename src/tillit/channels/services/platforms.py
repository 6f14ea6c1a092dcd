"""The organisation's decisions about platforms (R1)."""

from django.db import transaction
from django.utils import timezone

from tillit.access.actor import Actor, as_actor, person_of
from tillit.access.roles import Role
from tillit.audit.services import audit_record
from tillit.core.exceptions import NotFound
from tillit.organisation.models import Person

from ..models import Platform


@transaction.atomic
def platform_decide(
    *, actor: Actor | Person, platform: Platform, decision: str, reason: str
) -> Platform:
    """Record a decision about a platform; only an organisation administrator decides."""
    if not as_actor(actor).is_org_wide(Role.ORG_ADMIN):
        raise NotFound
    platform = Platform.objects.select_for_update().get(pk=platform.pk)
    previous = platform.decision
    platform.decision = decision
    platform.reason = reason
    platform.decided_at = timezone.now()
    platform.decided_by = person_of(actor)
    platform.full_clean()
    platform.save()
    audit_record(
        actor=actor,
        action="platform.decide",
        obj=platform,
        detail={"from": previous, "to": decision, "reason": reason},
    )
    return platform
