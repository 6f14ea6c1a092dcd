"""What a channel's public profile must say, checked against what it says (R10, R11).

The guideline asks each channel to say who is behind it, its purpose and which comments are
not allowed, and to link to the organisation's website and to the link collection. This
module judges a profile already read (its free text and its link fields; issue 14 reads them
through the connectors or the guarded fetcher) and returns each check with what is missing
and the exact text to paste. It is pure: no database, no network, the same answer for the
same profile.

The purpose is prose and cannot be matched exactly: it counts as stated when at least half
of the purpose's content words (four letters or more) appear in the profile.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .profile_links import links_in, normalise, same_place

StrOrPromise = str | Promise

#: Share of the purpose's content words the profile must contain.
PURPOSE_SHARE = 0.5
_WORD = re.compile(r"[^\W\d_]{4,}")

#: Each check's name, by code: stored audits keep the code and are shown from here.
CHECK_LABELS = {
    "sender": gettext_lazy("Says who is behind the channel"),
    "purpose": gettext_lazy("States the channel's purpose"),
    "rules": gettext_lazy("Links to the comment rules"),
    "website": gettext_lazy("Links to the organisation's website"),
    "collection": gettext_lazy("Links to the collection of all channels"),
}


@dataclass(frozen=True)
class ProfileRead:
    """What was read from the platform: the free text and the link fields."""

    text: str
    links: tuple[str, ...] = ()


@dataclass(frozen=True)
class Expected:
    """What the organisation's settings and the channel's register entry say it must show."""

    sender_names: tuple[str, ...]
    purpose: str
    rules_url: str
    rules_text: str
    website: str
    collection: str


@dataclass(frozen=True)
class Check:
    """One requirement: whether it holds, and what to add if not."""

    code: str
    label: StrOrPromise
    passed: bool
    add: str = ""


@dataclass(frozen=True)
class ProfileAudit:
    """Every check of one profile, and one text to paste that would make them all hold."""

    checks: tuple[Check, ...]
    paste: str

    @property
    def passed(self) -> bool:
        return all(c.passed for c in self.checks)

    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(c.code for c in self.checks if not c.passed)


def _plain(text: str) -> str:
    return " ".join(text.casefold().split())


def _words(text: str) -> set[str]:
    return {w.casefold() for w in _WORD.findall(text)}


def audit_profile(profile: ProfileRead, expected: Expected) -> ProfileAudit:
    """Check a profile against what it must say; the paste text adds only what is missing."""
    text = profile.text if isinstance(profile.text, str) else ""
    plain = _plain(text)
    links = [*links_in(text), *(normalise(link) for link in profile.links)]
    links = [link for link in links if link]

    def links_to(address: str) -> bool:
        return any(same_place(link, address) for link in links)

    purpose_words = _words(expected.purpose)
    found_words = purpose_words & _words(text)
    purpose_ok = bool(purpose_words) and len(found_words) >= PURPOSE_SHARE * len(purpose_words)
    rules_ok = links_to(expected.rules_url) or (
        bool(expected.rules_text.strip()) and _plain(expected.rules_text) in plain
    )
    sender = next((n for n in expected.sender_names if n.strip()), "")
    checks = (
        Check(
            "sender",
            CHECK_LABELS["sender"],
            any(_plain(n) in plain for n in expected.sender_names if n.strip()),
            _("This channel is run by %(sender)s.") % {"sender": sender},
        ),
        Check("purpose", CHECK_LABELS["purpose"], purpose_ok, expected.purpose.strip()),
        Check(
            "rules",
            CHECK_LABELS["rules"],
            rules_ok,
            _("Comment rules: %(url)s") % {"url": expected.rules_url},
        ),
        Check(
            "website",
            CHECK_LABELS["website"],
            links_to(expected.website),
            _("Website: %(url)s") % {"url": expected.website},
        ),
        Check(
            "collection",
            CHECK_LABELS["collection"],
            links_to(expected.collection),
            _("All our channels: %(url)s") % {"url": expected.collection},
        ),
    )
    paste = " ".join(c.add for c in checks if not c.passed and c.add)
    return ProfileAudit(checks=checks, paste=paste)
