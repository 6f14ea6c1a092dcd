"""Views of publishing: the list, the composer, a post's page, the calendar, the rules."""

from __future__ import annotations

import calendar as cal
from datetime import date, datetime, timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tillit.access.decorators import person_required
from tillit.access.queryset import allows
from tillit.channels.selectors import channels_visible_to
from tillit.channels.services.signature import SignatureMissing, signature_for
from tillit.core.exceptions import NotFound
from tillit.inbox.choices import RETRY_FROM
from tillit.inbox.services.outbox_people import action_retry
from tillit.inbox.services.replies import channel_text_limit

from .checks import CheckFinding
from .choices import EDITABLE_STATES, PostState, Verdict
from .forms import MoveDayForm, OverrideForm, PostForm, RescheduleForm, ReviewForm, RuleForm
from .models import CheckRule
from .selectors import (
    calendar_posts,
    may_approve,
    may_override,
    post_get_for,
    post_image_get_for,
    post_image_public,
    posts_awaiting,
    posts_for,
    rules_for,
    when_of,
    writable_channels,
)
from .services import posts as svc
from .services import review
from .services.evaluate import CATEGORY_LABELS, connector_class_of
from .services.rules import check_rule_add, check_rule_remove


@person_required
def post_list(request):
    """Posts waiting for me, my drafts, what is scheduled, failed and published."""
    actor = request.actor
    visible = posts_for(actor)
    return render(
        request,
        "publishing/list.html",
        {
            "awaiting": posts_awaiting(actor),
            "drafts": visible.filter(
                author_id=actor.pk, state__in=[PostState.DRAFT, PostState.HELD]
            ),
            "scheduled": visible.filter(state__in=[PostState.PENDING, PostState.APPROVED]).order_by(
                "scheduled_at"
            ),
            "failed": visible.filter(state=PostState.FAILED),
            "published": visible.filter(
                state__in=[PostState.PUBLISHING, PostState.PUBLISHED]
            ).order_by("-published_at")[:30],
            "can_write": writable_channels(actor).exists(),
        },
    )


def _draft_from(form: PostForm, request) -> svc.Draft:
    data = form.cleaned_data
    new = []
    if data.get("image"):
        new.append((data["image"], data.get("image_alt", "")))
    alts, remove = {}, set()
    for key, value in request.POST.items():
        if key.startswith("alt_") and key[4:].isdigit():
            alts[int(key[4:])] = value
        if key.startswith("remove_") and key[7:].isdigit():
            remove.add(int(key[7:]))
    return svc.Draft(
        text=data.get("text", ""),
        link=data.get("link", ""),
        channel_ids=list(data.get("channels") or []),
        scheduled_at=data.get("scheduled_at"),
        new_images=new,
        alt_texts=alts,
        remove_images=remove,
    )


