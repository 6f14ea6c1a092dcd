"""Profile payloads in each platform's real shape, for the profile-audit tests (issue 14).

Each builder starts from the connector's recorded fixture (or, for Mastodon, from what
mastodon-mock itself answers) and writes into the places where an organisation really puts
each piece: the name in the display name, the purpose in the bio, the website in the
platform's website field where it has one, links in free text where it has none. A piece
set to None is left out, so one builder gives the complete profile and each single lack.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, replace
from typing import Any
from xml.sax.saxutils import escape

from tillit.connectors.tests.conftest import fixture_json

PLATFORMS = ("facebook", "instagram", "youtube", "mastodon", "bluesky", "x", "linkedin", "rss")
CHECKS = ("sender", "purpose", "rules", "website", "collection")

#: What a connection to each platform is saved with (the ids match the endpoints below).
CONFIGS: dict[str, dict[str, str]] = {
    "facebook": {"page_id": "111222333", "page_access_token": "EAAB-secret-token"},
    "instagram": {"ig_user_id": "17841405822304914", "access_token": "IGQ.secret"},
    "youtube": {"channel_id": "UCbiblioteket00000000000", "access_token": "ya29.x"},
    "mastodon": {"access_token": "alice_token"},  # api_base_url: the mock's address
    "bluesky": {"identifier": "exempelby.bsky.social", "app_password": "abcd-efgh"},
    "x": {"user_id": "1500000000000000000", "access_token": "xtoken"},
    "linkedin": {"organization_id": "2414183", "access_token": "AQX"},
    "rss": {"feed_url": "https://www.example.se/nyheter.rss"},
}

#: Each platform's profile endpoint (Mastodon's is served by mastodon-mock instead).
ENDPOINTS = {
    "facebook": "https://graph.facebook.com/v23.0/111222333",
    "instagram": "https://graph.facebook.com/v23.0/17841405822304914",
    "youtube": "https://www.googleapis.com/youtube/v3/channels",
    "bluesky": "https://bsky.social/xrpc/app.bsky.actor.getProfile",
    "x": "https://api.x.com/2/users/1500000000000000000",
    "linkedin": "https://api.linkedin.com/rest/organizations/2414183",
    "rss": "https://www.example.se/nyheter.rss",
}
BLUESKY_SESSION = "https://bsky.social/xrpc/com.atproto.server.createSession"
MASTODON_PROFILE = "/api/v1/accounts/verify_credentials"


@dataclass(frozen=True)
class Says:
    """What the profile says, piece by piece; None leaves the piece out."""

    title: str
    sender: str | None
    purpose: str | None
    rules_url: str | None
    rules_text: str | None
    website: str | None
    collection: str | None

    @property
    def name(self) -> str:
        """The display name: the channel's own name, then who runs it."""
        return f"{self.title} – {self.sender}" if self.sender else self.title

    @property
    def rules_line(self) -> str | None:
        return f"Kommentarsregler: {self.rules_url}" if self.rules_url else None

    @property
    def collection_line(self) -> str | None:
        return f"Alla kanaler: {self.collection}" if self.collection else None


def complete(*, purpose: str, rules_url: str) -> Says:
    """Everything the test organisation (tillit.testing.build_org) asks its profiles to say."""
    return Says(
        title="Biblioteket",
        sender="Testkommun",
        purpose=purpose,
        rules_url=rules_url,
        rules_text="Inga förolämpningar.",
        website="https://www.example.se",
        collection="https://www.example.se/socialamedier",
    )


def lacking(says: Says, check: str) -> Says:
    """The same profile without what makes one check hold."""
    if check == "sender":
        return replace(says, sender=None)
    if check == "purpose":
        return replace(says, purpose="Välkommen hit!")
    if check == "rules":
        return replace(says, rules_url=None, rules_text=None)
    if check == "website":
        return replace(says, website=None)
    if check == "collection":
        return replace(says, collection=None)
    raise ValueError(check)


# --- hostile text --------------------------------------------------------------------------

SCRIPT = "<script>alert(1)</script>"
BIDI = "\u202eevil\u202c \u2066isolated\u2069 \u200f"
JS_LINKS = (
    "javascript:alert(1)",
    "JaVaScRiPt:alert(document.cookie)",
    " java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
)


def hostile_says(*, nul: bool = True) -> Says:
    """Enormous, marked-up, right-to-left, NUL-laden text, and only script addresses."""
    nul_text = "\x00" if nul else ""
    big = (SCRIPT + BIDI + nul_text + '"><img src=x onerror=alert(1)>') * 1500
    return Says(
        title=f"{SCRIPT}{BIDI}{nul_text}" * 40,
        sender=None,
        purpose=big,
        rules_url=JS_LINKS[1],
        rules_text=None,
        website=JS_LINKS[0],
        collection=JS_LINKS[3],
    )


def nested(depth: int = 200) -> Any:
    """A deeply nested JSON value for fields a connector should never look into."""
    value: Any = "bottom"
    for i in range(depth):
        value = {"a": [value]} if i % 2 else [value]
    return value


