"""``{{ value|shown }}``: a stored message (see tillit.core.messages) in the reader's language."""

from django import template

from tillit.core import messages

register = template.Library()


@register.filter
def shown(value) -> str:
    """A stored message, lazy text or plain recorded text, translated and escaped."""
    return messages.shown(value)  # a SafeString: every piece escaped in _render


@register.filter(name="shown_text")
def shown_text_filter(value) -> str:
    """A stored message translated, or finished text (a notice, a name) escaped as it is."""
    return messages.shown_text(value, html=True)  # a SafeString: escaped there
