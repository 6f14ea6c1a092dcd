"""Personal data (R14): identity numbers, phones, e-mail, addresses, bank details, health."""

from __future__ import annotations

import re

import phonenumbers
from stdnum import iban, luhn
from stdnum.exceptions import ValidationError
from stdnum.se import personnummer

from .automata import word_automaton
from .base import PERSONAL_DATA, Finding, make_finding
from .normalize import lowered

DETECTOR = "personal_data"

# Date part with or without century, then "-", "+", a space or nothing, then four digits.
# Written to start with a digit (the lookbehind after it), so that the regex engine skips to
# digits in C instead of trying the lookbehind at every character: the same matches as
# (?<![\d+\-/.:,])((?:18|19|20)?\d{6})([-+ ]?)(\d{4})(?![\d\-/.,:]\d)(?!\d), see test_fastpaths.
_PNR = re.compile(
    r"(\d(?<![\d+\-/.:,]\d)(?:(?<=1)[89]\d{6}|(?<=2)0\d{6}|\d{5}))([-+ ]?)(\d{4})"
    r"(?![\d\-/.,:]\d)(?!\d)"
)
_PNR_CONTEXT = re.compile(r"pers(?:on)?n(?:umme)?r|pnr|p-nr|samordningsn|född|ssn", re.I)
_NOT_PNR_CONTEXT = re.compile(
    r"(?:order|ordernummer|faktura|fakturanummer|ocr|kundnummer|ärende|ärendenummer|"
    r"artikelnummer|art\.?nr|referens|ref\.?|bokningsnummer|spårningsnummer)\W{0,3}$",
    re.I,
)
_DIGITS = re.compile(r"\d")
# A personnummer has ten digits in a row or six and four; a run of six is needed either way.
_SIX_DIGITS = re.compile(r"\d\d\d\d\d\d")
# Only hand runs that could be a phone number to the (slow) phonenumbers matcher.
_PHONE_HINT = re.compile(r"[+0](?<!\w0)\d[\d\s\-()./]{5,}\d")  # (?:\+|\b0)..., digit-first
_EMAIL = re.compile(
    r"(?<![\w.+-])[\w.+-]{1,64}@(?:[a-zA-Z0-9åäöÅÄÖ](?:[a-zA-Z0-9åäöÅÄÖ-]{0,61}[a-zA-Z0-9])?\.)+"
    r"[a-zA-Z]{2,24}(?![\w-])"
)
_STREET_SUFFIX = (
    r"gatan|gata|vägen|väg|gränd|gränden|torget|torg|stigen|backe|backen|allén|allé|plan|"
    r"leden|platsen|stråket|kajen|promenaden|esplanaden|parken|slingan|gången|liden|"
    r"höjden|ringen|bron|kroken|vägen|svängen|tået|udden|hagen|lund|lunden|dal|dalen"
)
_STREET_SUFFIXES = tuple(_STREET_SUFFIX.split("|"))
_ADDRESS = re.compile(
    r"\b(?:(?:Lilla|Stora|Norra|Södra|Östra|Västra|Gamla|Nya|Övre|Nedre)\s)?"
    rf"[A-ZÅÄÖ][a-zåäöé]*(?:{_STREET_SUFFIX})\s+\d{{1,4}}\s?[A-Ha-h]?\b"
    r"(?:,?\s*(?:lgh|lägenhet)\.?\s*\d{3,4})?"
    r"(?:,?\s*\d{3}\s?\d{2}\s+[A-ZÅÄÖ][a-zåäö]+(?:\s[A-ZÅÄÖ][a-zåäö]+)?)?"
)
_POSTCODE_TOWN = re.compile(r"[1-9](?<![\d-][1-9])\d{2}\s?\d{2}\s+[A-ZÅÄÖ][a-zåäö]{2,}(?:s\b)?")
_IBAN = re.compile(r"[A-Z](?<!\w[A-Z])[A-Z]\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,4})?\b")
_BANK_CONTEXT = re.compile(r"konto(?:nummer|nr|t)?|bankkonto|clearing(?:nummer|nr)?|kontonr", re.I)
_BANK_KEYS = ("konto", "clearing")
_BANK_ACCOUNT = re.compile(r"(?<![\d-])\d{4,5}(?:[-, ]\s?\d)?[-, ]\s?\d[\d -]{5,13}\d(?!\d)")