# --- builders ------------------------------------------------------------------------------


def _lines(*parts: str | None) -> str:
    return "\n".join(p for p in parts if p)


def _bare(url: str | None) -> str | None:
    """An address as people type it in a bio: without the scheme."""
    return url.removeprefix("https://").removeprefix("http://") if url else None


def facebook(says: Says) -> dict[str, Any]:
    """A Graph API Page (``?fields=id,name,about,description,website,link,username``)."""
    page = fixture_json("facebook", "page.json") | {
        "id": "111222333",
        "name": says.name,
        "about": _lines(says.purpose, says.rules_line),
        "description": _lines(says.collection_line, "Vi svarar vardagar 8-16."),
        "link": "https://www.facebook.com/biblioteket",
        "username": "biblioteket",
    }
    # Graph leaves out a field the Page has not filled in.
    page.pop("website")
    if says.website:
        page["website"] = f"{says.website} https://www.example.se/kontakt"
    return page


def instagram(says: Says) -> dict[str, Any]:
    """A Graph API IG User: one website field, a 150-character bio without clickable links."""
    user = fixture_json("instagram", "ig_user.json") | {
        "username": "biblioteket",
        "name": says.name,
        # The rules link would not fit the bio; the organisation's rules text counts too.
        "biography": _lines(
            says.purpose,
            says.rules_text,
            f"Alla kanaler: {_bare(says.collection)}" if says.collection else None,
        ),
    }
    user.pop("website")
    if says.website:
        user["website"] = says.website
    return user


def youtube(says: Says) -> dict[str, Any]:
    """A Data API v3 channels.list answer (part=snippet): links live in the description."""
    page = fixture_json("youtube", "channels.json")
    channel = page["items"][0]
    channel["id"] = "UCbiblioteket00000000000"
    description = _lines(
        says.purpose,
        says.rules_line,
        f"Webbplats: {says.website}" if says.website else None,
        says.collection_line,
    )
    channel["snippet"] |= {
        "title": says.name,
        "description": description,
        "customUrl": "@biblioteket",
        "localized": {"title": says.name, "description": description},
    }
    return page


def mastodon_link(url: str) -> str:
    """An address as Mastodon renders it in a note or a field value (app/lib/text_formatter)."""
    scheme, _sep, rest = url.partition("://")
    prefix = f"{scheme}://" + ("www." if rest.startswith("www.") else "")
    rest = rest.removeprefix("www.")
    shown, hidden = rest[:30], rest[30:]
    css = "ellipsis" if hidden else ""
    return (
        f'<a href="{escape(url, {chr(34): "&quot;"})}" target="_blank" '
        f'rel="nofollow noopener me" translate="no"><span class="invisible">{escape(prefix)}'
        f'</span><span class="{css}">{escape(shown)}</span>'
        f'<span class="invisible">{escape(hidden)}</span></a>'
    )


def _field(name: str, value_html: str) -> dict[str, Any]:
    return {"name": name, "value": value_html, "verified_at": None}


def mastodon(says: Says, account: dict[str, Any]) -> dict[str, Any]:
    """A Mastodon Account (``verify_credentials``): HTML note, up to four name/value fields.

    ``account`` is what the instance answered for the token's owner; the profile's own
    parts are written over it. Who runs the channel goes in a field, as Swedish
    municipalities' accounts often do ("Drivs av: …").
    """
    note = "".join(
        f"<p>{part}</p>"
        for part in (
            escape(says.purpose) if says.purpose else None,
            f"Alla kanaler: {mastodon_link(says.collection)}" if says.collection else None,
        )
        if part
    )
    fields = []
    if says.sender:
        fields.append(_field("Drivs av", escape(says.sender)))
    if says.website:
        fields.append(_field("Webbplats", mastodon_link(says.website)))
    if says.rules_url:
        fields.append(_field("Kommentarsregler", mastodon_link(says.rules_url)))
    source = account.get("source") or {}
    return copy.deepcopy(account) | {
        "display_name": says.title,
        "note": note,
        "fields": fields,
        "source": source | {"note": says.purpose or "", "fields": fields},
    }


def bluesky(says: Says) -> dict[str, Any]:
    """An app.bsky.actor.getProfile answer: plain-text description, links typed into it."""
    return fixture_json("bluesky", "profile.json") | {
        "displayName": says.name,
        "description": _lines(
            says.purpose,
            says.rules_line,
            _bare(says.website),
            f"Alla kanaler: {_bare(says.collection)}" if says.collection else None,
        ),
    }


def _x_url(short: str, expanded: str, text: str) -> dict[str, Any]:
    start = text.index(short)
    return {
        "start": start,
        "end": start + len(short),
        "url": short,
        "expanded_url": expanded,
        "display_url": expanded.split("://", 1)[-1][:26],
    }


