"""Views of access requests, personal data requests, the block register and channel documents."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from tillit.access.decorators import person_required
from tillit.core.downloads import csv_download
from tillit.core.exceptions import NotFound
from tillit.core.sanitise import CSV_CONTENT_TYPE
from tillit.inbox.models import Item

from . import selectors as sel
from .forms import (
    AccessRequestForm,
    CloseForm,
    ErasureDecisionForm,
    GroundForm,
    MaskForm,
    PersonalRequestForm,
    SearchForm,
)
from .release import release_csv, release_pdf
from .services import access as svc
from .services.personal import (
    personal_export_recorded,
    personal_request_decide,
    personal_request_record,
)

ENTRY_PAGE = 100  # entries shown per page of a request; the release itself has them all


def _item_row(i: Item) -> list:
    return [
        i.pk,
        timezone.localtime(i.received_at).isoformat(),
        i.channel.name,
        i.get_kind_display(),
        i.author.display_name or i.author.handle or i.author.platform_id,
        i.text,
        i.permalink,
        _("hidden") if i.is_hidden else (_("deleted") if i.is_deleted else ""),
    ]


ITEM_HEADER = [
    gettext_lazy("Id"),
    gettext_lazy("Received"),
    gettext_lazy("Channel"),
    gettext_lazy("Kind"),
    gettext_lazy("Author as displayed"),
    gettext_lazy("Text"),
    gettext_lazy("Address"),
    gettext_lazy("Removed"),
]


@person_required
def channel_documents(request, channel_id: int):
    """A channel's public comments and posts, kept ordered (R19): searchable and exportable."""
    actor = request.actor
    channels = sel.documents_channels(actor)
    channel = channels.filter(pk=channel_id).first()
    if channel is None:
        raise NotFound
    form = SearchForm(request.GET or None, channels=channels.filter(pk=channel_id))
    filters = {**form.filters(), "channel_id": None}
    items = sel.channel_documents(
        actor, channel_id, **{k: v for k, v in filters.items() if k != "channel_id"}
    )
    if request.GET.get("format") == "csv":
        return csv_download(
            f"kanal-{channel.pk}-handlingar.csv",
            [str(h) for h in ITEM_HEADER],
            (_item_row(i) for i in items.iterator()),
        )
    query = request.GET.copy()
    query["format"] = "csv"
    return render(
        request,
        "records/documents.html",
        {"channel": channel, "form": form, "items": items[:200], "csv_query": query.urlencode()},
    )


@person_required
def access_requests(request):
    """Access requests, and a form to open one."""
    actor = request.actor
    reqs = sel.access_requests_for(actor)
    form = AccessRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        created = svc.access_request_open(actor=request.actor, **form.cleaned_data)
        messages.success(request, _("The request is open; what you select for it is held."))
        return redirect("records:access_request", request_id=created.pk)
    return render(request, "records/access_requests.html", {"requests": reqs[:200], "form": form})


@person_required
def access_request(request, request_id: int):
    """One request: search, select, mask, export and close."""
    actor = request.actor
    req = sel.access_request_get_for(actor, request_id)
    channels = sel.documents_channels(actor)
    searching = any(key != "after" for key in request.GET)
    search = SearchForm(request.GET if searching else None, channels=channels)
    results = (
        sel.request_search(actor, **search.filters())[:100]
        if searching and search.is_valid()
        else []
    )
    after = request.GET.get("after", "")
    entries = list(
        sel.access_request_entries(req, after=int(after) if after.isdigit() else 0)[
            : ENTRY_PAGE + 1
        ]
    )
    query = request.GET.copy()
    query.pop("after", None)
    return render(
        request,
        "records/access_request.html",
        {
            "req": req,
            "entries": entries[:ENTRY_PAGE],
            "entry_count": req.entries.count(),
            "next_after": entries[ENTRY_PAGE - 1].pk if len(entries) > ENTRY_PAGE else None,
            "query": query.urlencode(),
            "search": search,
            "results": results,
            "mask_form": MaskForm(),
            "ground_form": GroundForm(),
            "close_form": CloseForm(),
        },
    )


