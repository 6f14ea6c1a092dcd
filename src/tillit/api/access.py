"""Who manages API keys: one's own personal keys; the organisation administrator all of them."""

from django.db.models import QuerySet

from tillit.access.actor import Actor
from tillit.access.queryset import AccessRule, access_rule
from tillit.access.roles import Role

from .models import ApiToken, TokenKind


@access_rule(ApiToken)
class ApiTokenRule(AccessRule):
    """``manage``: see and revoke. A person their own personal keys; an org admin every key,
    so a leaked key can be stopped by someone other than its holder."""

    actions = ("manage",)

    def filter(self, qs: QuerySet, actor: Actor, action: str) -> QuerySet:
        if not actor.is_person:
            return qs.none()
        if actor.is_org_wide(Role.ORG_ADMIN):
            return qs
        return qs.filter(kind=TokenKind.PERSONAL, person=actor.person)

    def allows(self, actor: Actor, action: str, obj: ApiToken) -> bool:
        if not actor.is_person:
            return False
        if actor.is_org_wide(Role.ORG_ADMIN):
            return True
        return obj.kind == TokenKind.PERSONAL and obj.person_id == actor.person.pk
