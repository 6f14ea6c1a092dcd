"""Reads about the organisation and who holds which role."""

from django.db.models import QuerySet

from tillit.access.roles import Role

from .models import Department, Notice, Organisation, Person, RoleAssignment


def organisation_get() -> Organisation | None:
    """The installation's organisation, if it has been set up."""
    return Organisation.objects.order_by("id").first()


def person_has_role(person: Person | None, role: str, department: Department | None = None) -> bool:
    """Whether an active person holds a role (in a department, for department roles)."""
    if person is None or not person.is_active:
        return False
    qs = RoleAssignment.objects.filter(person=person, role=role)
    if department is not None:
        qs = qs.filter(department=department)
    return qs.exists()


def person_roles(person: Person | None) -> set[tuple[str, int | None]]:
    """All (role, department id) pairs an active person holds, for one-query access checks."""
    if person is None or not person.is_active:
        return set()
    return set(RoleAssignment.objects.filter(person=person).values_list("role", "department_id"))


def departments_where(person: Person | None, *roles: str) -> set[int]:
    """Ids of the departments where the person holds one of the roles."""
    return {dept for role, dept in person_roles(person) if role in roles and dept is not None}


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
