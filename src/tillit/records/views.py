"""Views of the registry: the registration queue, a message with its thread, cases and hand-overs."""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tillit.access.decorators import person_required
from tillit.core.forms import apply_validation_errors
from tillit.inbox.models import Item
from tillit.organisation.selectors import organisation_get

from . import selectors as sel
from .choices import HandoverState
from .export import ErmsInvalid, erms_for_case
from .forms import LittleImportanceForm, ReferenceForm, RegisterForm, SecretForm
from .services.handover import HandoverFailed, handover_email, handover_webhook
from .services.registration import (
    case_set_reference,
    dm_mark_little_importance,
    dm_register,
    registration_mark_secret,
)
from .subject import suggest_subject


def where_to_ask(request):
    """Public: how to ask for the channels' official documents (R19)."""
    return render(request, "records/where_to_ask.html", {"organisation": organisation_get()})


@dataclass(frozen=True)
class QueueRow:
    """A message in the registration queue with the sender and subject shown beside it."""

    item: Item
    sender: str
    suggested_subject: str


@person_required
def queue(request):
    """Direct messages waiting for the registrar, oldest first."""
    actor = request.actor
    items = [
        QueueRow(item, sel.sender_label(item), suggest_subject(item.text))
        for item in sel.registration_queue(actor)[:200]
    ]
    ready = (
        sel.registrations_for(actor)
        .filter(handover_state__in=[HandoverState.READY, HandoverState.FAILED])
        .count()
    )
    return render(request, "records/queue.html", {"items": items, "ready": ready})


@person_required
def message(request, item_id: int):
    """One message: metadata, thread, attachments and the registrar's choices."""
    actor = request.actor
    item = sel.dm_get_for(actor, item_id)
    cases = sel.cases_for(actor)
    register_form = RegisterForm(
        request.POST if request.POST.get("action") == "register" else None,
        cases=cases,
        initial={"subject": suggest_subject(item.text)},
    )
    little_form = LittleImportanceForm(
        request.POST if request.POST.get("action") == "little" else None
    )
    if request.method == "POST":
        try:
            if request.POST.get("action") == "register" and register_form.is_valid():
                d = register_form.cleaned_data
                dm_register(
                    actor=request.actor,
                    item=item,
                    subject=d["subject"],
                    case=d.get("case"),
                    new_case_title=d.get("new_case_title", ""),
                    secret=d.get("secret", False),
                    secrecy_ground=d.get("secrecy_ground", ""),
                )
                messages.success(request, _("The message is registered."))
                return redirect("records:queue")
            if request.POST.get("action") == "little" and little_form.is_valid():
                dm_mark_little_importance(
                    actor=request.actor, item=item, reason=little_form.cleaned_data["reason"]
                )
                messages.success(request, _("The message is marked as of little importance."))
                return redirect("records:queue")
        except ValidationError as exc:
            apply_validation_errors(
                register_form if request.POST.get("action") == "register" else little_form, exc
            )
    registration = getattr(item, "registration", None)
    return render(
        request,
        "records/message.html",
        {
            "item": item,
            "sender": sel.sender_label(item),
            "thread": sel.dm_thread(request.actor, item),
            "attachments": item.attachments.all(),
            "registration": registration,
            "register_form": register_form,
            "little_form": little_form,
        },
    )


@person_required
def registrations(request):
    """Registrations and where each stands with the records system."""
    actor = request.actor
    state = request.GET.get("state", "")[:20]
    return render(
        request,
        "records/registrations.html",
        {
            "registrations": sel.registrations_for(actor, state=state)[:300],
            "state": state,
            "states": HandoverState.choices,
        },
    )


@person_required
def case_detail(request, case_id: int):
    """A case with its documents, its registration number and hand-over actions."""
    actor = request.actor
    case = sel.case_get_for(actor, case_id)
    form = ReferenceForm(request.POST or None, initial={"reference": case.reference})
    if request.method == "POST" and form.is_valid():
        try:
            case_set_reference(
                actor=request.actor, case=case, reference=form.cleaned_data["reference"]
            )
            messages.success(request, _("The registration number is stored."))
            return redirect("records:case", case_id=case.pk)
        except ValidationError as exc:
            apply_validation_errors(form, exc)
    regs = case.registrations.select_related(
        "item", "item__author", "item__channel", "action"
    ).prefetch_related("attempts")
    return render(
        request,
        "records/case.html",
        {"case": case, "registrations": regs, "form": form, "secret_form": SecretForm()},
    )


@person_required
def case_erms(request, case_id: int):
    """The case as a CITS ERMS v3 file, validated before it is offered."""
    case = sel.case_get_for(request.actor, case_id)
    try:
        document = erms_for_case(case)
    except ErmsInvalid as exc:
        messages.error(request, _("The ERMS file did not validate: %(error)s") % {"error": exc})
        return redirect("records:case", case_id=case.pk)
    response = HttpResponse(document, content_type="application/xml")
    response["Content-Disposition"] = f'attachment; filename="erms-arende-{case.pk}.xml"'
    return response


@require_POST
@person_required
def handover(request, registration_id: int, method: str):
    """Hand one registration over by e-mail or webhook; a failure is shown and can be retried."""
    actor = request.actor
    registration = sel.registration_get_for(actor, registration_id)
    send = {"email": handover_email, "webhook": handover_webhook}.get(method)
    if send is None:
        return redirect("records:case", case_id=registration.case_id)
    try:
        send(actor=request.actor, registration=registration)
        messages.success(request, _("Handed over to the records system."))
    except (HandoverFailed, ValidationError) as exc:
        messages.error(request, str(exc.messages[0] if isinstance(exc, ValidationError) else exc))
    return redirect("records:case", case_id=registration.case_id)


@require_POST
@person_required
def mark_secret(request, registration_id: int):
    """Withhold sender and subject of a registration in hand-overs."""
    actor = request.actor
    registration = sel.registration_get_for(actor, registration_id)
    form = SecretForm(request.POST)
    if form.is_valid():
        try:
            registration_mark_secret(
                actor=request.actor,
                registration=registration,
                ground=form.cleaned_data["secrecy_ground"],
            )
            messages.success(request, _("Sender and subject are withheld."))
        except ValidationError as exc:
            messages.error(request, "; ".join(exc.messages))
    else:
        messages.error(request, _("Give the secrecy ground (OSL chapter and section)."))
    return redirect("records:case", case_id=registration.case_id)
