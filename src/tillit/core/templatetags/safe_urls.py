"""Links to addresses a platform or the public chose: an anchor only for http(s), else text.

``{% load safe_urls %}`` then ``{% external_link item.permalink _("Open") %}`` renders
``<a href="…" rel="noopener noreferrer nofollow">Open</a>`` for a web address and the
address itself as plain text for anything else, so a reviewer still sees what came in
but nothing can be clicked. ``|web_href`` and ``|local_href`` give the checked address
(or "") for templates that build their own anchor.
"""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from tillit.core.links import local_path, web_url

register = template.Library()

# Shown instead of a refused address; the rest is in the stored record.
_SHOWN_CHARACTERS = 200


@register.filter
def web_href(value: object) -> str:
    """The address when it is absolute http(s) with a host, else ""."""
    return web_url(value)


@register.filter
def local_href(value: object) -> str:
    """The address when it is a path on this site, else ""."""
    return local_path(value)


@register.simple_tag
def external_link(
    url: object, label: object = None, rel: str = "noopener noreferrer nofollow"
) -> SafeString:
    """An anchor to a checked web address, or the address as escaped text when it is not one."""
    href = web_url(url)
    if href:
        return format_html('<a href="{}" rel="{}">{}</a>', href, rel, label or href)
    if not isinstance(url, str) or not url:
        return format_html("{}", label or "")
    refused = format_html(
        '<span class="refused-link"><bdi>{}</bdi> ({})</span>',
        Truncator(url).chars(_SHOWN_CHARACTERS),
        _("not a web address, so not a link"),
    )
    return format_html("{} {}", label, refused) if label else refused
