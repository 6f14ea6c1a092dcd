"""The pre-publication check (R18): what in the organisation's own text may not go out.

``scan`` is pure (no database): it takes the text and the organisation's rules as a
``RuleSet`` and returns findings, each with the span, the detector and whether it blocks.
It runs the personal-data detectors (every written form of personnummer and
samordningsnummer, phone, e-mail, street address next to a person, bank details, health and
other sensitive details about a person), the organisation's words and patterns that mark
confidential text, names on its protected-identity list (compared as keyed hashes, never
kept in clear) and the comment policy's detectors on the organisation's own words.

What the organisation publishes on purpose passes: its own e-mail domains and phone numbers
(configured), and a postcode with a town alone. The same function serves the composer, the
approval page, the moment of publishing and ``tillit publish check``.
"""

from __future__ import annotations

import hmac
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from hashlib import sha256

import regex

from tillit.moderation.detectors.base import PERSONAL_DATA, Finding
from tillit.moderation.detectors.personal_data import (
    find_identity_numbers_written,
    find_personal_data,
    near_person,
)
from tillit.moderation.detectors.pipeline import analyse

#: Comment-policy categories that also stop the organisation's own text (R13 a-d, f).
POLICY_CATEGORIES = frozenset({"insult", "hate", "violence", "sexual", "crime", "profanity"})
#: A configured pattern that takes longer than this on one text fails closed (it blocks).
PATTERN_TIMEOUT_S = 0.2
#: Categories of findings, in the order they are explained.
CATEGORIES = (
    "personnummer",
    "samordningsnummer",
    "phone",
    "email",
    "address",
    "bank",
    "health",
    "marker",
    "pattern",
    "protected_name",
    "policy",
    "markup",
)

# The organisation's own text talks about people differently from a comment: "eleven",
# "vinnaren", a full name. Health, social-services and home details next to one of these
# are what OSL 21 and 26 kap. protect, so the outgoing check reads them more widely.
_SOMEONE = regex.compile(
    r"(?i:\b(?:han|hon|hen|hans|hennes|hens|eleven|elev|barnet|pojken|flickan|mannen|kvinnan|"
    r"patienten|brukaren|vårdtagaren|den boende|en boende|medarbetaren|kollegan|läraren|tränaren|"
    r"ledaren|sökanden|klienten|invånaren|familjen|föräldern|vårdnadshavaren|deltagaren|"
    r"vinnaren|personen|den anställde|vår kollega)\b)"
    # A full name: two capitalised words (case matters here, so it stays outside (?i:));
    # "hos Sara": at someone's.
    r"|\b\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?\s\p{Lu}\p{Ll}+s?\b|\bhos\s\p{Lu}\p{Ll}+\b",
    regex.V1,
)
_SENSITIVE = regex.compile(
    r"\b(?:sjukskriv\w*|diagnos\w*|hjärtinfarkt|stroke|allergi\w*|dyslexi|epilepsi|autism\w*|"
    r"adhd|add|utmattningssyndrom|utbränd\w*|depression\w*|cancer\w*|\w*diabetes|"
    r"sjukdom\w*|opererad\w*|operation\w*|inlagd|sjukhus\w*|funktionsnedsättning\w*|"
    r"missbruk\w*|försörjningsstöd|ekonomiskt bistånd|omhändertag\w*|familjehem\w*|"
    r"orosanmäl\w*|skyddat boende|lvu|lvm|gravid\w*|psykisk\w* ohälsa|"
    r"demens|parkinson\w*|alzheimer\w*)\b",
    regex.IGNORECASE | regex.V1,
)
_HOME = regex.compile(
    r"\b(?:bor|bosatt|boende|adress|hemadress|hemma)\b[^.!?\n]{0,30}?"
    r"\b(\p{Lu}\p{Ll}+(?:\s\p{Lu}\p{Ll}+)?\s\d{1,4}\s?[A-Ha-h]?)\b",
    regex.V1,
)
_SENTENCE = regex.compile(r"[^.!?\n]+[.!?]?")

