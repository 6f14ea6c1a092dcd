"""Whether a channel's profile links where it must: the organisation's website and the link
collection (R10, R11; issue 14's profile audit).

Profiles write the same place many ways: ``http://www.pitea.se/socialamedier/``,
``https://pitea.se/socialamedier?utm_source=fb``, ``PITEA.SE/socialamedier``. ``normalise``
reads an address the way ``core.links.web_url`` checks it and reduces it to one form (https,
no ``www.``, lower-case host in IDNA, no default port, no trailing slash, no fragment, no
tracking parameters, the rest of the query sorted), so two forms of one place compare equal.
``links_in`` finds the addresses in a profile's free text (with or without a scheme), bounded
and without taking "t.ex." or an e-mail address for a link. Shortened links (bit.ly, lnkd.in)
are recognised here and resolved by the audit through the SSRF-guarded fetcher, never here.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit

from tillit.core.links import web_url

#: Profile texts longer than this are read only this far (a profile is a few hundred).
MAX_TEXT = 20_000
#: At most this many links are taken from one text.
MAX_LINKS = 50

_TRACKING = frozenset(
    {"fbclid", "gclid", "dclid", "msclkid", "yclid", "igshid", "mc_cid", "mc_eid", "si"}
)
_TRACKING_PREFIXES = ("utm_", "_hs")
SHORTENERS = frozenset(
    {
        "bit.ly",
        "buff.ly",
        "fb.me",
        "goo.gl",
        "is.gd",
        "lnkd.in",
        "ow.ly",
        "rebrand.ly",
        "shorturl.at",
        "t.co",
        "t.ly",
        "tiny.cc",
        "tinyurl.com",
    }
)
#: Top-level domains a bare "name.tld" in Swedish text is taken as an address for; others
#: ("t.ex.", "bl.a.") are words.
_BARE_TLDS = frozenset(
    {"se", "nu", "com", "org", "net", "eu", "info", "io", "fi", "no", "dk", "is", "ax", "app"}
)
_EXPLICIT = re.compile(r"https?://[^\s<>\"'`]+", re.IGNORECASE)
_BARE = re.compile(
    r"(?<![\w@./-])((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+([a-z]{2,24}))(/[^\s<>\"'`]*)?",
    re.IGNORECASE,
)
_TRAILING = ".,;:!?)]}»”’"


def _host(value: str) -> str:
    try:
        host = value.encode("idna").decode("ascii").lower()
    except UnicodeError:
        return ""
    return host.removeprefix("www.")


def normalise(value: object) -> str:
    """One form of a web address for comparing; "" for anything that is not one."""
    if not isinstance(value, str):
        return ""
    text = value.strip()
    if text and "://" not in text[:12]:
        text = "https://" + text
    checked = web_url(text)
    if not checked:
        return ""
    parts = urlsplit(checked)
    host = _host(parts.hostname or "")
    if not host:
        return ""
    port = parts.port
    netloc = host if port in (None, 80, 443) else f"{host}:{port}"
    path = parts.path.rstrip("/")
    query = sorted(
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if k.lower() not in _TRACKING and not k.lower().startswith(_TRACKING_PREFIXES)
    )
    return f"https://{netloc}{path}" + (f"?{urlencode(query)}" if query else "")


def same_place(a: object, b: object) -> bool:
    """Whether two addresses lead to the same page once normalised (both must be addresses)."""
    first = normalise(a)
    return bool(first) and first == normalise(b)


def is_shortened(url: object) -> bool:
    """Whether the address is on a link shortener (its target must be fetched to be known)."""
    found = normalise(url)
    return bool(found) and urlsplit(found).hostname in SHORTENERS


def links_in(text: object) -> list[str]:
    """The addresses in a profile's text, normalised, in order, each once."""
    if not isinstance(text, str):
        return []
    text = text[:MAX_TEXT]
    found: list[tuple[int, str]] = []
    taken: list[tuple[int, int]] = []
    for match in _EXPLICIT.finditer(text):
        found.append((match.start(), match.group().rstrip(_TRAILING)))
        taken.append(match.span())
    for match in _BARE.finditer(text):
        start, end = match.span()
        if any(a <= start < b for a, b in taken):
            continue
        name, tld = match.group(1), match.group(2).lower()
        if tld not in _BARE_TLDS and not name.lower().startswith("www."):
            continue
        found.append((start, match.group().rstrip(_TRAILING)))
    links: list[str] = []
    for _start, raw in sorted(found):
        link = normalise(raw)
        if link and link not in links:
            links.append(link)
        if len(links) >= MAX_LINKS:
            break
    return links
