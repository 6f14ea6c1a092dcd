"""Views of retention: decisions, holds, the dry run, batches to confirm and the run log."""

from datetime import datetime, time

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tillit.access.decorators import person_required
from tillit.core.exceptions import NotFound

from .forms import BatchForm, RuleForm
from .permissions import can_hold, can_manage
from .selectors import (
    batch_get_for,
    batches_for,
    hold_get_for,
    holds_for,
    rule_get_for,
    rules_for,
    runs_for,
)
from .services import disposal
from .services.holds import hold_release


@person_required
def index(request):
    """Disposal decisions in force, holds, what the next run would do, and the log."""
    actor = request.actor
    rules = rules_for(actor)
    form = RuleForm(request.POST or None) if can_manage(actor) else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            disposal.rule_create(actor=request.actor, **form.cleaned_data)
            messages.success(request, _("The disposal decision is recorded."))
            return redirect("retention:index")
        except ValidationError as exc:
            form.add_error(None, exc.messages)
    return render(
        request,
        "retention/index.html",
        {
            "rules": rules,
            "form": form,
            "plan": disposal.disposal_plan(),
            "holds": holds_for(actor)[:200],
            "runs": runs_for(actor)[:30],
            "batches": batches_for(actor)[:50],
            "batch_form": BatchForm(),
            "can_manage": can_manage(actor),
            "can_hold": can_hold(actor),
        },
    )


@require_POST
@person_required
def act(request, what: str, pk: int = 0):
    """Run now, withdraw a decision, propose/confirm/cancel a batch, release a hold."""
    actor = request.actor
    try:
        if what == "run" and can_manage(actor):
            run = disposal.disposal_run(actor=request.actor)
            level = messages.success if run.state == "finished" else messages.error
            level(
                request,
                _("Disposal run %(id)s: %(state)s")
                % {"id": run.pk, "state": run.get_state_display()},
            )
        elif what == "withdraw" and can_manage(actor):
            disposal.rule_withdraw(actor=request.actor, rule=rule_get_for(actor, pk))
        elif what == "propose" and can_manage(actor):
            form = BatchForm(request.POST)
            if form.is_valid():
                before = timezone.make_aware(
                    datetime.combine(form.cleaned_data["received_before"], time.min)
                )
                disposal.batch_propose(
                    actor=request.actor, rule=rule_get_for(actor, pk), received_before=before
                )
        elif what in ("confirm", "cancel") and can_manage(actor):
            disposal.batch_decide(
                actor=request.actor, batch=batch_get_for(actor, pk), confirm=what == "confirm"
            )
        elif what == "release" and can_hold(actor):
            hold_release(actor=request.actor, hold=hold_get_for(actor, pk))
        else:
            raise NotFound
    except disposal.RunBusy as exc:
        messages.error(request, str(exc))
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    return redirect("retention:index")
