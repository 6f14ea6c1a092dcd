"""Template helpers for moderation: the evidence highlighted in the text, safely escaped."""

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from ..choices import CATEGORY_LABELS, DETECTOR_LABELS

register = template.Library()


@register.filter
def category_label(code: str) -> str:
    """A detector category ("hate") as the reader's language names it."""
    return CATEGORY_LABELS.get(code, code)


@register.filter
def detector_label(code: str) -> str:
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
    pieces, pos = [], 0
    for start, end in spans:
        if start < pos:
            continue  # overlapping spans: the first one wins
        pieces.append(conditional_escape(text[pos:start]))
        pieces.append(f"<mark>{conditional_escape(text[start:end])}</mark>")
        pos = end
    pieces.append(conditional_escape(text[pos:]))
    return mark_safe("".join(str(p) for p in pieces).replace("\n", "<br>"))  # noqa: S308
