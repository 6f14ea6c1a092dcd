"""The report page and its PDF and CSV, and the compliance view (R23); read only."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _

from tillit.access.decorators import person_required
from tillit.access.roles import Role
from tillit.core.downloads import csv_download
from tillit.core.exceptions import NotFound
from tillit.organisation.selectors import organisation_get
from tillit.organisation.services import person_set_monthly_report

from .charts import chart_svg
from .compliance import COLUMNS, compliance_rows
from .exports import report_pdf, report_rows
from .forms import ReportForm
from .scopes import may_report_anything, reportable_channels, scope_choices, scope_for
from .selectors import report_build


def _report_for(request):
    """The report the query asks for, or the form with its errors (None for the report)."""
    actor = request.actor
    if not may_report_anything(actor):
        raise NotFound
    form = ReportForm(request.GET or None, actor=actor)
    if not request.GET or not form.is_valid() or form.period is None:
        return form, None
    scope = scope_for(actor, form.cleaned_data["scope"])
    return form, report_build(scope, form.period, notes=form.notes)


@person_required
def report_page(request):
    """Choose a scope and a period; the report with charts, tables and downloads."""
    form, report = _report_for(request)
    charts = {}
    if report is not None:
        for section in report.sections:
            for chart in section.charts:
                charts[chart.key] = chart_svg(chart, f"chart-{chart.key}")
    return render(
        request,
        "reports/report.html",
        {"form": form, "report": report, "charts": charts, "query": request.GET.urlencode()},
    )


def _filename(report, extension: str) -> str:
    name = slugify(f"uppfoljning-{report.scope.label}-{report.period.start}-{report.period.end}")
    return f"{name[:120] or 'uppfoljning'}.{extension}"


@person_required
def report_download(request, fmt: str):
    """The chosen report as PDF or CSV; the same figures as the page."""
    form, report = _report_for(request)
    if report is None:
        raise NotFound
    if fmt == "csv":
        response = csv_download(_filename(report, "csv"), *report_rows(report))
    else:
        organisation = getattr(organisation_get(), "name", "")
        response = HttpResponse(
            report_pdf(report, organisation=organisation), content_type="application/pdf"
        )
        response["Content-Disposition"] = f'attachment; filename="{_filename(report, "pdf")}"'
    response["Cache-Control"] = "private, no-store"
    return response


@person_required
def compliance_page(request):
    """Every running channel against the guideline, now; each cell links to what to do."""
    actor = request.actor
    code = request.GET.get("scope", "")
    if not may_report_anything(actor):
        raise NotFound
    choices = [c for c in scope_choices(actor) if not c[0].startswith("channel:")]
    if not code:
        code = choices[0][0] if choices else ""
    if not code:
        # Someone who works channels but no department: their own channels.
        scope = None
        rows = compliance_rows(reportable_channels(actor))
    else:
        scope = scope_for(actor, code)
        rows = compliance_rows(scope.channels())
    return render(
        request,
        "reports/compliance.html",
        {
            "rows": rows,
            "columns": COLUMNS,
            "scope": scope,
            "choices": choices,
            "chosen": code,
            "short": sum(1 for r in rows if r.problems),
        },
    )


@person_required
def monthly_report_settings(request):
    """Whether one gets the monthly follow-up report by e-mail (managers get it by default)."""
    person = request.person
    if request.method == "POST":
        wanted = request.POST.get("monthly_report") == "on"
        person_set_monthly_report(actor=request.actor, person=person, wanted=wanted)
        messages.success(
            request,
            _("You will get the monthly report by e-mail.")
            if wanted
            else _("You will no longer get the monthly report by e-mail."),
        )
        return redirect("reports:monthly")
    return render(
        request,
        "reports/monthly.html",
        {"wanted": person.monthly_report, "manages": request.actor.departments(Role.MANAGER)},
    )
