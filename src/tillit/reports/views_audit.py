"""The audit trail's pages: the trail filtered and paged, one object's history, the chain's
verification and the export of a period as CSV. Readers only (access_audit); everyone else
finds no such pages."""

import json
from collections.abc import Iterator

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tillit.access.decorators import person_required
from tillit.core.downloads import csv_stream_download
from tillit.core.exceptions import NotFound

from . import audit_labels as labels
from .audit_display import audit_rows, chain_status
from .forms_audit import AuditFilterForm, AuditPositionForm
from .selectors_audit import (
    EntryPage,
    audit_export_count,
    audit_export_entries,
    audit_latest_verification,
    audit_newest_seq,
    audit_object_history,
    audit_object_pages,
    audit_page,
    audit_people,
    audit_trail_for,
    audit_verification_running,
)
from .services_audit import VerifyRequest, audit_trail_exported, audit_trail_verify_request

#: Longest object kind and id the trail stores (AuditEntry's fields).
TYPE_LENGTH = 100
ID_LENGTH = 64


def _paging_query(request) -> str:
    """The page's query string without its position, for the links to other pages."""
    query = request.GET.copy()
    for name in ("before", "after"):
        query.pop(name, None)
    return query.urlencode()


def _rows(actor, page: EntryPage, *, with_detail: bool = False):
    objects = {(e.object_type, e.object_id) for e in page.entries}
    return audit_rows(page.entries, audit_object_pages(actor, objects), with_detail=with_detail)


def _list(request, form: AuditFilterForm, *, status: int = 200):
    """The trail's page for a bound or unbound filter form (rows only when it is valid)."""
    actor = request.actor
    page = None
    if not form.is_bound or form.is_valid():
        before, after = AuditPositionForm(request.GET).position()
        page = audit_page(actor, form.filters(), before=before, after=after)
    newest = audit_newest_seq(actor)
    context = {
        "form": form,
        "page": page,
        "rows": _rows(actor, page) if page else [],
        "filtered": bool(form.is_bound and form.is_valid() and form.recorded()),
        "export_fields": list(form.recorded().items()) if page else [],
        "paging_query": _paging_query(request),
        "status": chain_status(
            audit_latest_verification(actor),
            newest_seq=newest,
            running=audit_verification_running(actor),
        ),
        "newest_seq": newest,
    }
    return render(request, "reports/audit_list.html", context, status=status)


@person_required
def audit_entries(request):
    """The trail, newest first, filtered by who, what, object and period."""
    actor = request.actor
    audit_trail_for(actor)
    filters = {k: v for k, v in request.GET.items() if k not in ("before", "after")}
    form = AuditFilterForm(filters or None, people=audit_people(actor))
    return _list(request, form)


@person_required
def audit_object(request, object_type: str, object_id: str):
    """Every entry about one object, oldest first, with what each recorded."""
    actor = request.actor
    if len(object_type) > TYPE_LENGTH or len(object_id) > ID_LENGTH:
        raise NotFound
    before, after = AuditPositionForm(request.GET).position()
    page = audit_object_history(actor, object_type, object_id, before=before, after=after)
    own = audit_object_pages(actor, {(object_type, object_id)}).get((object_type, object_id))
    return render(
        request,
        "reports/audit_object.html",
        {
            "page": page,
            "rows": _rows(actor, page, with_detail=True),
            "object_type": object_type,
            "object_id": object_id,
            "kind": labels.object_type_label(object_type),
            "own_page": own,
            "paging_query": "",
        },
    )


@require_POST
@person_required
def audit_verify(request):
    """Start verifying the whole chain; the result is shown on the trail's page when done."""
    outcome = audit_trail_verify_request(actor=request.actor)
    if outcome == VerifyRequest.QUEUED:
        messages.success(
            request,
            _(
                "The chain is being verified. On a long trail this takes a while: the result "
                "appears under Chain status when it is done."
            ),
        )
    elif outcome == VerifyRequest.DONE:
        messages.success(request, _("The chain has been verified: see Chain status."))
    elif outcome == VerifyRequest.BUSY:
        messages.info(request, _("A verification is already under way."))
    else:
        messages.error(
            request, _("The verification could not be run. Try again, or ask the operator.")
        )
    return redirect("reports:audit_entries")


def _csv_header() -> list[str]:
    return [
        _("Number"),
        _("Time"),
        _("Who"),
        _("Person id"),
        _("Action code"),
        _("What"),
        _("Kind of object (code)"),
        _("Kind of object"),
        _("Object id"),
        _("Detail (JSON)"),
        _("Seal"),
        _("Previous seal"),
        _("Key id"),
    ]


def _csv_rows(entries) -> Iterator[list[object]]:
    for entry in entries:
        yield [
            entry.seq,
            timezone.localtime(entry.at).isoformat(timespec="microseconds"),
            entry.actor_label,
            "" if entry.actor_id is None else entry.actor_id,
            entry.action,
            labels.action_label(entry.action),
            entry.object_type,
            labels.object_type_label(entry.object_type),
            entry.object_id,
            json.dumps(entry.detail, ensure_ascii=False, sort_keys=True, default=str),
            entry.hash,
            entry.prev_hash,
            entry.key_id,
        ]


def _filename(recorded: dict[str, str]) -> str:
    start, end = recorded.get("date_from"), recorded.get("date_to")
    if start and end:
        return f"granskningslogg_{start}_{end}.csv"
    if start:
        return f"granskningslogg_fran_{start}.csv"
    if end:
        return f"granskningslogg_till_{end}.csv"
    return "granskningslogg.csv"


@require_POST
@person_required
def audit_export(request):
    """The filtered trail up to its newest entry as CSV, oldest first; the export is recorded.

    A POST, so that no other site can make a reader's browser record an export.
    """
    actor = request.actor
    audit_trail_for(actor)
    form = AuditFilterForm(request.POST, people=audit_people(actor))
    if not form.is_valid():
        return _list(request, form, status=400)
    filters = form.filters()
    through = audit_newest_seq(actor)
    recorded = form.recorded()
    audit_trail_exported(
        actor=actor,
        filters=recorded,
        through_seq=through,
        count=audit_export_count(actor, filters, through),
    )
    entries = audit_export_entries(actor, filters, through)
    return csv_stream_download(_filename(recorded), _csv_header(), _csv_rows(entries))
