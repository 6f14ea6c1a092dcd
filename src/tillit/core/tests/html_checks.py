"""Read rendered pages the way a browser does (html5lib) and list what a strict CSP forbids."""

from __future__ import annotations

import html5lib

from tillit.core.links import local_path, web_url

_NS = "{http://www.w3.org/1999/xhtml}"
# Attributes that navigate or load: each must be http(s), a path here, or a fragment/query.
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "poster", "data", "srcset")


def parse(html: str | bytes):
    """The document tree a browser would build."""
    return html5lib.parse(html, namespaceHTMLElements=True)


def _tag(element) -> str:
    return element.tag.removeprefix(_NS) if isinstance(element.tag, str) else ""


def unsafe_urls(html: str | bytes) -> list[str]:
    """Every URL attribute that is neither http(s), a path on this site nor "#…"/"?…"."""
    found = []
    for element in parse(html).iter():
        for name in URL_ATTRIBUTES:
            value = element.get(name)
            if value is None or value.startswith(("#", "?")):
                continue
            if not (web_url(value) or local_path(value)):
                found.append(f"<{_tag(element)} {name}={value!r}>")
    return found


def anchors(html: str | bytes) -> list[tuple[str, str]]:
    """(href, text) of every anchor."""
    return [(a.get("href", ""), "".join(a.itertext()).strip()) for a in parse(html).iter(f"{_NS}a")]


def inline_code(html: str | bytes) -> list[str]:
    """Inline scripts, <style> blocks, style="" and on*="" attributes: what the CSP would block."""
    found = []
    for element in parse(html).iter():
        tag = _tag(element)
        if tag == "script" and (element.get("src") is None or (element.text or "").strip()):
            found.append("<script> without src")
        if tag == "style":
            found.append("<style>")
        for name in element.attrib:
            if name == "style":
                found.append(f"<{tag} style=…>")
            elif name.lower().startswith("on"):
                found.append(f"<{tag} {name}=…>")
        if (
            tag in ("a", "iframe", "form")
            and "javascript:"
            in (
                element.get("href", "") + element.get("src", "") + element.get("action", "")
            ).lower()
        ):
            found.append(f"<{tag}> with a javascript: address")
    return found
