"""Charts drawn once with ReportLab's graphics and rendered as SVG (page) or into the PDF.

One drawing serves both, so the page and the exported PDF show the same picture (ADR 0019).
The SVG is made accessible here: ``role="img"`` with a ``<title>`` and a ``<desc>``, and the
page shows the same numbers as a table beside it. ReportLab writes presentation as ``style``
attributes, which the site's Content Security Policy (``style-src 'self'``) would refuse; they
are turned into SVG presentation attributes, which the policy allows.
"""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from reportlab.graphics import renderSVG
from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors

from .report import Chart

#: Series colours, each at least 3:1 against white (WCAG 1.4.11), told apart by markers too.
PALETTE = ("#1f4e79", "#a34700", "#2e6b30", "#6a1b9a")
MARKERS = ("FilledCircle", "FilledSquare", "FilledDiamond", "FilledTriangle")
INK = colors.HexColor("#1b1f23")
#: At most this many category labels are written along the axis; the others are left out.
MAX_LABELS = 14

_STYLE = re.compile(r'\sstyle="([^"]*)"')
_PRESENTATION = frozenset(
    {
        "fill",
        "fill-opacity",
        "stroke",
        "stroke-width",
        "stroke-opacity",
        "stroke-linecap",
        "stroke-linejoin",
        "stroke-dasharray",
        "stroke-miterlimit",
        "font-family",
        "font-size",
        "font-weight",
        "text-anchor",
        "opacity",
    }
)


def chart_drawing(
    chart: Chart,
    *,
    width: float = 560,
    height: float = 300,
    font: str = "Helvetica",
    size: float = 12,
):
    """The chart as a ReportLab drawing, ready for SVG or for a PDF page."""
    drawing = Drawing(width, height)
    data = [list(s.values) or [0] for s in chart.series] or [[0]]
    plot = HorizontalLineChart() if chart.kind == "lines" else VerticalBarChart()
    plot.x, plot.y = 4 * size, 5 * size
    plot.width, plot.height = width - 5.5 * size, height - 8 * size
    plot.data = data
    plot.valueAxis.valueMin = 0
    top = max((max(row) for row in data if row), default=0)
    if top <= 0:
        plot.valueAxis.valueMax = 1
    names = list(chart.categories) or [""]
    step = max(1, -(-len(names) // MAX_LABELS))
    plot.categoryAxis.categoryNames = [n if i % step == 0 else "" for i, n in enumerate(names)]
    for axis in (plot.categoryAxis, plot.valueAxis):
        axis.labels.fontName = font
        axis.labels.fontSize = size
        axis.labels.fillColor = INK
        axis.strokeColor = INK
    if len(names) > 8:
        plot.categoryAxis.labels.angle = 45
        plot.categoryAxis.labels.boxAnchor = "ne"
    for i in range(len(data)):
        colour = colors.HexColor(PALETTE[i % len(PALETTE)])
        if chart.kind == "lines":
            plot.lines[i].strokeColor = colour
            plot.lines[i].strokeWidth = 2
            plot.lines[i].symbol = makeMarker(MARKERS[i % len(MARKERS)])
            plot.lines[i].symbol.fillColor = colour
            plot.lines[i].symbol.strokeColor = colour
        else:
            plot.bars[i].fillColor = colour
            plot.bars[i].strokeColor = colour
    drawing.add(plot)
    if len(chart.series) > 1:
        legend = Legend()
        legend.x, legend.y = 4 * size, height - size
        legend.alignment = "right"
        legend.columnMaximum = 1
        legend.deltax = 12 * size
        legend.fontName = font
        legend.fontSize = size
        legend.fillColor = INK
        legend.dx = legend.dy = 8
        legend.colorNamePairs = [
            (colors.HexColor(PALETTE[i % len(PALETTE)]), str(s.name))
            for i, s in enumerate(chart.series)
        ]
        legend.boxAnchor = "nw"
        drawing.add(legend)
    return drawing


def _as_attributes(match: re.Match) -> str:
    parts = []
    for declaration in match.group(1).split(";"):
        name, _sep, value = declaration.partition(":")
        name, value = name.strip().lower(), value.strip()
        if name in _PRESENTATION and value and '"' not in value:
            parts.append(f' {name}="{value}"')
    return "".join(parts)


def chart_svg(chart: Chart, ident: str) -> SafeString:
    """The chart as inline SVG with its title and description for assistive technology."""
    raw = renderSVG.drawToString(chart_drawing(chart))
    svg = raw[raw.index("<svg") :]
    svg = _STYLE.sub(_as_attributes, svg)
    # ReportLab's own empty title and description, and ids that would repeat per chart.
    svg = svg.replace("<title>...</title>", "").replace("<desc>...</desc>", "")
    svg = svg.replace('id="clip"', f'id="{ident}-clip"').replace(
        "url(#clip)", f"url(#{ident}-clip)"
    )
    svg = svg.replace('id="group"', "")
    # ReportLab names its own font; the page's font is used instead.
    svg = re.sub(r'font-family="[^"]*"', 'font-family="system-ui, sans-serif"', svg)
    title_id, desc_id = f"{ident}-title", f"{ident}-desc"
    head_end = svg.index(">") + 1
    opening = svg[:head_end]
    opening = re.sub(r'\s(width|height)="[^"]*"', "", opening)
    opening = opening.replace(
        "<svg",
        f'<svg role="img" aria-labelledby="{title_id} {desc_id}" class="chart"',
        1,
    )
    words = (
        f'<title id="{title_id}">{escape(str(chart.title))}</title>'
        f'<desc id="{desc_id}">{escape(str(chart.description))}</desc>'
    )
    return mark_safe(opening + words + svg[head_end:])  # noqa: S308 - drawn here, text escaped
