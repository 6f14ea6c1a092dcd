"""A report as CSV (for a spreadsheet), JSON (for another system) and PDF (for the board).

Each reads the same ``Report``. The CSV is one table with the same columns on every row, so
it can be filtered and pivoted: UTF-8 with a BOM, semicolons and decimal commas as Swedish
Excel expects, every cell neutralised against formulas (``core.sanitise``). The PDF embeds
its font and draws the same charts as the page (``charts.chart_drawing``).
"""

from __future__ import annotations

import io
from typing import Any

from django.utils import timezone
from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from tillit.core.messages import shown_text
from tillit.core.pdf import pdf_fonts
from tillit.core.sanitise import csv_text, pdf_text

from .charts import chart_drawing
from .report import COUNT, DAYS, HOURS, SHARE, Figure, Report

UNITS = {COUNT: "", HOURS: "h", SHARE: "%", DAYS: "d"}


def number(value: Any, *, decimal: str | None = None) -> str:
    """A figure for a person: localised, '–' when there is nothing to measure."""
    if value is None:
        return "–"
    if isinstance(value, float):
        text = number_format(value, decimal_pos=1, use_l10n=True)
        return text.replace(".", decimal) if decimal else text
    return str(value)


def _unit(figure: Figure) -> str:
    return {COUNT: _("count"), HOURS: _("hours"), SHARE: _("per cent"), DAYS: _("days")}.get(
        figure.unit, ""
    )


def report_rows(report: Report) -> tuple[list[str], list[list[str]]]:
    """The header and rows of the report as one flat table (CSV and tests)."""
    header = [
        _("Report covers"),
        _("Period"),
        _("Section"),
        _("Measure"),
        _("This period"),
        _("Previous period"),
        _("Change from before"),
        _("Unit"),
    ]
    scope, period = str(report.scope.label), str(report.period)
    rows: list[list[str]] = []
    for section in report.sections:
        for f in section.figures:
            rows.append(
                [
                    scope,
                    period,
                    str(section.title),
                    str(f.label),
                    _csv_number(f.current),
                    _csv_number(f.previous),
                    _csv_number(f.change),
                    _unit(f),
                ]
            )
        for table in section.tables:
            labels = [str(h) for h in table.header]
            for row in table.rows:
                text = [str(v) for v in row if not isinstance(v, int | float)]
                numbers = [(labels[i], v) for i, v in enumerate(row) if isinstance(v, int | float)]
                for label, value in numbers:
                    measure = " – ".join([*text, label])
                    rows.append(
                        [
                            scope,
                            period,
                            str(table.title),
                            measure,
                            _csv_number(value),
                            "",
                            "",
                            _("count"),
                        ]
                    )
    return header, rows


def _csv_number(value: Any) -> str:
    # Swedish Excel reads "12,5" as a number and "12.5" as text or a date.
    return (
        ""
        if value is None
        else number(value, decimal=",")
        if isinstance(value, float)
        else str(value)
    )


def report_csv(report: Report) -> str:
    """The report as CSV text (BOM, semicolons, neutralised cells)."""
    header, rows = report_rows(report)
    return csv_text(header, rows)


def report_json(report: Report) -> dict:
    """The report as plain data for another system (the language of the labels is active one)."""
    return {
        "scope": report.scope.code,
        "scope_label": str(report.scope.label),
        "period": {"from": report.period.start.isoformat(), "to": report.period.end.isoformat()},
        "previous": {
            "from": report.previous.start.isoformat(),
            "to": report.previous.end.isoformat(),
        },
        "generated_at": report.generated_at.isoformat(),
        "notes": [shown_text(n, html=False) for n in report.notes],
        "sections": [
            {
                "key": s.key,
                "title": str(s.title),
                "figures": [
                    {
                        "key": f.key,
                        "label": str(f.label),
                        "current": f.current,
                        "previous": f.previous,
                        "unit": f.unit,
                    }
                    for f in s.figures
                ],
                "tables": [
                    {
                        "key": t.key,
                        "title": str(t.title),
                        "header": [str(h) for h in t.header],
                        "rows": [
                            [v if isinstance(v, int | float) else str(v) for v in r] for r in t.rows
                        ],
                    }
                    for t in s.tables
                ],
                "charts": [
                    {
                        "key": c.key,
                        "title": str(c.title),
                        "categories": list(c.categories),
                        "series": [
                            {"name": str(x.name), "values": list(x.values)} for x in c.series
                        ],
                    }
                    for c in s.charts
                ],
                "notes": [shown_text(n, html=False) for n in s.notes],
            }
            for s in report.sections
        ],
    }


