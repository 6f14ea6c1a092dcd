"""Figures for a person: localised numbers with their unit, and the change since before."""

from django import template

from ..exports import UNITS, number

register = template.Library()


@register.filter
def figure_value(value, unit: str = "") -> str:
    """A figure with its unit ("12,5 h", "87,0 %"); '–' when there was nothing to measure."""
    text = number(value)
    suffix = UNITS.get(unit, "")
    return f"{text} {suffix}".strip() if value is not None else text


@register.filter
def figure_change(figure) -> str:
    """The change from the previous period with its sign; empty when it cannot be said."""
    change = figure.change
    if change is None:
        return ""
    text = number(round(change, 1) if isinstance(change, float) else change)
    return f"+{text}" if change > 0 else text


@register.filter
def is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)