_NAME_TOKEN = regex.compile(r"\p{L}+(?:[-']\p{L}+)*")
_MARKUP = regex.compile(r"<\s*/?\s*[a-zA-Z][^<>]{0,200}>")
_PHONE_DIGITS = regex.compile(r"\D")


@dataclass(frozen=True)
class CheckFinding:
    """One thing the check found: where, by which detector, and whether it stops the post."""

    category: str
    start: int
    end: int
    detector: str
    evidence: str
    blocking: bool = True
    # The marker's or pattern's note, the policy category: what a person reads beside it.
    detail: str = ""
    # Where it was found when not in the text: "link", "alt:1" (the first image's alt text).
    where: str = ""

    def as_dict(self) -> dict[str, object]:
        """JSON-ready, in the shape ``tillit publish check --json`` prints."""
        return {
            "category": self.category,
            "start": self.start,
            "end": self.end,
            "detector": self.detector,
            "evidence": self.evidence,
            "blocking": self.blocking,
            "detail": self.detail,
            "where": self.where,
        }

    @property
    def key(self) -> str:
        """What an override names: the same finding at publishing is the one overridden."""
        return f"{self.where}:{self.category}:{self.evidence}"


@dataclass(frozen=True)
class RuleSet:
    """The organisation's own rules, as the check needs them (see selectors.rules_current)."""

    # (word or phrase, note): matched at the start of a word, case-insensitive.
    words: tuple[tuple[str, str], ...] = ()
    # (pattern, note): regular expressions (the ``regex`` module, with a time limit).
    patterns: tuple[tuple[str, str], ...] = ()
    protected_digests: frozenset[str] = frozenset()
    own_domains: tuple[str, ...] = ()
    own_phones: frozenset[str] = frozenset()
    # The key of the protected names' hashes (from the settings' secret).
    name_key: bytes = field(default=b"", repr=False)