_HEALTH_TERMS = (
    r"cancer\w*|hiv|aids|diabet\w*|depression\w*|deprimerad\w*|schizofren\w*|bipolär\w*|"
    r"psykos\w*|psykiskt sjuk\w*|adhd|autis\w*|asperger\w*|demens|alzheimer\w*|missbruk\w*|"
    r"alkoholist\w*|narkoman\w*|sjukskriv\w*|diagnos\w*|medicinerar|antidepressiv\w*|"
    r"självmordsförsök\w*|gravid\w*|abort\w*|missfall\w*|ätstörning\w*|anorexi\w*|"
    r"utbrändhet|utbränd\w*|epilepsi|ms-sjuk\w*|könssjukdom\w*|klamydia|dömd för|"
    r"har suttit i fängelse|straffad för|homosexuell\w*|bisexuell\w*|transperson\w*|"
    r"är med i (?:sd|v|kd|mp|s|m|l|c)\b|rehab|inlagd på psyk\w*|psyket"
)
_HEALTH = re.compile(rf"\b(?:{_HEALTH_TERMS})\b", re.I)
# Every health match contains one of these, lower-cased: a cheap test before the regex.
_HEALTH_KEYS = (
    "cancer", "hiv", "aids", "diabet", "depression", "deprimerad", "schizofren", "bipolär",
    "psykos", "psykiskt sjuk", "adhd", "autis", "asperger", "demens", "alzheimer", "missbruk",
    "alkoholist", "narkoman", "sjukskriv", "diagnos", "medicinerar", "antidepressiv",
    "självmordsförsök", "gravid", "abort", "missfall", "ätstörning", "anorexi", "utbränd",
    "epilepsi", "ms-sjuk", "könssjukdom", "klamydia", "dömd för", "har suttit i fängelse",
    "straffad för", "homosexuell", "bisexuell", "transperson", "är med i ", "rehab",
    "inlagd på psyk", "psyket",
)  # fmt: skip
# Characters that re.IGNORECASE equates with i or s but str.lower() does not turn into them.
_CASE_SPECIAL = ("\u0130", "\u0131", "\u017f")
_PERSON = re.compile(
    r"\b(?:han|hon|hen|hans|hennes|hens)\b|@\w{2,}|"
    r"\b(?:min|din|hans|hennes|vår|er|deras)\s+(?:granne|chef|kollega|lärare|fru|man|sambo|"
    r"mamma|pappa|dotter|son|bror|syster|handläggare|rektor|läkare|pojkvän|flickvän|ex)\b|"
    r"\b[A-ZÅÄÖ][a-zåäöé]+\s+[A-ZÅÄÖ][a-zåäöé]+(?:son|sson|berg|ström|lund|gren|qvist|"
    r"kvist|ander|dahl|man|holm|back|sjö|fors|ell|in|en|ius|er)\b"
)


def _pnr_valid(date: str, sep: str, tail: str) -> str:
    """Return "personnummer", "samordningsnummer" or "" for a candidate."""
    short = date[-6:]
    day = int(short[4:6])
    if sep == " ":
        sep = "-"
    if len(date) == 8 and sep == "+":
        return ""
    if day > 60:
        # Samordningsnummer: the day is the birth day plus 60; stdnum knows only personnummer,
        # so check the date with the day taken back and the check digit on the digits as given.
        real = f"{date[:-2]}{day - 60:02d}"
        try:
            personnummer.get_birth_date(f"{real}{sep or '-'}{tail}")
        except ValidationError:
            return ""
        return "samordningsnummer" if luhn.is_valid(short + tail) else ""
    if not _luhn_ok(short + tail):
        return ""  # stdnum would say the same, an order of magnitude slower
    return "personnummer" if personnummer.is_valid(f"{date}{sep}{tail}") else ""


