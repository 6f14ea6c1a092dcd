"""``{{ value|shown }}``: a stored message (see tillit.core.messages) in the reader's language."""

from django import template
from django.utils.safestring import SafeString

from tillit.core.messages import shown_html

register = template.Library()


@register.filter
def shown(value) -> SafeString:
    """A stored message, lazy text or plain recorded text, translated and escaped."""
    return shown_html(value)
