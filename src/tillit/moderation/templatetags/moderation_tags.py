"""Template helpers for moderation: the evidence highlighted in the text, safely escaped."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import template
from django.utils.html import conditional_escape, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from ..choices import CATEGORY_LABELS, DETECTOR_LABELS, SUBTYPE_LABELS, rule_name

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

register = template.Library()


@register.filter
def category_label(code: str) -> StrOrPromise:
    """A detector category ("hate") as the reader's language names it."""
    return CATEGORY_LABELS.get(code, _("other content"))


@register.filter
def detector_label(code: str) -> StrOrPromise:
    """A detector ("lexicon") as the reader's language names it."""
    return DETECTOR_LABELS.get(code, _("other check"))


@register.filter
def language_label(code: str) -> StrOrPromise:
    """The detected language ("sv", "en", "other") by its name in the reader's language."""
    from django.utils.translation import get_language_info

    try:
        return get_language_info(str(code or ""))["name_translated"]
    except KeyError:
        return _("another language")


@register.filter
def subtype_label(code: str) -> StrOrPromise:
    """A finding's subtype ("olaga_hot") by name; "" where it has none (a word-list word)."""
    return SUBTYPE_LABELS.get(code or "", "")


@register.filter
def rule_label(code: str) -> str:
    """A guideline letter with its name first: "Förolämpningar … (R13a)"."""
    return rule_name(code)


@register.filter
def rule_labels(codes) -> str:
    """Several guideline letters, each named (``rule_label``), separated by semicolons."""
    return format_html_join("; ", "{}", ((rule_label(c),) for c in codes or []))


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
