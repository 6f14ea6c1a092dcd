"""Who reaches posts and the check's rules.

A post is seen by its author, by everyone holding a mandate on one of its channels, by the
informatör and the manager of a channel's department (who approve and override), and by the
organisation administrator and the auditor. Its check rules hold protected names (as
hashes) and the organisation's markers: the administrator and the registrar keep them.
"""

from django.db.models import Q, QuerySet

from tillit.access.actor import Actor
from tillit.access.queryset import AccessRule, RoleRule, access_rule
from tillit.access.roles import Role

from .models import CheckRule, Post

#: Organisation-wide roles that see every post.
SEE_ALL_POSTS = (Role.ORG_ADMIN, Role.AUDITOR)
#: Department roles that see the department's posts.
DEPARTMENT_READERS = (Role.INFORMATOR, Role.MANAGER)
#: Who keeps the check's own rules (markers, protected names, own contact details).
RULE_KEEPERS = (Role.ORG_ADMIN, Role.REGISTRAR)


@access_rule(Post)
class PostRule(AccessRule):
    """Author, the channels' mandate holders, their departments' informatör and manager."""

    actions = ("view",)

    def filter(self, qs: QuerySet, actor: Actor, action: str) -> QuerySet:
        if not actor.is_person:
            return qs.none()
        if actor.is_org_wide(*SEE_ALL_POSTS):
            return qs
        mine = (
            Q(author_id=actor.pk)
            | Q(targets__channel_id__in=list(actor.mandates))
            | Q(targets__channel__department_id__in=actor.departments(*DEPARTMENT_READERS))
        )
        return qs.filter(pk__in=qs.filter(mine).values("pk"))

    def allows(self, actor: Actor, action: str, obj: Post) -> bool:
        if not actor.is_person:
            return False
        if actor.is_org_wide(*SEE_ALL_POSTS) or obj.author_id == actor.pk:
            return True
        departments = actor.departments(*DEPARTMENT_READERS)
        return any(
            t.channel_id in actor.mandates or t.channel.department_id in departments
            for t in obj.targets.all()
        )


@access_rule(CheckRule)
class CheckRuleRule(RoleRule):
    """The organisation's markers and protected names: its administrator and registrar."""

    roles = {"view": RULE_KEEPERS + (Role.AUDITOR,), "manage": RULE_KEEPERS}
