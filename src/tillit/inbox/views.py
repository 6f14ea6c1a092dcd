"""The moderation queue and an item with its thread, history and platform actions."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from tillit.access.decorators import person_required
from tillit.channels.selectors import saved_replies_for
from tillit.core.exceptions import NotFound

from .capabilities import action_options
from .choices import ActionKind
from .forms import ActionForm, AssignForm, QueueFilterForm, ReplyForm, SavedFilterForm
from .panels import decided_actions, panels_for
from .queue_extras import bulk_actions, proposals_for
from .selectors import (
    action_get_for,
    item_get_for,
    item_thread,
    item_viewers,
    queue_channels,
    queue_count_since,
    queue_neighbours,
    queue_page,
    saved_filter_get_for,
    saved_filters_for,
    sender_of,
)
from .services.outbox import CaptureIncomplete, action_request
from .services.outbox_people import CONFIRM_NOTE_MAX, action_confirm_manual, action_retry
from .services.presence import presence_touch
from .services.replies import ReplyHeld, ReplyRefused, reply_queue, reply_rules
from .services.workbench import (
    assignable_people,
    item_assign,
    saved_filter_delete,
    saved_filter_save,
)
from .truth import item_truths, truths_for


def _queue_filters(request, form: QueueFilterForm) -> dict:
    """The selector's keyword arguments from a valid filter form (none from an invalid one)."""
    data = form.cleaned_data if form.is_valid() else {}
    return {
        "channel_id": data.get("channel"),
        "kind": data.get("kind", ""),
        "status": data.get("status", ""),
        "flagged": bool(data.get("flagged")),
        "assigned_to_id": request.actor.pk if data.get("mine") else None,
        "text": data.get("q", ""),
    }


@person_required
def queue(request):
    """Items needing attention in the channels the person works in, as a list of rows."""
    actor = request.actor
    channels = list(queue_channels(actor))
    form = QueueFilterForm(request.GET or None, channels=channels)
    filters = _queue_filters(request, form)
    page = queue_page(
        actor,
        **filters,
        order=form.cleaned_data.get("order", "") if form.is_valid() else "",
        after=request.GET.get("after", "")[:200],
    )
    query = form.query_string() if form.is_valid() else ""
    proposals = proposals_for(page.items)
    truths = truths_for(page.items)
    for item in page.items:
        item.proposal = proposals.get(item.pk, "")  # type: ignore[attr-defined]
        # What is true on the platform: a failed hide reads "still visible", never "handled".
        item.truth = truths.get(item.pk)  # type: ignore[attr-defined]
    return render(
        request,
        "inbox/queue.html",
        {
            "form": form,
            "page": page,
            "channels": channels,
            "query": query,
            "bulk_actions": bulk_actions(),
            "saved_filters": list(saved_filters_for(actor)),
            "save_form": SavedFilterForm(),
            "since": timezone.now().isoformat(),
            "paged": bool(request.GET.get("after")),
        },
    )


@person_required
def queue_fresh(request):
    """The live notice: how many new items match the filters since the page was loaded.

    Polled by htmx every 15 seconds; answers 204 (nothing to swap, nothing re-announced)
    while the count is what the page already shows.
    """
    actor = request.actor
    form = QueueFilterForm(request.GET or None, channels=list(queue_channels(actor)))
    since = parse_datetime(request.GET.get("since", "")[:40]) if request.GET.get("since") else None
    if since is None or since.tzinfo is None:
        return HttpResponse(status=400)
    count = queue_count_since(actor, since, **_queue_filters(request, form))
    try:
        seen = int(request.GET.get("seen", "0")[:6])
    except ValueError:
        seen = 0
    if count == seen:
        return HttpResponse(status=204)
    query = form.query_string() if form.is_valid() else ""
    return render(
        request,
        "inbox/_queue_fresh.html",
        {"count": count, "query": query, "since": since.isoformat()},
    )


