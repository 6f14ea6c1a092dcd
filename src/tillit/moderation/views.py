"""Moderation pages: deciding on an item, the review list, and each channel's public rules."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from tillit.access.decorators import person_required
from tillit.channels.selectors import channels_public
from tillit.core.exceptions import NotFound
from tillit.inbox.selectors import item_get_for
from tillit.inbox.views import item_detail

from .forms import BulkDecisionForm, DecisionForm
from .selectors import decision_get_for, decisions_to_review
from .services.bulk import BULK_LIMIT, decisions_bulk, selection_load
from .services.decisions import DecisionConflict, StaleDecision, decision_make, decision_review
from .services.policy import policy_for

#: What the form sent back to the page after a refusal, so nothing typed is lost.
DRAFT_FIELDS = ("kind", "rule", "note", "reply_text", "block_reason", "supersede_reason")


def _refused(request, item_id: int, errors: list[str], *, status: int):
    """The item page again with the person's text kept and the reasons on top."""
    for error in errors:
        messages.error(request, error)
    request.decision_draft = {
        **{name: request.POST.get(name, "")[:20_000] for name in DRAFT_FIELDS},
        "supersede": request.POST.get("supersede") == "on",
    }
    response = item_detail(request, item_id)
    response.status_code = status
    return response


@require_POST
@person_required
def decide(request, item_id: int):
    """Record a decision on an item; a refusal shows the page again with the text kept."""
    try:
        item = item_get_for(request.actor, item_id)
    except NotFound:
        # The same words whether the item is gone or the person's mandate ended.
        messages.error(
            request,
            _(
                "You can no longer decide on this item: it is not in a channel you moderate "
                "(your mandate may have ended). Nothing was recorded."
            ),
        )
        return redirect("inbox:queue")
    policy = policy_for(item.channel)
    rules = list(policy.version.rules.all()) if policy else []
    form = DecisionForm(request.POST, rules=rules)
    if not form.is_valid():
        errors = [
            f"{form.fields[name].label}: {message}" if name in form.fields else str(message)
            for name, messages_ in form.errors.items()
            for message in messages_
        ]
        return _refused(request, item.pk, errors, status=400)
    data = form.cleaned_data
    try:
        decision_make(
            actor=request.actor,
            item=item,
            kind=data["kind"],
            rule_code=data["rule"],
            note=data["note"],
            reply_text=data["reply_text"],
            block_reason=data["block_reason"],
            review_on=data["review_on"],
            seen_seq=data["seen_seq"],
            supersede=data["supersede"],
            supersede_reason=data["supersede_reason"],
        )
    except (StaleDecision, DecisionConflict) as exc:
        return _refused(request, item.pk, [str(m) for m in exc.messages], status=409)
    except ValidationError as exc:
        return _refused(request, item.pk, [str(m) for m in exc.messages], status=400)
    messages.success(request, _("The decision was recorded."))
    return redirect("inbox:item", item.pk)


def _selected_ids(data) -> list[int]:
    """The selected item ids from `item=` parameters; anything else is dropped."""
    ids = []
    for raw in data.getlist("item")[: BULK_LIMIT + 1]:
        if raw.isdigit() and len(raw) < 12:
            ids.append(int(raw))
    return ids


@person_required
def bulk(request):
    """Decide on several selected items at once: each gets its own decision with the rule."""
    data = request.POST if request.method == "POST" else request.GET
    selection = selection_load(request.actor, _selected_ids(data))
    form = BulkDecisionForm(
        data if request.method == "POST" else None, rules=selection.rule_choices()
    )
    problems: list[str] = []
    if request.method == "POST":
        if form.is_valid():
            try:
                decisions = decisions_bulk(
                    actor=request.actor,
                    selection=selection,
                    kind=form.cleaned_data["kind"],
                    rule_code=form.cleaned_data["rule"],
                    note=form.cleaned_data["note"],
                )
            except ValidationError as exc:
                problems = exc.messages
            else:
                messages.success(
                    request,
                    ngettext(
                        "%(n)s decision was recorded.",
                        "%(n)s decisions were recorded.",
                        len(decisions),
                    )
                    % {"n": len(decisions)},
                )
                return redirect("inbox:queue")
        else:
            problems = [_("Choose a decision, and a rule where it needs one.")]
    elif not selection.items:
        problems = [_("Select at least one item.")]
    return render(
        request,
        "moderation/bulk.html",
        {"selection": selection, "form": form, "problems": problems},
        status=400 if problems and request.method == "POST" else 200,
    )


@person_required
def review_list(request):
    """Automatic decisions waiting for a person to confirm them."""
    decisions = decisions_to_review(request.actor)[:200]
    return render(request, "moderation/review.html", {"decisions": decisions})


@require_POST
@person_required
def review(request, decision_id: int):
    """Confirm one automatic decision."""
    decision = decision_get_for(request.actor, decision_id)
    decision_review(actor=request.actor, decision=decision, note=request.POST.get("note", "")[:500])
    messages.success(request, _("Confirmed."))
    return redirect("moderation:review_list")


def channel_rules(request, public_id):
    """The public page of the comment rules a channel applies (R10, R13)."""
    channel = channels_public().filter(public_id=public_id).first()
    if channel is None:
        raise NotFound
    policy = policy_for(channel)
    return render(request, "moderation/channel_rules.html", {"channel": channel, "policy": policy})