def _p(text: Any, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(pdf_text(text)).replace("\n", "<br/>"), style)


def report_pdf(report: Report, *, organisation: str = "") -> bytes:
    """The report as an A4 PDF with its charts, in the embedded font."""
    regular, bold = pdf_fonts()
    body = ParagraphStyle("body", fontName=regular, fontSize=9.5, leading=13)
    small = ParagraphStyle("small", parent=body, fontSize=8, leading=11)
    h1 = ParagraphStyle("h1", fontName=bold, fontSize=16, leading=20, spaceAfter=4)
    h2 = ParagraphStyle(
        "h2", fontName=bold, fontSize=12.5, leading=16, spaceBefore=10, spaceAfter=4
    )
    cell = ParagraphStyle("cell", parent=body, fontSize=8.5, leading=11)
    title = _("Follow-up report: %(scope)s") % {"scope": report.scope.label}
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=16 * mm,
        bottomMargin=16 * mm,
        title=pdf_text(title),
        author=pdf_text(organisation or "Tillit"),
        subject=pdf_text(_("Period %(period)s") % {"period": report.period}),
        creator="Tillit",
        lang=(get_language() or "sv").split("-")[0],
    )
    made = timezone.localtime(report.generated_at).strftime("%Y-%m-%d %H:%M")
    story: list[Any] = [
        _p(title, h1),
        _p(
            _("Period %(period)s, compared with %(previous)s. Made %(made)s.")
            % {"period": report.period, "previous": report.previous, "made": made},
            body,
        ),
    ]
    story += [_p(shown_text(n, html=False), small) for n in report.notes]
    width = doc.width
    for section in report.sections:
        block: list[Any] = [_p(section.title, h2)]
        if section.figures:
            data = [
                [
                    _p(x, cell)
                    for x in (
                        _("Measure"),
                        _("This period"),
                        _("Previous period"),
                        _("Change from before"),
                    )
                ]
            ]
            for f in section.figures:
                unit = UNITS.get(f.unit, "")
                data.append(
                    [
                        _p(f.label, cell),
                        _p(f"{number(f.current)} {unit}".strip(), cell),
                        _p(
                            f"{number(f.previous)} {unit}".strip()
                            if f.previous is not None
                            else "",
                            cell,
                        ),
                        _p(_signed(f.change), cell),
                    ]
                )
            block.append(_table(data, [width * 0.52, width * 0.16, width * 0.16, width * 0.16]))
        story.append(KeepTogether(block))
        for chart in section.charts:
            story.append(Spacer(1, 6))
            story.append(_p(chart.title, body))
            story.append(chart_drawing(chart, width=width, height=200, font=regular, size=8))
        for table in section.tables:
            if not table.rows:
                continue
            story.append(Spacer(1, 6))
            story.append(_p(table.title, body))
            data = [[_p(h, cell) for h in table.header]]
            data += [
                [_p(number(v) if isinstance(v, int | float) else v, cell) for v in row]
                for row in table.rows
            ]
            story.append(_table(data, [width / len(table.header)] * len(table.header)))
        story += [_p(shown_text(n, html=False), small) for n in section.notes]
    doc.build(story)
    return buffer.getvalue()


def _signed(value: Any) -> str:
    if value is None:
        return ""
    text = number(round(value, 1) if isinstance(value, float) else value)
    return f"+{text}" if value > 0 else text


def _table(data: list, widths: list[float]) -> Table:
    table = Table(data, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#f3f5f7")),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.HexColor("#c9ced4")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table