@require_POST
@person_required
def saved_filter_create(request):
    """Save the queue's current filters under a name, for this person only."""
    channels = list(queue_channels(request.actor))
    filters = QueueFilterForm(request.POST, channels=channels)
    named = SavedFilterForm(request.POST)
    if not (filters.is_valid() and named.is_valid()):
        messages.error(request, _("Give the filter a name of at most 80 characters."))
        return redirect(
            f"{reverse('inbox:queue')}?{filters.query_string() if filters.is_valid() else ''}"
        )
    try:
        saved_filter_save(
            actor=request.actor, name=named.cleaned_data["name"], query=filters.query_string()
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The filter was saved."))
    return redirect(f"{reverse('inbox:queue')}?{filters.query_string()}")


@require_POST
@person_required
def saved_filter_remove(request, saved_id: int):
    """Delete one of the person's own saved filters."""
    saved = saved_filter_get_for(request.actor, saved_id)
    saved_filter_delete(actor=request.actor, saved=saved)
    messages.success(request, _("The filter was deleted."))
    return redirect("inbox:queue")


@require_POST
@person_required
def item_assign_view(request, item_id: int):
    """Assign the item, or its whole thread, to a person with a mandate on the channel."""
    item = item_get_for(request.actor, item_id)
    people = list(assignable_people(item))
    form = AssignForm(request.POST, people=people)
    if not form.is_valid():
        messages.error(request, _("Choose a person who holds a mandate on this channel."))
        return redirect("inbox:item", item.pk)
    chosen = next((p for p in people if p.pk == form.cleaned_data["person"]), None)
    try:
        changed = item_assign(
            actor=request.actor,
            item=item,
            person=chosen,
            whole_thread=form.cleaned_data["thread"],
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if chosen is None:
            messages.success(request, _("The assignment was removed."))
        else:
            messages.success(
                request,
                ngettext(
                    "Assigned to %(name)s (%(count)s item).",
                    "Assigned to %(name)s (%(count)s items).",
                    changed,
                )
                % {"name": chosen.name, "count": changed},
            )
    return redirect("inbox:item", item.pk)


def _workbench(actor, item) -> dict:
    """The item page's workbench: assignment, previous and next in the queue, shortcuts."""
    people = list(assignable_people(item))
    previous, following = queue_neighbours(actor, item)
    return {
        "assign_form": AssignForm(initial={"person": item.assigned_to_id}, people=people),
        "queue_previous": previous,
        "queue_next": following,
    }


def _thread_start(request) -> int | None:
    raw = request.GET.get("trad", "")[:12]
    return int(raw) if raw.isdigit() else None


def _item_page(request, item, *, reply_form: ReplyForm | None = None, status: int = 200):
    """The item page; a refused reply comes back with its form bound, the text kept."""
    actor = request.actor
    connector = getattr(getattr(item.channel, "connection", None), "connector", None)
    panels = panels_for(item)
    saved = list(saved_replies_for(actor, item.channel)[:100])
    if reply_form is None:
        chosen = next((r for r in saved if str(r.pk) == request.GET.get("svar", "")), None)
        reply_form = ReplyForm(initial={"text": chosen.text} if chosen else None)
    return render(
        request,
        "inbox/item.html",
        {
            **panels.context,
            "panel_templates": panels.templates,
            "decided_elsewhere": panels.decided,
            "decided_here": panels.decided_shown,
            "item": item,
            "sender": sender_of(item),
            "thread": item_thread(item, _thread_start(request)),
            "versions": item.versions.all(),
            "attachments": item.attachments.all(),
            "actions": item.actions.order_by("-created_at")[:50],
            "options": action_options(connector),
            "reply_form": reply_form,
            "reply_rules": reply_rules(item.channel, actor.person),
            "saved_replies": saved,
            "action_form": ActionForm(),
            "platform_truths": item_truths(item),
            "viewers": item_viewers(request.actor, item),
            "confirm_note_max": CONFIRM_NOTE_MAX,
            **_workbench(request.actor, item),
        },
        status=status,
    )


@person_required
def item_detail(request, item_id: int):
    """One item: text as received, thread, earlier versions, outbox actions and what is possible."""
    item = item_get_for(request.actor, item_id)
    presence_touch(actor=request.actor, item=item)
    return _item_page(request, item)


@require_POST
@person_required
def action_try_again(request, item_id: int, action_id: int):
    """Queue a stuck action again: the same row and key, so never a second effect."""
    action = action_get_for(request.actor, item_id, action_id)
    try:
        action_retry(actor=request.actor, action=action)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Queued again; the platform is asked first where it can say."))
    return redirect("inbox:item", item_id)


@require_POST
@person_required
def action_confirm(request, item_id: int, action_id: int):
    """A person did the action by hand on the platform and confirms it."""
    action = action_get_for(request.actor, item_id, action_id)
    if request.POST.get("done_by_hand") != "yes":
        messages.error(request, _("Tick that you have done it on the platform before confirming."))
        return redirect("inbox:item", item_id)
    try:
        action_confirm_manual(
            actor=request.actor, action=action, note=request.POST.get("note", "")[:10_000]
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Recorded as done by hand on the platform."))
    return redirect("inbox:item", item_id)


@require_POST
@person_required
def presence_beat(request, item_id: int):
    """The page's heartbeat: still open; answers with who else has it open (a text fragment)."""
    item = item_get_for(request.actor, item_id)
    presence_touch(actor=request.actor, item=item)
    return render(request, "inbox/_viewers.html", {"viewers": item_viewers(request.actor, item)})


@require_POST
@person_required
def item_act(request, item_id: int, kind: str):
    """Queue an action on the item through the outbox."""
    item = item_get_for(request.actor, item_id)
    if kind not in ActionKind.values:
        raise NotFound
    if kind in decided_actions():
        # Removing content and blocking are decisions that cite a rule (R16), not bare clicks.
        messages.error(request, _("Hide, delete and block are decided in the decision form."))
        return redirect("inbox:item", item.pk)
    if kind == ActionKind.REPLY:
        return _reply(request, item)
    form = ActionForm(request.POST)
    params = {"reason": form.cleaned_data["reason"] if form.is_valid() else ""}
    if kind == ActionKind.BLOCK:
        params["author_platform_id"] = item.author.platform_id
    try:
        action_request(
            actor=request.actor, channel=item.channel, kind=kind, item=item, params=params
        )
    except CaptureIncomplete as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Queued: %(action)s.") % {"action": ActionKind(kind).label})
    return redirect("inbox:item", item.pk)


def _reply(request, item):
    """Check and queue a reply; a refused one shows the page again with the typed text kept."""
    form = ReplyForm(request.POST)
    if not form.is_valid():
        return _item_page(request, item, reply_form=form, status=400)
    try:
        queued = reply_queue(actor=request.actor, item=item, text=form.cleaned_data["text"])
    except ReplyRefused as exc:
        form.add_error("text", exc.message)
        return _item_page(request, item, reply_form=form, status=400)
    if isinstance(queued, ReplyHeld):
        messages.success(
            request, _("The reply waits for approval before it is sent; follow it there.")
        )
        return redirect(queued.url)
    messages.success(request, _("Queued: %(action)s.") % {"action": ActionKind.REPLY.label})
    return redirect("inbox:item", item.pk)
