"""Reads about the organisation and who holds which role."""

from django.db.models import QuerySet

from tillit.access.actor import Actor
from tillit.access.queryset import get_restricted
from tillit.access.roles import Role
from tillit.core.exceptions import NotFound

from .models import Department, Notice, Organisation, Person, RoleAssignment


def organisation_get() -> Organisation | None:
    """The installation's organisation, if it has been set up."""
    return Organisation.objects.order_by("id").first()


def person_roles(person: Person | None) -> set[tuple[str, int | None]]:
    """All (role, department id) pairs an active person holds, for one-query access checks."""
    if person is None or not person.is_active:
        return set()
    return set(RoleAssignment.objects.filter(person=person).values_list("role", "department_id"))


def people_with_role(role: str, department: Department | None = None) -> QuerySet[Person]:
    """Active people holding a role (in a department, for department roles)."""
    qs = Person.objects.filter(is_active=True, roles__role=role)
    if department is not None:
        qs = qs.filter(roles__department=department)
    return qs.distinct()


def managers_of(department: Department) -> QuerySet[Person]:
    """Active managers of a department."""
    return people_with_role(Role.MANAGER, department)


def notices_unread(person: Person) -> QuerySet[Notice]:
    """A person's unread in-app notices, newest first."""
    return Notice.objects.filter(person=person, read_at__isnull=True)


def people_for(actor: Actor) -> QuerySet[Person]:
    """Everyone in the organisation with their roles, for the organisation administrator."""
    return (
        Person.objects.restrict(actor, "manage")
        .select_related("department")
        .prefetch_related("roles__department")
    )


def notices_for(actor: Actor, *, unread_only: bool = False) -> QuerySet[Notice]:
    """The person's own notices, newest first."""
    qs = Notice.objects.restrict(actor, "read")
    return qs.filter(read_at__isnull=True) if unread_only else qs


def departments() -> QuerySet[Department]:
    """The organisation's departments: reference data every signed-in person may read."""
    return Department.objects.select_related("committee")


def person_get_for(actor: Actor, person_id: int) -> Person:
    """One person, for the organisation administrator; NotFound otherwise."""
    return get_restricted(Person.objects.all(), actor, "manage", pk=person_id)


def role_assignment_get_for(actor: Actor, person_id: int, assignment_id: int) -> RoleAssignment:
    """One of a person's roles, for the organisation administrator; NotFound otherwise."""
    person = person_get_for(actor, person_id)
    assignment = person.roles.filter(pk=assignment_id).first()
    if assignment is None:
        raise NotFound
    return assignment
