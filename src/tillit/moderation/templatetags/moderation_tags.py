"""Template helpers for moderation: the evidence highlighted in the text, safely escaped."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from ..choices import CATEGORY_LABELS, DETECTOR_LABELS

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

register = template.Library()


@register.filter
def category_label(code: str) -> StrOrPromise:
    """A detector category ("hate") as the reader's language names it."""
    return CATEGORY_LABELS.get(code, code)


@register.filter
def detector_label(code: str) -> StrOrPromise:
    """A detector ("lexicon") as the reader's language names it."""
    return DETECTOR_LABELS.get(code, code)


@register.filter
def highlight_findings(text: str, findings) -> str:
    """The text with each finding's span in <mark>, every piece escaped."""
    spans = sorted(
        {
            (int(f["start"]), int(f["end"]))
            for f in findings or []
            if 0 <= int(f["start"]) < int(f["end"]) <= len(text)
        }
    )
    pieces: list[str] = []
    pos = 0
    for start, end in spans:
        if start < pos:
            continue  # overlapping spans: the first one wins
        pieces.append(conditional_escape(text[pos:start]))
        pieces.append(f"<mark>{conditional_escape(text[start:end])}</mark>")
        pos = end
    pieces.append(conditional_escape(text[pos:]))
    return mark_safe("".join(str(p) for p in pieces).replace("\n", "<br>"))  # noqa: S308


@register.filter
def percent_sure(probability) -> str:
    """The model's probability as a whole percentage ("87 %"), or "–" when there is none."""
    if probability is None:
        return "–"
    try:
        value = float(probability)
    except (TypeError, ValueError):
        return "–"
    return f"{round(min(1.0, max(0.0, value)) * 100)} %"
