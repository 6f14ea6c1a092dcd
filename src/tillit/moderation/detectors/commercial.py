"""Commercial messages (R13g) and copyright infringement (R13e): links, sales talk, rip sites."""

from __future__ import annotations

import re
from collections import Counter

from .base import COMMERCIAL, COPYRIGHT, Finding, make_finding
from .normalize import lowered

DETECTOR = "links"

_URL = re.compile(
    r"(?:https?://|www\.)[^\s<>\"']*[^\s<>\"'.,;:!?)]|\b[a-z0-9-]{2,63}\.(?:com|se|nu|net|org|io|shop|store|biz|"
    r"info|xyz|top|ru|cn|to|is|ly|me|co|tv|link|click|site|online)(?:/[^\s<>\"']*)?\b"
    r"(?<![.,;:!?)])",
    re.I,
)
_SALES = re.compile(
    r"\b(?:köp|köpa|beställ|beställa|handla|rea|realisation|rabatt\w*|kampanj\w*|erbjudande\w*|"
    r"gratis|billig\w*|lågpris\w*|fri\s+frakt|klicka\s+här|tjäna\s+pengar|extrainkomst|"
    r"jobba\s+hemifrån|passiv\s+inkomst|investera|bitcoin|krypto\w*|casino|kasino|"
    r"free\s+spins|freespins|bonus|vinn|tävling|swisha|dm\s+för|skriv\s+till\s+mig|"
    r"följ\s+mig|buy|discount|sale|offer|cheap|order\s+now|limited\s+offer|earn\s+money|"
    r"work\s+from\s+home|click\s+here|promo|deal)\b|\d+\s?%\s?(?:rabatt|off)\b",
    re.I,
)
_PROMO_CODE = re.compile(
    r"\b(?:rabattkod|kampanjkod|kod|promo\s*code|promokod|coupon|kupong|voucher)\s*[:\-]?\s*"
    r"(?=[A-Z0-9]*\d)(?=[A-Z0-9]*[A-Z])[A-Z0-9]{4,16}\b"
)
_PIRACY_HOSTS = re.compile(
    r"(?:thepiratebay|piratebay|pirate-bay|1337x|rarbg|yts\.|kickass|kat\.cr|torrentz|"
    r"limetorrents|nyaa\.si|fmovies|123movies|putlocker|soap2day|swefilmer|dreamfilm|"
    r"sci-hub|scihub|libgen|z-lib|zlibrary|annas-archive|gomovies|solarmovie|extratorrent|"
    r"torrentleech|iptv-?\w*\.)",
    re.I,
)
_MAGNET = re.compile(r"magnet:\?xt=[^\s]+", re.I)
_RIP_TALK = re.compile(
    r"\b(?:ladda\s+ner|ladda\s+hem|streama|se)\s+(?:hela\s+)?(?:filmen|filmer|serien|"
    r"säsongen|albumet|boken|matchen)\s+gratis\b|\biptv\b.{0,40}\bkanaler\b|"
    r"\bfull\s+movie\s+free\b|\bcrack(?:ad|ed)?\s+version\b",
    re.I,
)
_COPYRIGHT_NOTICE = re.compile(
    r"©|\(c\)\s*\d{4}|all rights reserved|alla rättigheter förbehållna", re.I
)
LONG_TEXT = 1500


# "http:", "https:", "www." or a letter/digit, a dot and two letters. Written to start at the
# "." or ":" so that the regex engine can skip to those characters instead of trying every one.
_LINK_GATE = re.compile(r"[.:](?:(?<=\w\.)[a-zA-Z]{2}|(?<=www\.)|(?<=http:)|(?<=https:))")
_PROMO_WORDS = ("kod", "code", "kupong", "coupon", "voucher")


def find_urls(text: str) -> list[re.Match[str]]:
    """Return the links in a text (bare domains included)."""
    return list(_URL.finditer(text)) if _LINK_GATE.search(text) else []


def find_commercial(text: str, urls: list[re.Match[str]] | None = None) -> list[Finding]:
    """Find links with sales talk, promo codes and repeated links."""
    urls = find_urls(text) if urls is None else urls
    lower = lowered(text)
    found: list[Finding] = []
    if not urls and not any(w in lower for w in _PROMO_WORDS):
        return found
    sales = list(_SALES.finditer(text)) if urls else []  # sales talk counts only with a link
    for m in _PROMO_CODE.finditer(text):
        found.append(
            make_finding(text, COMMERCIAL, m.start(), m.end(), DETECTOR, 0.75, "promo_code")
        )
    if urls and sales:
        for m in urls:
            found.append(
                make_finding(text, COMMERCIAL, m.start(), m.end(), DETECTOR, 0.7, "sales_link")
            )
        for m in sales[:3]:
            found.append(
                make_finding(text, COMMERCIAL, m.start(), m.end(), DETECTOR, 0.3, "sales_talk")
            )
    elif urls:
        hosts = Counter(_host(m.group()) for m in urls)
        if len(urls) >= 3 or max(hosts.values()) >= 2:
            for m in urls:
                found.append(
                    make_finding(
                        text, COMMERCIAL, m.start(), m.end(), DETECTOR, 0.6, "repeated_links"
                    )
                )
    return found


_RIP_WORDS = ("gratis", "iptv", "free", "crack", "magnet:")


def find_copyright(text: str, urls: list[re.Match[str]] | None = None) -> list[Finding]:
    """Find links to piracy sites, magnet links, rip offers and long pasted texts."""
    urls = find_urls(text) if urls is None else urls
    found: list[Finding] = []
    lower = lowered(text)
    rip_words = any(w in lower for w in _RIP_WORDS)
    if not urls and not rip_words and len(text) < LONG_TEXT:
        return found
    for m in urls:
        if _PIRACY_HOSTS.search(m.group()):
            found.append(
                make_finding(text, COPYRIGHT, m.start(), m.end(), DETECTOR, 0.85, "piracy_link")
            )
    if rip_words:
        for m in _MAGNET.finditer(text):
            found.append(
                make_finding(text, COPYRIGHT, m.start(), m.end(), DETECTOR, 0.9, "magnet_link")
            )
        for m in _RIP_TALK.finditer(text):
            found.append(
                make_finding(text, COPYRIGHT, m.start(), m.end(), DETECTOR, 0.6, "rip_offer")
            )
    if len(text) >= LONG_TEXT:
        notice = _COPYRIGHT_NOTICE.search(text)
        # A long paste is only a hint; with a copyright notice in it, it is likely a copy.
        score, (start, end) = (0.6, notice.span()) if notice else (0.3, (0, min(len(text), 80)))
        found.append(make_finding(text, COPYRIGHT, start, end, DETECTOR, score, "long_paste"))
    return found


def _host(url: str) -> str:
    url = re.sub(r"^(?:https?://)?(?:www\.)?", "", url.lower())
    return url.split("/", 1)[0]
