"""Who reaches the organisation's rows: one's own notices; the people list is the admin's."""

from django.db.models import QuerySet

from tillit.access.actor import Actor
from tillit.access.queryset import AccessRule, RoleRule, access_rule
from tillit.access.roles import Role

from .models import Department, Notice, Person


@access_rule(Notice)
class NoticeRule(AccessRule):
    """A notice is read by the person it is for, and by nobody else."""

    actions = ("read",)

    def filter(self, qs: QuerySet, actor: Actor, action: str) -> QuerySet:
        return qs.filter(person=actor.person) if actor.is_person else qs.none()

    def allows(self, actor: Actor, action: str, obj: Notice) -> bool:
        return actor.is_person and obj.person_id == actor.person.pk


@access_rule(Person)
class PersonRule(RoleRule):
    """People, their roles and their leaving are managed by the organisation administrator."""

    roles = {"manage": (Role.ORG_ADMIN,)}


def may_propose_in(actor: Actor, department_id: int | None) -> bool:
    """Channels are proposed by the department's manager or informatör, or an org admin."""
    return actor.is_person and (
        actor.has(Role.MANAGER, department_id)
        or actor.has(Role.INFORMATOR, department_id)
        or actor.is_org_wide(Role.ORG_ADMIN)
    )


@access_rule(Department)
class DepartmentRule(AccessRule):
    """``propose``: the departments where a person may propose a new channel."""

    actions = ("propose",)

    def filter(self, qs: QuerySet, actor: Actor, action: str) -> QuerySet:
        if not actor.is_person:
            return qs.none()
        if actor.is_org_wide(Role.ORG_ADMIN):
            return qs
        return qs.filter(pk__in=actor.departments(Role.MANAGER, Role.INFORMATOR))

    def allows(self, actor: Actor, action: str, obj: Department) -> bool:
        return may_propose_in(actor, obj.pk)