def _luhn_ok(digits: str) -> bool:
    """The Luhn check a personnummer's last digit satisfies (ten digits)."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def find_identity_numbers(text: str) -> list[Finding]:
    """Find valid personnummer and samordningsnummer in any common written form."""
    found: list[Finding] = []
    if not _SIX_DIGITS.search(text):
        return found
    for m in _PNR.finditer(text):
        date, sep, tail = m.groups()
        kind = _pnr_valid(date, sep, tail)
        if not kind:
            continue
        if _NOT_PNR_CONTEXT.search(text[max(0, m.start() - 25) : m.start()]):
            continue
        # A bare ten-digit run starting 0 is more often a mobile number without context.
        if len(date) == 6 and not sep and date.startswith("07"):
            window = text[max(0, m.start() - 40) : m.start()]
            if not _PNR_CONTEXT.search(window):
                continue
        found.append(make_finding(text, PERSONAL_DATA, m.start(), m.end(), DETECTOR, 0.95, kind))
    return found


def find_phones(text: str, taken: list[Finding]) -> list[Finding]:
    """Find Swedish and international phone numbers with the phonenumbers matcher."""
    if not _PHONE_HINT.search(text):
        return []
    found = []
    for m in phonenumbers.PhoneNumberMatcher(text, "SE", leniency=phonenumbers.Leniency.VALID):
        if _overlaps(m.start, m.end, taken):
            continue
        found.append(make_finding(text, PERSONAL_DATA, m.start, m.end, DETECTOR, 0.85, "phone"))
    return found


def find_emails(text: str) -> list[Finding]:
    """Find e-mail addresses."""
    if "@" not in text:
        return []
    return [
        make_finding(text, PERSONAL_DATA, m.start(), m.end(), DETECTOR, 0.85, "email")
        for m in _EMAIL.finditer(text)
    ]


def find_addresses(text: str, taken: list[Finding]) -> list[Finding]:
    """Find street addresses, and postcode + town (weak alone)."""
    found = []
    for m in _ADDRESS.finditer(text) if _street_number_hint(text) else ():
        found.append(
            make_finding(text, PERSONAL_DATA, m.start(), m.end(), DETECTOR, 0.8, "address")
        )
    for m in _POSTCODE_TOWN.finditer(text):
        if not _overlaps(m.start(), m.end(), found + taken):
            # A town alone says little about a person; it only adds to other evidence.
            found.append(
                make_finding(text, PERSONAL_DATA, m.start(), m.end(), DETECTOR, 0.35, "address")
            )
    return found


def _street_number_hint(text: str) -> bool:
    """Whether a street suffix ("gatan", "vägen", ...) is followed by spaces and a digit.

    Every _ADDRESS match has one; the address regex itself starts at every capitalised word
    and backtracks through forty suffixes, so it runs only where this one C pass finds a place.
    """
    last = len(text) - 1
    for end, _suffix in word_automaton(_STREET_SUFFIXES).iter(text):
        j = end + 1
        while j <= last and text[j].isspace():
            j += 1
        if j > end + 1 and j <= last and text[j].isdecimal():
            return True
    return False


def find_bank_details(text: str, taken: list[Finding]) -> list[Finding]:
    """Find IBANs (check digits verified) and Swedish account numbers named as such."""
    found = []
    for m in _IBAN.finditer(text):
        if iban.is_valid(m.group()):
            found.append(
                make_finding(text, PERSONAL_DATA, m.start(), m.end(), DETECTOR, 0.9, "iban")
            )
    if not _may_contain(text, _BANK_KEYS):
        return found
    for ctx in _BANK_CONTEXT.finditer(text):
        window_end = min(len(text), ctx.end() + 40)
        for m in _BANK_ACCOUNT.finditer(text, ctx.end(), window_end):
            if not _overlaps(m.start(), m.end(), found + taken):
                found.append(
                    make_finding(
                        text, PERSONAL_DATA, m.start(), m.end(), DETECTOR, 0.8, "bank_account"
                    )
                )
    return found


def find_health(text: str) -> list[Finding]:
    """Find health and other sensitive details that sit next to a reference to a person."""
    found: list[Finding] = []
    if not _may_contain(text, _HEALTH_KEYS):
        return found
    for m in _HEALTH.finditer(text):
        window = text[max(0, m.start() - 60) : min(len(text), m.end() + 40)]
        if _PERSON.search(window):
            found.append(
                make_finding(text, PERSONAL_DATA, m.start(), m.end(), DETECTOR, 0.6, "health")
            )
    return found


def _may_contain(text: str, keys: tuple[str, ...]) -> bool:
    """Tell whether a case-insensitive regex made of these literals could match the text.

    False only when no key occurs in the lower-cased text (and none of the few characters that
    re.IGNORECASE matches differently from str.lower() is present): then the regex cannot match.
    """
    if any(c in text for c in _CASE_SPECIAL):
        return True
    return next(word_automaton(keys).iter(lowered(text)), None) is not None


def _overlaps(start: int, end: int, findings: list[Finding]) -> bool:
    return any(f.start < end and start < f.end for f in findings)


def find_personal_data(text: str) -> list[Finding]:
    """Run every personal-data detector; earlier, more specific ones win overlaps."""
    digits = _DIGITS.search(text) is not None
    found = find_identity_numbers(text) if digits else []
    found += find_emails(text)
    if digits:
        found += find_bank_details(text, found)
        found += find_phones(text, found)
        found += find_addresses(text, found)
    found += find_health(text)
    return sorted(found, key=lambda f: (f.start, f.end))


# For the organisation's own text: ten or twelve digits with at most a short separator
# (space, dot, hyphen, dash, minus, plus) between any two, so "19 12 12-1212", "1212 12-1212",
# "121212 – 1212" and "1912-12-12-1212" are read as the number they are.
_WRITTEN_PNR = re.compile(r"(?<![\d])\d(?:[ .\-\u2010-\u2015\u2212+]{0,3}\d){9,11}(?![\d])")
_NON_DIGIT = re.compile(r"\D")


def find_identity_numbers_written(text: str) -> list[Finding]:
    """Personnummer and samordningsnummer in every written form, for outgoing text.

    Stricter than ``find_identity_numbers`` (which reads public comments, where a false alarm
    costs a moderator's minute): no context lets a valid number through here, because the
    organisation publishing one is the harm R18 forbids. A false block can be overridden.
    """
    found: list[Finding] = []
    if not _SIX_DIGITS.search(_NON_DIGIT.sub("", text)):
        return found
    for m in _WRITTEN_PNR.finditer(text):
        digits = _NON_DIGIT.sub("", m.group())
        if len(digits) not in (10, 12):
            continue
        if len(digits) == 12 and digits[:2] not in ("18", "19", "20"):
            continue
        sep = "+" if "+" in m.group() else "-"
        kind = _pnr_valid(digits[:-4], sep, digits[-4:])
        if kind:
            found.append(
                make_finding(text, PERSONAL_DATA, m.start(), m.end(), DETECTOR, 0.95, kind)
            )
    return found


def near_person(text: str, start: int, end: int) -> bool:
    """Whether a span sits next to a reference to a person (a pronoun, a relation, a name)."""
    lo = max(0, start - 60)
    window = text[lo : min(len(text), end + 40)]
    for m in _PERSON.finditer(window):
        # "@pitea" inside an e-mail address is not a person's handle.
        if m.group().startswith("@") and m.start() > 0 and not window[m.start() - 1].isspace():
            continue
        return True
    return False