@require_POST
@person_required
def access_request_act(request, request_id: int, what: str):
    """Select items, mask, withhold or close, then back to the request."""
    actor = request.actor
    req = sel.access_request_get_for(actor, request_id)
    entry = None
    if request.POST.get("entry"):
        entry = sel.access_request_entry(req, request.POST["entry"])
    try:
        if what == "add":
            ids = [int(i) for i in request.POST.getlist("item") if i.isdigit()]
            items = sel.request_items(actor, ids)
            n = svc.access_request_add_items(actor=request.actor, request=req, items=items)
            messages.success(request, _("%(n)s documents selected and held.") % {"n": n})
        elif what == "mask" and entry:
            form = MaskForm(request.POST)
            if form.is_valid():
                svc.access_entry_mask_text(actor=request.actor, entry=entry, **form.cleaned_data)
                messages.success(request, _("Masked."))
            else:
                messages.error(request, _("Give the text to mask and the legal ground."))
        elif what == "withhold" and entry:
            ground_form = GroundForm(request.POST)
            if ground_form.is_valid():
                if request.POST.get("attachment"):
                    att = (
                        entry.item.attachments.filter(pk=request.POST["attachment"]).first()
                        if entry.item
                        else None
                    )
                    if att is None:
                        raise NotFound
                    svc.access_attachment_withhold(
                        actor=request.actor,
                        entry=entry,
                        attachment=att,
                        ground=ground_form.cleaned_data["ground"],
                    )
                else:
                    svc.access_entry_withhold(
                        actor=request.actor, entry=entry, ground=ground_form.cleaned_data["ground"]
                    )
                messages.success(request, _("Withheld."))
            else:
                messages.error(request, _("Give the legal ground."))
        elif what == "remove" and entry:
            svc.access_request_remove_item(actor=request.actor, entry=entry)
        elif what == "close":
            close_form = CloseForm(request.POST)
            if close_form.is_valid():
                svc.access_request_close(
                    actor=request.actor,
                    request=req,
                    outcome_note=close_form.cleaned_data["outcome_note"],
                )
                messages.success(request, _("The request is closed and its hold released."))
            else:
                messages.error(request, _("Describe the outcome."))
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    return redirect("records:access_request", request_id=req.pk)


@person_required
def access_request_export(request, request_id: int, fmt: str):
    """The release as PDF or CSV, masked; the export is audited."""
    actor = request.actor
    req = sel.access_request_get_for(actor, request_id)
    if fmt not in ("pdf", "csv"):
        raise NotFound
    svc.access_request_exported(actor=request.actor, request=req, fmt=fmt)
    if fmt == "pdf":
        response = HttpResponse(release_pdf(req), content_type="application/pdf")
    else:
        response = HttpResponse(release_csv(req), content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="utlamnande-{req.pk}.{fmt}"'
    return response


@person_required
def personal(request):
    """Find an author as displayed; list their requests."""
    actor = request.actor
    name = request.GET.get("name", "")[:200]
    return render(
        request,
        "records/personal.html",
        {
            "name": name,
            "authors": sel.authors_matching(actor, name),
            "requests": sel.personal_data_requests_for(actor)[:100],
        },
    )


@person_required
def personal_author(request, author_id: int):
    """Everything stored by one author, exportable; record a request about them."""
    actor = request.actor
    author = sel.author_get_for(actor, author_id)
    items = sel.author_items(actor, author)
    if request.GET.get("format") == "csv":
        personal_export_recorded(actor=request.actor, author=author, count=items.count())
        return csv_download(
            f"personuppgifter-{author.pk}.csv",
            [str(h) for h in ITEM_HEADER],
            (_item_row(i) for i in items),
        )
    form = PersonalRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        personal_request_record(
            actor=request.actor,
            author=author,
            kind=form.cleaned_data["kind"],
            note=form.cleaned_data["note"],
        )
        messages.success(request, _("The request is recorded."))
        return redirect("records:personal_author", author_id=author.pk)
    return render(
        request,
        "records/personal_author.html",
        {
            "author": author,
            "items": items,
            "form": form,
            "requests": author.data_requests.all(),
            "decide_form": ErasureDecisionForm(),
        },
    )


@require_POST
@person_required
def personal_decide(request, request_id: int):
    """Decide an erasure request against the archive duty."""
    actor = request.actor
    req = sel.personal_data_requests_for(actor).filter(pk=request_id).first()
    if req is None:
        raise NotFound
    form = ErasureDecisionForm(request.POST)
    if form.is_valid():
        try:
            personal_request_decide(actor=request.actor, request=req, **form.cleaned_data)
            messages.success(request, _("The decision is recorded."))
        except ValidationError as exc:
            messages.error(request, "; ".join(exc.messages))
    else:
        messages.error(request, _("Choose a decision and give the reason."))
    return (
        redirect("records:personal_author", author_id=req.author_id)
        if req.author_id
        else redirect("records:personal")
    )


@person_required
def blocks(request):
    """The block register (an official document), with CSV export."""
    rows = sel.block_register(request.actor)
    if request.GET.get("format") == "csv":
        return csv_download(
            "blockeringar.csv",
            [
                _("Channel"),
                _("Author as displayed"),
                _("Decided"),
                _("Decided by"),
                _("Rule"),
                _("Reason"),
                _("Earlier violations"),
                _("Review on"),
                _("Lifted"),
            ],
            (
                [
                    b.channel.name,
                    b.author.display_name or b.author.platform_id,
                    timezone.localtime(b.decision.decided_at).isoformat(),
                    b.decision.decided_by or _("automatic"),
                    b.decision.rule or "",
                    b.reason,
                    len(b.earlier_violations),
                    b.review_on.isoformat(),
                    timezone.localtime(b.lifted_at).isoformat() if b.lifted_at else "",
                ]
                for b in rows
            ),
        )
    return render(request, "records/blocks.html", {"blocks": rows[:500]})