@person_required
def compose(request, post_id: int | None = None):
    """Write or change a post; save it as a draft or submit it for the check and approval."""
    actor = request.actor
    post = post_get_for(actor, post_id) if post_id else None
    if post is not None and (post.author_id != actor.pk or post.state not in EDITABLE_STATES):
        return redirect("publishing:detail", post_id=post.pk)
    channels = list(writable_channels(actor))
    initial = {}
    if post is not None:
        initial = {
            "text": post.text,
            "link": post.link,
            "channels": [t.channel_id for t in post.targets.all()],
            "scheduled_at": timezone.localtime(post.scheduled_at) if post.scheduled_at else None,
            "version": post.version,
        }
    form = PostForm(request.POST or None, request.FILES or None, initial=initial, channels=channels)
    if request.method == "POST" and form.is_valid():
        try:
            post = svc.post_save(
                actor=actor,
                draft=_draft_from(form, request),
                post=post,
                expected_version=form.cleaned_data.get("version") if post else None,
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        except svc.PublishingRefused as exc:
            form.add_error(None, exc.message)
        else:
            if "submit" in request.POST:
                return _submit(request, post)
            messages.success(request, _("The draft is saved."))
            if "preview" in request.POST:
                return redirect("publishing:detail", post_id=post.pk)
            return redirect("publishing:edit", post_id=post.pk)
    return render(
        request,
        "publishing/compose.html",
        {
            "form": form,
            "post": post,
            "channels": channels,
            "limits": _limits(channels, actor.person),
        },
    )


def _limits(channels, person) -> list[dict]:
    """Each channel's limits and the author's signature there, for the live counter."""
    out = []
    for channel in channels:
        _connection, cls = connector_class_of(channel)
        limit = channel_text_limit(channel)
        try:
            signature = signature_for(channel, person).text
        except SignatureMissing as exc:
            signature, problem = "", exc.message
        else:
            problem = ""
        out.append(
            {
                "id": channel.pk,
                "name": channel.name,
                "limit": limit.post,
                "graphemes": limit.graphemes,
                "link_length": limit.link_length,
                "needs_media": bool(cls and cls.post_rules.needs_media),
                "link_card": bool(cls and cls.link_card),
                "signature": signature,
                "signature_problem": problem,
                "platform": channel.platform.name,
            }
        )
    return out


def _submit(request, post):
    try:
        post = svc.post_submit(actor=request.actor, post=post)
    except svc.PublishingRefused as exc:
        messages.error(request, exc.message)
        return redirect("publishing:detail", post_id=post.pk)
    if post.state == PostState.PENDING:
        messages.success(request, _("The post passed the check and waits for approval."))
    else:
        messages.success(request, _("The post passed the check and is scheduled."))
    return redirect("publishing:detail", post_id=post.pk)


@require_POST
@person_required
def autosave(request, post_id: int | None = None):
    """Keep what is typed every few seconds (text, link, channels); answers JSON."""
    actor = request.actor
    post = post_get_for(actor, post_id) if post_id else None
    form = PostForm(request.POST, channels=list(writable_channels(actor)))
    if not form.is_valid():
        return JsonResponse({"saved": False, "error": _("Not saved: check the form.")}, status=400)
    try:
        post = svc.post_save(
            actor=actor,
            draft=_draft_from(form, request),
            post=post,
            expected_version=form.cleaned_data.get("version") if post else None,
            autosave=True,
        )
    except (ValidationError, svc.PublishingRefused) as exc:
        message = exc.message if isinstance(exc, svc.PublishingRefused) else " ".join(exc.messages)
        return JsonResponse({"saved": False, "error": message}, status=409)
    return JsonResponse(
        {
            "saved": True,
            "id": post.pk,
            "version": post.version,
            "edit_url": f"/publicera/{post.pk}/skriv/",
            "autosave_url": f"/publicera/{post.pk}/autospara/",
            "at": timezone.localtime().strftime("%H:%M:%S"),
        }
    )


def _segments(text: str, findings: list[CheckFinding]) -> list[tuple[str, CheckFinding | None]]:
    """The text cut into plain runs and highlighted findings (for the evidence view)."""
    out: list[tuple[str, CheckFinding | None]] = []
    pos = 0
    for f in sorted(
        (f for f in findings if not f.where and f.end > f.start), key=lambda f: f.start
    ):
        if f.start < pos:
            continue
        out.append((text[pos : f.start], None))
        out.append((text[f.start : f.end], f))
        pos = f.end
    out.append((text[pos:], None))
    return [(t, f) for t, f in out if t]


@person_required
def post_detail(request, post_id: int):
    """A post: preview per channel, what the check finds, approvals, exceptions, outcome."""
    actor = request.actor
    post = post_get_for(actor, post_id)
    evaluation = svc.post_evaluate(post)
    findings = list(evaluation.findings)
    is_author = post.author_id == actor.pk
    can_review = post.state == PostState.PENDING and may_approve(actor, post)
    can_override = (
        bool(evaluation.blocked_by) and may_override(actor, post) and post.state in EDITABLE_STATES
    )
    retryable = [t for t in post.targets.all() if t.action and t.action.state in RETRY_FROM]
    return render(
        request,
        "publishing/detail.html",
        {
            "post": post,
            "evaluation": evaluation,
            "segments": _segments(post.text, findings),
            "findings": [
                (f, CATEGORY_LABELS.get(f.category, f.category), f.key in evaluation.overridden)
                for f in findings
            ],
            "reasons": evaluation.reasons(),
            "state_detail": post.state_detail,
            "is_author": is_author,
            "can_edit": is_author and post.state in EDITABLE_STATES,
            "can_submit": is_author and post.state in (PostState.DRAFT, PostState.HELD),
            "can_cancel": (is_author or may_override(actor, post))
            and post.state in EDITABLE_STATES,
            "can_review": can_review,
            "review_form": ReviewForm(
                initial={"version": post.version, "verdict": Verdict.APPROVED}
            )
            if can_review
            else None,
            "override_form": OverrideForm(initial={"version": post.version})
            if can_override
            else None,
            "can_ask": is_author and bool(evaluation.blocked_by) and post.state in EDITABLE_STATES,
            "reschedule_form": RescheduleForm(
                initial={
                    "scheduled_at": timezone.localtime(post.scheduled_at)
                    if post.scheduled_at
                    else None
                }
            )
            if is_author and post.state in EDITABLE_STATES
            else None,
            "move_form": MoveDayForm(initial={"day": timezone.localdate(post.scheduled_at)})
            if post.scheduled_at and is_author and post.state in EDITABLE_STATES
            else None,
            "deletable": [
                t
                for t in post.targets.all()
                if t.item is not None
                and not t.item.is_deleted
                and (is_author or actor.is_administrator_of(t.channel))
            ],
            "retryable": retryable
            if (
                is_author
                or may_override(actor, post)
                or any(actor.is_administrator_of(t.channel) for t in retryable)
            )
            else [],
            "reviews": post.reviews.select_related("reviewer"),
            "overrides": post.overrides.select_related("person"),
            "checks": post.checks.all()[:10],
        },
    )


@require_POST
@person_required
def post_step(request, post_id: int):
    """Submit, approve or send back, make an exception, ask for one, move, cancel, retry."""
    actor = request.actor
    post = post_get_for(actor, post_id)
    step = request.POST.get("step", "")
    try:
        if step == "submit":
            return _submit(request, post)
        if step == "review":
            form = ReviewForm(request.POST)
            if not form.is_valid():
                raise svc.PublishingRefused(_("Choose approve, send back or reject."))
            data = form.cleaned_data
            review.post_review(
                actor=actor,
                post=post,
                verdict=data["verdict"],
                comment=data["comment"],
                expected_version=data["version"],
            )
            messages.success(request, _("Your decision is recorded."))
        elif step == "override":
            override_form = OverrideForm(request.POST)
            if not override_form.is_valid():
                raise svc.PublishingRefused(_("Write why the post may go out anyway."))
            review.post_override(
                actor=actor,
                post=post,
                reason=override_form.cleaned_data["reason"],
                expected_version=override_form.cleaned_data["version"],
            )
            messages.success(
                request, _("The exception is recorded; the author can submit the post.")
            )
        elif step == "ask":
            count = review.post_ask_exception(
                actor=actor, post=post, note=request.POST.get("note", "")
            )
            messages.success(
                request, _("Asked %(count)s people who may make an exception.") % {"count": count}
            )
        elif step == "reschedule":
            move_form = RescheduleForm(request.POST)
            if not move_form.is_valid():
                raise svc.PublishingRefused(_("Enter the date and time as YYYY-MM-DD HH:MM."))
            svc.post_reschedule(actor=actor, post=post, when=move_form.cleaned_data["scheduled_at"])
            messages.success(request, _("The post is moved."))
        elif step == "move_day":
            day_form = MoveDayForm(request.POST)
            if not day_form.is_valid():
                raise svc.PublishingRefused(_("Enter the day as YYYY-MM-DD."))
            svc.post_move_to_day(actor=actor, post=post, day=day_form.cleaned_data["day"])
            messages.success(request, _("The post is moved."))
        elif step == "delete":
            target = _target_of(post, request)
            if not actor.is_administrator_of(target.channel) and post.author_id != actor.pk:
                raise NotFound
            svc.post_target_delete(actor=actor, target=target)
            messages.success(
                request,
                _("Deleting the post on %(channel)s is queued.") % {"channel": target.channel.name},
            )
        elif step == "cancel":
            svc.post_cancel(actor=actor, post=post)
            messages.success(request, _("The post is cancelled; it is kept for the record."))
        elif step == "retry":
            target = _target_of(post, request)
            if target.action is None:
                raise NotFound
            if not (
                post.author_id == actor.pk
                or actor.is_administrator_of(target.channel)
                or may_override(actor, post)
            ):
                raise NotFound
            action_retry(actor=actor, action=target.action)
            messages.success(
                request,
                _("Publishing on %(channel)s is tried again.") % {"channel": target.channel.name},
            )
        else:
            raise NotFound
    except svc.PublishingRefused as exc:
        messages.error(request, exc.message)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("publishing:detail", post_id=post.pk)


def _target_of(post, request):
    target = next((t for t in post.targets.all() if str(t.pk) == request.POST.get("target")), None)
    if target is None:
        raise NotFound
    return target


def _month_weeks(day: date) -> list[list[date]]:
    return cal.Calendar(firstweekday=0).monthdatescalendar(day.year, day.month)


@person_required
def calendar(request):
    """Month, week and list views of scheduled and published posts (no JavaScript needed)."""
    actor = request.actor
    view = request.GET.get("vy", "manad")
    if view not in ("manad", "vecka", "lista"):
        view = "manad"
    try:
        day = date.fromisoformat(request.GET.get("datum", ""))
    except ValueError:
        day = timezone.localdate()
    if view == "manad":
        weeks = _month_weeks(day)
        start, end = weeks[0][0], weeks[-1][-1]
        prev_day = (day.replace(day=1) - timedelta(days=1)).replace(day=1)
        next_day = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    elif view == "vecka":
        start = day - timedelta(days=day.weekday())
        end = start + timedelta(days=6)
        weeks = [[start + timedelta(days=i) for i in range(7)]]
        prev_day, next_day = start - timedelta(days=7), start + timedelta(days=7)
    else:
        start, end = day, day + timedelta(days=30)
        weeks = []
        prev_day, next_day = day - timedelta(days=30), day + timedelta(days=30)

    def _int(name):
        value = request.GET.get(name, "")
        return int(value) if value.isdigit() else None

    channel, department = _int("kanal"), _int("forvaltning")
    posts = calendar_posts(actor, start, end, channel=channel, department=department)
    by_day: dict[date, list] = {}
    for post in posts:
        by_day.setdefault(timezone.localdate(when_of(post)), []).append(post)
    visible_channels = list(channels_visible_to(actor))
    return render(
        request,
        "publishing/calendar.html",
        {
            "view": view,
            "day": day,
            "start": start,
            "end": end,
            "weeks": [[(d, by_day.get(d, [])) for d in week] for week in weeks],
            "posts": posts,
            "prev_day": prev_day,
            "next_day": next_day,
            "today": timezone.localdate(),
            "channels": visible_channels,
            "departments": sorted({c.department for c in visible_channels}, key=lambda d: d.name),
            "channel": channel,
            "department": department,
            "month_name": _month_label(day),
        },
    )


def _month_label(day: date) -> str:
    from django.utils.dateformat import format as date_format

    return date_format(datetime(day.year, day.month, 1), "F Y")


@person_required
def rules(request):
    """The organisation's check rules: markers, patterns, protected names, own contacts."""
    actor = request.actor
    # The rule's own answer decides, as on every other page (not found for anyone else).
    if not allows(actor, "view", CheckRule()):
        raise NotFound
    rows = rules_for(actor)
    can_manage = allows(actor, "manage", CheckRule())
    form = RuleForm(request.POST or None) if can_manage else None
    if request.method == "POST" and can_manage:
        if "remove" in request.POST and request.POST["remove"].isdigit():
            check_rule_remove(actor=actor, rule_id=int(request.POST["remove"]))
            messages.success(request, _("The rule is removed."))
            return redirect("publishing:rules")
        if form is not None and form.is_valid():
            try:
                check_rule_add(actor=actor, **form.cleaned_data)
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(request, _("The rule is added."))
                return redirect("publishing:rules")
    return render(
        request,
        "publishing/rules.html",
        {"rules": rows.filter(active=True), "form": form, "can_manage": can_manage},
    )


def public_image(request, token):
    """An image of a post being published, for platforms that fetch it (Instagram)."""
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    found = post_image_public(token)
    if found is None:
        raise Http404
    _post, image = found
    return FileResponse(image.file.open("rb"), content_type=image.media_type)


@person_required
def image_file(request, image_id: int):
    """An image of a post the person may see (the composer's and approver's preview)."""
    image = post_image_get_for(request.actor, image_id)
    return FileResponse(image.file.open("rb"), content_type=image.media_type)
