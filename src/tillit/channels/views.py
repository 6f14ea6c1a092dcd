"""Views of the channel register: list and export, a channel with its steps, mandates, platforms."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tillit.access.decorators import person_required
from tillit.access.roles import Role
from tillit.core.downloads import csv_download
from tillit.core.exceptions import NotFound
from tillit.core.forms import apply_validation_errors
from tillit.organisation.selectors import departments

from . import services
from .choices import ChannelStatus
from .forms import ChannelForm, MandateForm, PlatformDecisionForm, SavedReplyForm, StepForm
from .permissions import can_edit, can_manage_mandates, can_manage_saved_replies
from .selectors import (
    channel_get_for,
    channels_filter,
    channels_visible_to,
    departments_creatable_by,
    mandate_of_channel,
    mandates_for_channel,
    platform_catalogue,
    platform_get,
    saved_replies_for,
    saved_reply_get_for,
)
from .services.lifecycle import TransitionRefused
from .services.saved_replies import saved_reply_create, saved_reply_delete, saved_reply_update
from .services.staffing import staffing_problems
from .workflow import TRANSITIONS, transitions_available


def _filters(request) -> dict:
    return {
        k: request.GET.get(k, "").strip()[:100] for k in ("department", "platform", "status", "q")
    }


@person_required
def register(request):
    """The register (R4): the person's department's channels, or all for organisation roles."""
    actor = request.actor
    filters = _filters(request)
    channels = channels_filter(channels_visible_to(actor), **filters)
    creatable = departments_creatable_by(actor)
    return render(
        request,
        "channels/register.html",
        {
            "channels": channels,
            "filters": filters,
            "departments": departments(),
            "platforms": platform_catalogue(),
            "statuses": ChannelStatus.choices,
            "can_create": bool(creatable),
        },
    )


@person_required
def register_csv(request):
    """The register as CSV, with the same filters as the page."""
    channels = channels_filter(channels_visible_to(request.actor), **_filters(request))
    header = [
        _("Id"),
        _("Name"),
        _("Platform"),
        _("Address"),
        _("Department"),
        _("Committee"),
        _("Status"),
        _("Purpose"),
        _("Staffing problem"),
    ]
    rows = (
        (
            c.public_id,
            c.name,
            c.platform.name,
            c.url,
            c.department.name,
            c.department.committee.name,
            c.get_status_display(),
            c.purpose,
            c.staffing_problem,
        )
        for c in channels
    )
    return csv_download("kanalregister.csv", header, rows)


@person_required
def channel_create(request):
    """Start a new channel with its plan."""
    actor = request.actor
    creatable = departments_creatable_by(actor)
    if not creatable:
        raise NotFound
    form = ChannelForm(request.POST or None, departments=creatable)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        department = data.pop("department")
        try:
            channel = services.channel_create(actor=request.actor, department=department, **data)
        except ValidationError as exc:
            apply_validation_errors(form, exc)
        else:
            messages.success(request, _("The channel was saved as a draft."))
            return redirect("channels:detail", channel.public_id)
    return render(request, "channels/form.html", {"form": form, "title": _("New channel")})


@person_required
def channel_edit(request, public_id):
    """Edit a channel's name, address and plan."""
    actor = request.actor
    channel = channel_get_for(actor, public_id)
    if not can_edit(actor, channel):
        raise NotFound
    form = ChannelForm(request.POST or None, instance=channel)
    if request.method == "POST" and form.is_valid():
        try:
            services.channel_update(actor=request.actor, channel=channel, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_errors(form, exc)
        else:
            messages.success(request, _("The channel was saved."))
            return redirect("channels:detail", channel.public_id)
    return render(
        request,
        "channels/form.html",
        {"form": form, "channel": channel, "title": _("Edit %(name)s") % {"name": channel.name}},
    )


@person_required
def channel_detail(request, public_id):
    """A channel: its plan, lifecycle, steps the person may take, and its mandates."""
    actor = request.actor
    channel = channel_get_for(actor, public_id)
    return render(
        request,
        "channels/detail.html",
        {
            "channel": channel,
            "steps": transitions_available(actor, channel),
            "events": channel.events.select_related("actor"),
            "mandates": mandates_for_channel(channel),
            "can_edit": can_edit(actor, channel),
            "can_manage_mandates": can_manage_mandates(actor, channel),
            "can_manage_saved_replies": can_manage_saved_replies(actor, channel),
            "staffing": staffing_problems(channel),
            "step_form": StepForm(),
        },
    )


@require_POST
@person_required
def channel_step(request, public_id, name):
    """Take one lifecycle step."""
    actor = request.actor
    channel = channel_get_for(actor, public_id)
    if name not in TRANSITIONS:
        raise NotFound
    form = StepForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    try:
        services.channel_transition(
            actor=request.actor, channel=channel, name=name, comment=comment
        )
    except TransitionRefused as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Done: %(step)s.") % {"step": TRANSITIONS[name].label})
    return redirect("channels:detail", channel.public_id)


@person_required
def mandate_grant(request, public_id):
    """Grant a mandate on the channel (managers only)."""
    actor = request.actor
    channel = channel_get_for(actor, public_id)
    if not can_manage_mandates(actor, channel):
        raise NotFound
    form = MandateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.mandate_grant(actor=request.actor, channel=channel, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_errors(form, exc)
        else:
            messages.success(request, _("The mandate was granted."))
            return redirect("channels:detail", channel.public_id)
    return render(request, "channels/mandate_form.html", {"form": form, "channel": channel})


@require_POST
@person_required
def mandate_revoke(request, public_id, mandate_id):
    """Revoke a mandate now."""
    actor = request.actor
    channel = channel_get_for(actor, public_id)
    mandate = mandate_of_channel(channel, mandate_id)
    services.mandate_revoke(actor=request.actor, mandate=mandate)
    messages.success(request, _("The mandate was revoked."))
    return redirect("channels:detail", channel.public_id)


@person_required
def platforms(request):
    """The platform catalogue and the organisation's decisions (R1)."""
    actor = request.actor
    return render(
        request,
        "channels/platforms.html",
        {
            "platforms": platform_catalogue(),
            "can_decide": actor.is_org_wide(Role.ORG_ADMIN),
        },
    )


@person_required
def platform_decide(request, slug):
    """Change the decision about a platform (organisation administrators)."""
    actor = request.actor
    if not actor.is_org_wide(Role.ORG_ADMIN):
        raise NotFound
    platform = platform_get(slug)
    form = PlatformDecisionForm(
        request.POST or None, initial={"decision": platform.decision, "reason": platform.reason}
    )
    if request.method == "POST" and form.is_valid():
        services.platform_decide(actor=request.actor, platform=platform, **form.cleaned_data)
        messages.success(request, _("The decision was recorded."))
        return redirect("channels:platforms")
    return render(request, "channels/platform_form.html", {"form": form, "platform": platform})


def _saved_replies_channel(request, public_id):
    """The channel whose saved replies the person manages; NotFound for anyone else."""
    channel = channel_get_for(request.actor, public_id)
    if not can_manage_saved_replies(request.actor, channel):
        raise NotFound
    return channel


@person_required
def saved_replies(request, public_id):
    """A channel's saved replies, and a form for a new one (the channel's administrators)."""
    channel = _saved_replies_channel(request, public_id)
    form = SavedReplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            saved_reply_create(actor=request.actor, channel=channel, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_errors(form, exc)
        else:
            messages.success(request, _("The saved reply was added."))
            return redirect("channels:saved_replies", channel.public_id)
    return render(
        request,
        "channels/saved_replies.html",
        {
            "channel": channel,
            "replies": saved_replies_for(request.actor, channel, "manage"),
            "form": form,
        },
    )


@person_required
def saved_reply_edit(request, public_id, reply_id):
    """Change one saved reply."""
    channel = _saved_replies_channel(request, public_id)
    reply = saved_reply_get_for(request.actor, channel, reply_id, "manage")
    form = SavedReplyForm(request.POST or None, initial={"title": reply.title, "text": reply.text})
    if request.method == "POST" and form.is_valid():
        try:
            saved_reply_update(actor=request.actor, reply=reply, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_errors(form, exc)
        else:
            messages.success(request, _("The saved reply was saved."))
            return redirect("channels:saved_replies", channel.public_id)
    return render(
        request,
        "channels/saved_reply_form.html",
        {"channel": channel, "reply": reply, "form": form},
    )


@require_POST
@person_required
def saved_reply_delete_view(request, public_id, reply_id):
    """Delete one saved reply."""
    channel = _saved_replies_channel(request, public_id)
    reply = saved_reply_get_for(request.actor, channel, reply_id, "manage")
    saved_reply_delete(actor=request.actor, reply=reply)
    messages.success(request, _("The saved reply was deleted."))
    return redirect("channels:saved_replies", channel.public_id)