def x(says: Says) -> dict[str, Any]:
    """An X API v2 user: every address in the bio is a t.co link with its entity beside it."""
    answer = fixture_json("x", "user.json")
    user = answer["data"]
    short = {"rules": "https://t.co/r7Ul3s", "collection": "https://t.co/c0Ll3k"}
    description = _lines(
        says.purpose,
        f"Kommentarsregler: {short['rules']}" if says.rules_url else None,
        f"Alla kanaler: {short['collection']}" if says.collection else None,
    )
    urls = [
        _x_url(short[key], target, description)
        for key, target in (("rules", says.rules_url), ("collection", says.collection))
        if target
    ]
    user |= {"name": says.name, "username": "biblioteket", "description": description}
    user["entities"] = {"description": {"urls": urls}} if urls else {}
    user.pop("url")
    if says.website:
        user["url"] = "https://t.co/w3bS1t"
        user["entities"]["url"] = {
            "urls": [_x_url("https://t.co/w3bS1t", says.website, "https://t.co/w3bS1t")]
        }
    return answer


def _multi_locale(text: str) -> dict[str, Any]:
    return {"localized": {"sv_SE": text}, "preferredLocale": {"country": "SE", "language": "sv"}}


def linkedin(says: Says) -> dict[str, Any]:
    """A Community Management ``organizations/{id}`` answer for an administered page.

    Administrators get the multi-locale objects (``name``, ``description``, ``website``);
    the ``localized*`` shortcuts are not promised for each of them.
    """
    org = fixture_json("linkedin", "organization.json")
    for shortcut in ("localizedDescription", "localizedWebsite"):
        org.pop(shortcut)
    org |= {
        "vanityName": "biblioteket",
        "localizedName": says.name,
        "name": _multi_locale(says.name),
        "description": _multi_locale(_lines(says.purpose, says.rules_line, says.collection_line)),
        "defaultLocale": {"country": "SE", "language": "sv"},
        "primaryOrganizationType": "NONE",
        "organizationType": "GOVERNMENT_AGENCY",
        "versionTag": "4",
    }
    if says.website:
        org["website"] = _multi_locale(says.website)
    return org


def rss(says: Says) -> bytes:
    """An RSS 2.0 feed: the channel's title, its home page as <link>, a description."""
    home = says.website or "https://www.example.se/nyheter"
    description = _lines(says.purpose, says.rules_line, says.collection_line)
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
        f"<title>{escape(says.name)}</title><link>{escape(home)}</link>"
        f"<description>{escape(description)}</description><language>sv</language>"
        "<item><title>Öppet hus</title><link>https://www.example.se/nyheter/oppet-hus</link>"
        "<guid>https://www.example.se/nyheter/oppet-hus</guid>"
        "<pubDate>Mon, 10 Mar 2025 08:00:00 +0100</pubDate></item>"
        "</channel></rss>"
    ).encode()


JSON_BUILDERS = {
    "facebook": facebook,
    "instagram": instagram,
    "youtube": youtube,
    "bluesky": bluesky,
    "x": x,
    "linkedin": linkedin,
}


def hostile_extras(platform: str, payload: Any) -> Any:
    """Nesting where the shape has room for fields the connector does not read."""
    if platform == "rss":
        deep = "<x:d>" * 300 + "bottom" + "</x:d>" * 300
        return payload.replace(
            b'<rss version="2.0">',
            b'<rss version="2.0" xmlns:x="urn:x">',
        ).replace(b"<language>", deep.encode() + b"<language>")
    payload = copy.deepcopy(payload)
    if platform == "youtube":
        payload["items"][0]["brandingSettings"] = {"channel": {"keywords": nested()}}
    elif platform == "x":
        payload["data"]["entities"]["hashtags"] = nested()
        payload["data"]["entities"]["description"]["urls"].append(
            {"start": 0, "end": 1, "url": "https://t.co/x", "expanded_url": JS_LINKS[2]}
        )
    elif platform == "mastodon":
        payload["note"] += "".join(f'<p><a href="{link}">klicka</a></p>' for link in JS_LINKS)
        # mastodon-mock serialises what it serves with a depth limit of its own.
        payload["emojis"] = [nested(40)]
    else:
        payload["extra"] = nested()
    return payload


#: A number, a list or an object where the connector reads text (RSS: a feed that is not XML).
WRONG_TYPES: dict[str, tuple[tuple[str | int, ...], Any]] = {
    "facebook": (("about",), 12345),
    "instagram": (("biography",), ["Officiellt konto."]),
    "youtube": (("items", 0, "snippet", "description"), 42),
    "mastodon": (("display_name",), {"text": "Biblioteket"}),
    "bluesky": (("description",), {"$type": "app.bsky.richtext"}),
    "x": (("data", "description"), 160),
    "linkedin": (("localizedName",), 7),
}


def with_wrong_type(platform: str, payload: Any) -> Any:
    """The payload with one text field of the wrong JSON type; RSS gets a NUL in its XML."""
    if platform == "rss":
        return payload.replace(b"<language>", b"<language>\x00")
    path, value = WRONG_TYPES[platform]
    payload = copy.deepcopy(payload)
    target = payload
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return payload