def normalise_name(name: str) -> str:
    """A name as compared: NFKC, case-folded, one space between words."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def name_digest(name: str, key: bytes) -> str:
    """The keyed hash a protected name is kept as (the name itself is never stored)."""
    return hmac.new(key, normalise_name(name).encode(), sha256).hexdigest()


def phone_key(number: str) -> str:
    """A phone number as compared: digits only, +46 and 0046 read as a leading 0."""
    digits = _PHONE_DIGITS.sub("", number)
    written = number.strip()
    if written.startswith("+46"):
        return "0" + digits[2:]
    if written.startswith("0046"):
        return "0" + digits[4:]
    return digits


def _personal(text: str, rules: RuleSet) -> list[CheckFinding]:
    found: list[Finding] = find_identity_numbers_written(text)
    for f in find_personal_data(text):
        if not any(g.start < f.end and f.start < g.end for g in found):
            found.append(f)
    out = []
    for f in found:
        if f.category != PERSONAL_DATA:
            continue
        sub = f.subtype
        category = {"iban": "bank", "bank_account": "bank"}.get(sub, sub)
        blocking = True
        if sub == "email":
            domain = f.evidence.rsplit("@", 1)[-1].lower()
            blocking = not any(domain == d or domain.endswith("." + d) for d in rules.own_domains)
        elif sub == "phone":
            blocking = phone_key(f.evidence) not in rules.own_phones
        elif sub == "address":
            # The library's address is news; a private person's home is personal data.
            blocking = f.score >= 0.8 and (
                near_person(text, f.start, f.end) or _about_someone(_sentence_at(text, f.start))
            )
        out.append(CheckFinding(category, f.start, f.end, "personal_data", f.evidence, blocking))
    return out


def _about_someone(sentence: str) -> bool:
    """Whether a sentence names or points at a person."""
    return _SOMEONE.search(sentence) is not None


def _sentence_at(text: str, pos: int) -> str:
    for m in _SENTENCE.finditer(text):
        if m.start() <= pos < m.end():
            return m.group()
    return ""


def _about_people(text: str, taken: list[CheckFinding]) -> list[CheckFinding]:
    """Health, social-services and home details in a sentence that is about someone."""
    out: list[CheckFinding] = []
    for sentence in _SENTENCE.finditer(text):
        chunk = sentence.group()
        if not _about_someone(chunk):
            continue
        base = sentence.start()
        for m in _SENSITIVE.finditer(chunk):
            start, end = base + m.start(), base + m.end()
            if not any(f.start < end and start < f.end for f in taken + out):
                out.append(CheckFinding("health", start, end, "sensitive", m.group(), True))
        for m in _HOME.finditer(chunk):
            start, end = base + m.start(1), base + m.end(1)
            if not any(f.start < end and start < f.end for f in taken + out):
                out.append(CheckFinding("address", start, end, "home", m.group(1), True))
    return out


def _words(text: str, rules: RuleSet) -> list[CheckFinding]:
    out = []
    for word, note in rules.words:
        needle = regex.escape(" ".join(word.split())).replace(r"\ ", r"\s+")
        for m in regex.finditer(rf"(?<!\w){needle}", text, flags=regex.IGNORECASE | regex.V1):
            out.append(CheckFinding("marker", m.start(), m.end(), "marker", m.group(), True, note))
    return out


def _patterns(text: str, rules: RuleSet) -> list[CheckFinding]:
    out = []
    for pattern, note in rules.patterns:
        try:
            for m in regex.finditer(pattern, text, timeout=PATTERN_TIMEOUT_S):
                if m.end() > m.start():
                    out.append(
                        CheckFinding(
                            "pattern", m.start(), m.end(), "pattern", m.group(), True, note
                        )
                    )
        except (TimeoutError, regex.error):
            # A rule that cannot be applied must not let the text through unchecked.
            out.append(CheckFinding("pattern", 0, 0, "pattern_failed", "", True, note or pattern))
    return out


def _protected(text: str, rules: RuleSet) -> list[CheckFinding]:
    if not rules.protected_digests or not rules.name_key:
        return []
    tokens = list(_NAME_TOKEN.finditer(text))
    out = []
    for i in range(len(tokens)):
        for size in (2, 3):
            window = tokens[i : i + size]
            if len(window) < size:
                break
            if any(
                not text[a.end() : b.start()].isspace()
                for a, b in zip(window, window[1:], strict=False)
            ):
                break
            start, end = window[0].start(), window[-1].end()
            candidate = text[start:end]
            variants = [candidate]
            if candidate[-1:] in "sS" and len(window[-1].group()) > 2:
                variants.append(candidate[:-1])  # the genitive: "Karin Lindqvists"
            if any(name_digest(v, rules.name_key) in rules.protected_digests for v in variants):
                out.append(
                    CheckFinding("protected_name", start, end, "protected_name", candidate, True)
                )
    return out


def _policy(text: str) -> list[CheckFinding]:
    analysis = analyse(text)
    proposed = analysis.proposed_categories() & POLICY_CATEGORIES
    return [
        CheckFinding("policy", f.start, f.end, f.detector, f.evidence, True, f.category)
        for f in analysis.findings
        if f.category in proposed
    ]


def _markup(text: str) -> list[CheckFinding]:
    # Platforms show markup as the characters it is: said, but not stopped.
    return [
        CheckFinding("markup", m.start(), m.end(), "markup", m.group(), False)
        for m in _MARKUP.finditer(text)
    ]


def scan(text: str, rules: RuleSet) -> list[CheckFinding]:
    """Everything the check finds in ``text``, ordered by position (blocking or not)."""
    personal = _personal(text, rules)
    found = (
        personal
        + _about_people(text, [f for f in personal if f.blocking])
        + _words(text, rules)
        + _patterns(text, rules)
        + _protected(text, rules)
        + _policy(text)
        + _markup(text)
    )
    return sorted(found, key=lambda f: (f.start, f.end, CATEGORIES.index(f.category)))


def blocking(findings: Iterable[CheckFinding]) -> list[CheckFinding]:
    """The findings that stop a post until someone with the right overrides them."""
    return [f for f in findings if f.blocking]
