"""``{{ value|shown }}``: a stored message (see tillit.core.messages) in the reader's language."""

from django import template
from django.utils.safestring import SafeString, mark_safe

from tillit.core.messages import shown_html, shown_text

register = template.Library()


@register.filter
def shown(value) -> SafeString:
    """A stored message, lazy text or plain recorded text, translated and escaped."""
    return shown_html(value)


@register.filter(name="shown_text")
def shown_text_filter(value) -> SafeString:
    """A stored message translated, or finished text (a notice, a name) escaped as it is."""
    return mark_safe(shown_text(value, html=True))  # noqa: S308 - escaped in shown_text
