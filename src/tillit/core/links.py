"""Which addresses may become links: absolute http(s) to the web, or paths on this site.

Platforms and the public choose permalinks, profile addresses and channel addresses, so a
``javascript:``, ``data:`` or ``vbscript:`` address is an attack, not a typo. The check
reads the address the way a browser does (it drops tabs and newlines anywhere and control
characters and spaces at either end, so ``java\\tscript:`` is ``javascript:``) and returns
exactly what it checked, so the page never links to anything else.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# Longer than any real permalink (the inbox stores 1,000 characters); longer is refused.
MAX_LENGTH = 4096
WEB_SCHEMES = frozenset({"http", "https"})
# The WHATWG URL parser removes these anywhere in the input before it reads the scheme.
_REMOVED_ANYWHERE = re.compile(r"[\t\n\r]")
# ... and these (C0 controls and space) at the start and the end.
_TRIMMED = "".join(chr(c) for c in range(0x21))
# What may remain: no controls, no spaces, no backslashes (browsers read "\" as "/").
_FORBIDDEN = re.compile(r"[\x00-\x20\x7f\\]")
# Host characters no real name has (internationalised names keep their letters).
_BAD_HOST = re.compile(r"[<>\"'`{}|^%\s]")


def _as_browser_reads(value: object) -> str:
    """The text a browser would parse as the address; "" for anything that is not text."""
    if not isinstance(value, str) or len(value) > MAX_LENGTH:
        return ""
    return _REMOVED_ANYWHERE.sub("", value).strip(_TRIMMED)


def web_url(value: object) -> str:
    """``value`` when it is an absolute http(s) address with a host, else ""."""
    text = _as_browser_reads(value)
    if not text or _FORBIDDEN.search(text):
        return ""
    try:
        parts = urlsplit(text)
        host = parts.hostname
        parts.port  # noqa: B018  (raises ValueError for a port that is not a number)
    except ValueError:
        return ""
    if parts.scheme.lower() not in WEB_SCHEMES or not host:
        return ""
    # After "scheme:" a browser treats one or more slashes alike; demand the standard two.
    if not text[len(parts.scheme) + 1 :].startswith("//"):
        return ""
    if _BAD_HOST.search(host):
        return ""
    return text


def local_path(value: object) -> str:
    """``value`` when it is a path on this site ("/inkorg/12/"), else ""."""
    text = _as_browser_reads(value)
    if not text.startswith("/") or text.startswith("//") or _FORBIDDEN.search(text):
        return ""
    return text
