"""Changes to the organisation, its people and roles; each audited in its own transaction."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tillit.access.actor import Actor, as_actor
from tillit.access.roles import DEPARTMENT_ROLES, Role
from tillit.audit.services import audit_record
from tillit.core.registry import registry

from .models import Department, Organisation, Person, RoleAssignment
from .selectors import notices_for


@transaction.atomic
def organisation_update(
    *, actor: Actor | Person, organisation: Organisation, **fields
) -> Organisation:
    """Change the organisation's settings."""
    changed = {}
    for name, value in fields.items():
        if getattr(organisation, name) != value:
            changed[name] = value
            setattr(organisation, name, value)
    organisation.full_clean()
    organisation.save()
    audit_record(actor=actor, action="organisation.update", obj=organisation, detail=changed)
    return organisation


@transaction.atomic
def person_create(
    *,
    actor: Actor | Person,
    username: str,
    name: str,
    email: str,
    function: str = "",
    department: Department | None = None,
    password: str | None = None,
    is_service: bool = False,
) -> Person:
    """Create a login account and the person behind it (a service account never signs in)."""
    user_model = get_user_model()
    user = user_model(username=username, email=email)
    if password and not is_service:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean()
    user.save()
    person = Person(
        user=user,
        name=name,
        email=email,
        function=function,
        department=department,
        is_service=is_service,
    )
    person.full_clean()
    person.save()
    audit_record(
        actor=actor,
        action="person.create",
        obj=person,
        detail={"username": username, "service": is_service},
    )
    return person


@transaction.atomic
def role_assign(
    *, actor: Actor | Person, person: Person, role: str, department: Department | None = None
) -> RoleAssignment:
    """Give a person a role; manager and informatör need a department, the rest must not have one."""
    if role not in Role.values:
        raise ValidationError(_("Unknown role."))
    if role in DEPARTMENT_ROLES and department is None:
        raise ValidationError(_("This role is held in a department; choose one."))
    if role not in DEPARTMENT_ROLES:
        department = None
    if role == Role.ORG_ADMIN and person.is_service:
        # It could never sign in to administer, yet would count as the one administrator left.
        raise ValidationError(_("A service account cannot be an organisation administrator."))
    assignment, created = RoleAssignment.objects.get_or_create(
        person=person, role=role, department=department
    )
    if created:
        audit_record(
            actor=actor,
            action="role.assign",
            obj=person,
            detail={"role": role, "department": department.pk if department else None},
        )
    return assignment


@transaction.atomic
def person_deactivate(*, actor: Actor | Person, person: Person) -> Person:
    """Mark a person as having left; what depended on them is re-checked at once.

    The apps above (channels' staffing checks) subscribe through the registry's
    ``person_deactivated`` store and run inside this transaction.
    """
    if not person.is_active:
        return person
    _keep_an_administrator(
        person,
        _(
            "%(name)s is the organisation's only active administrator and cannot be "
            "deactivated. Give someone else the role first."
        ),
    )
    person.is_active = False
    person.save(update_fields=["is_active", "updated_at"])
    person.user.is_active = False
    person.user.save(update_fields=["is_active"])
    audit_record(actor=actor, action="person.deactivate", obj=person)
    for subscriber in registry.values("person_deactivated"):
        subscriber(person=person, actor=actor)
    return person


@transaction.atomic
def person_reactivate(*, actor: Actor | Person, person: Person) -> Person:
    """Undo a deactivation: the login works again; roles were kept, mandates stay ended.

    Mandates are the manager's decision per channel and are given anew (R5); the roles the
    person held in Tillit were never taken away.
    """
    if person.is_active:
        return person
    acting = actor if isinstance(actor, Person) else actor.person
    if acting is not None and acting.pk == person.pk:
        raise ValidationError(_("Another administrator must reactivate you."))
    person.is_active = True
    person.save(update_fields=["is_active", "updated_at"])
    person.user.is_active = True
    person.user.save(update_fields=["is_active"])
    audit_record(actor=actor, action="person.reactivate", obj=person)
    return person


def _keep_an_administrator(person: Person, refusal: str) -> None:
    """Refuse to leave the organisation without an active administrator (nobody could fix it)."""
    # Every administrator row is locked (read in full), so two administrators removing each
    # other at the same moment queue here and the second sees the first one's change.
    admins = set(
        RoleAssignment.objects.select_for_update(of=("self",))
        .filter(
            role=Role.ORG_ADMIN,
            department__isnull=True,
            person__is_active=True,
            person__is_service=False,
        )
        .values_list("person_id", flat=True)
    )
    if admins == {person.pk}:
        raise ValidationError(refusal % {"name": person.name})


@transaction.atomic
def role_remove(*, actor: Actor | Person, assignment: RoleAssignment) -> None:
    """Take a role away; channels whose staffing depended on it are re-checked elsewhere."""
    detail = {"role": assignment.role, "department": assignment.department_id}
    person = assignment.person
    if assignment.role == Role.ORG_ADMIN and person.is_active:
        _keep_an_administrator(
            person,
            _(
                "%(name)s is the organisation's only active administrator and cannot lose the "
                "role. Give someone else the role first."
            ),
        )
    assignment.delete()
    audit_record(actor=actor, action="role.remove", obj=person, detail=detail)


def notices_mark_read(*, actor) -> int:
    """Mark every one of the person's unread notices read; return how many."""
    return notices_for(as_actor(actor), unread_only=True).update(read_at=timezone.now())


@transaction.atomic
def person_set_monthly_report(*, actor: Actor | Person, person: Person, wanted: bool) -> Person:
    """Turn one's own monthly follow-up report on or off (only the person decides)."""
    acting = actor if isinstance(actor, Person) else actor.person
    if acting is None or acting.pk != person.pk:
        raise ValidationError(_("Only the person can change their own e-mail reports."))
    if person.monthly_report != wanted:
        person.monthly_report = wanted
        person.save(update_fields=["monthly_report", "updated_at"])
        audit_record(
            actor=actor, action="person.monthly_report_set", obj=person, detail={"wanted": wanted}
        )
    return person


def person_claim_monthly_report(*, person: Person, month) -> bool:
    """Claim sending ``month``'s report to the person: True for exactly one caller (CAS)."""
    from django.db.models import Q

    return bool(
        Person.objects.filter(pk=person.pk, is_active=True, monthly_report=True)
        .filter(Q(monthly_report_sent_for__isnull=True) | Q(monthly_report_sent_for__lt=month))
        .update(monthly_report_sent_for=month)
    )
