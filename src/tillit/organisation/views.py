"""The organisation administrator's pages: settings, people and their roles."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tillit.access.decorators import person_required
from tillit.access.roles import Role
from tillit.core.exceptions import NotFound
from tillit.core.forms import apply_validation_errors

from .forms import OrganisationForm, PersonForm, RoleForm
from .invitations import person_invite
from .selectors import organisation_get, people_for, person_get_for, role_assignment_get_for
from .services import (
    organisation_update,
    person_create,
    person_deactivate,
    person_reactivate,
    role_assign,
    role_remove,
)


def _require_admin(request) -> None:
    if not request.actor.is_org_wide(Role.ORG_ADMIN):
        raise NotFound


@person_required
def settings_edit(request):
    """The organisation's settings."""
    _require_admin(request)
    organisation = organisation_get()
    if organisation is None:
        raise NotFound
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        # A fresh copy: is_valid() has written the form onto `organisation`, and the service
        # audits what changed against the stored values.
        stored = organisation_get()
        if stored is None:
            raise NotFound
        try:
            organisation_update(actor=request.actor, organisation=stored, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_errors(form, exc)
        else:
            messages.success(request, _("The settings were saved."))
            return redirect("organisation:settings")
    return render(request, "organisation/settings.html", {"form": form})


@person_required
def people(request):
    """Everyone with a login, their roles, and a form to add a person."""
    _require_admin(request)
    form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            person = person_create(actor=request.actor, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_errors(form, exc)
        else:
            messages.success(request, _("%(name)s was added.") % {"name": person.name})
            if settings.TILLIT_LOCAL_ACCOUNTS:
                _invite(request, person)
            return redirect("organisation:person", person.pk)
    return render(
        request,
        "organisation/people.html",
        {
            "people": people_for(request.actor),
            "form": form,
        },
    )


@person_required
def person_detail(request, person_id: int):
    """One person: roles to add or remove, and deactivation when they leave."""
    _require_admin(request)
    person = person_get_for(request.actor, person_id)
    form = RoleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            role_assign(actor=request.actor, person=person, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_errors(form, exc)
        else:
            messages.success(request, _("The role was given."))
            return redirect("organisation:person", person.pk)
    return render(
        request,
        "organisation/person.html",
        {
            "subject": person,
            "roles": person.roles.select_related("department"),
            "form": form,
            "local_accounts": settings.TILLIT_LOCAL_ACCOUNTS,
        },
    )


@require_POST
@person_required
def role_delete(request, person_id: int, assignment_id: int):
    """Take a role away."""
    _require_admin(request)
    assignment = role_assignment_get_for(request.actor, person_id, assignment_id)
    try:
        role_remove(actor=request.actor, assignment=assignment)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The role was removed."))
    return redirect("organisation:person", person_id)


@person_required
def person_leave(request, person_id: int):
    """Deactivate a person who has left, after a confirmation page (GET shows it).

    Their channels are re-checked for staffing at once and their sessions end everywhere;
    another administrator can undo it.
    """
    _require_admin(request)
    person = person_get_for(request.actor, person_id)
    if not person.is_active:
        return redirect("organisation:person", person.pk)
    if request.method != "POST":
        return render(
            request,
            "organisation/person_leave.html",
            {"subject": person, "is_self": person.pk == request.actor.person.pk},
        )
    _attempt(
        request,
        lambda: person_deactivate(actor=request.actor, person=person),
        _("%(name)s was deactivated.") % {"name": person.name},
    )
    return redirect("organisation:person", person.pk)


@require_POST
@person_required
def person_return(request, person_id: int):
    """Undo a deactivation (another administrator than the person)."""
    _require_admin(request)
    person = person_get_for(request.actor, person_id)
    _attempt(
        request,
        lambda: person_reactivate(actor=request.actor, person=person),
        _("%(name)s can sign in again.") % {"name": person.name},
    )
    return redirect("organisation:person", person.pk)


@require_POST
@person_required
def person_send_invitation(request, person_id: int):
    """E-mail (again) the one-time link to set a password."""
    _require_admin(request)
    _invite(request, person_get_for(request.actor, person_id))
    return redirect("organisation:person", person_id)


def _invite(request, person) -> None:
    _attempt(
        request,
        lambda: person_invite(actor=request.actor, person=person),
        _("An invitation to set a password was sent to %(email)s.") % {"email": person.email},
    )


def _attempt(request, call, success: str) -> None:
    """Run a service call; say its refusal (in the service's words) or its success."""
    try:
        call()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, success)
