"""Generated personal-data corpus (Faker sv_SE) with distractors that must not be flagged."""

from __future__ import annotations

import random

import phonenumbers
from faker import Faker
from stdnum import iban, luhn


def _pnr_digits(rng: random.Random, samordning: bool) -> tuple[str, str]:
    year = rng.randint(1930, 2006)
    month = rng.randint(1, 12)
    day = rng.randint(1, 28) + (60 if samordning else 0)
    serial = f"{rng.randint(0, 999):03d}"
    short = f"{year % 100:02d}{month:02d}{day:02d}{serial}"
    return f"{year}", short + luhn.calc_check_digit(short)


def personnummer_forms(rng: random.Random, samordning: bool = False) -> list[str]:
    """Return one number written in every common form."""
    year, ten = _pnr_digits(rng, samordning)
    century = year[:2]
    d, t = ten[:6], ten[6:]
    return [
        f"{d}-{t}",
        f"{d}{t}",
        f"{d} {t}",
        f"{century}{d}-{t}",
        f"{century}{d}{t}",
        f"{century}{d} {t}",
    ]


def invalid_personnummer(rng: random.Random) -> str:
    """Return a well-formed number whose check digit is wrong."""
    _, ten = _pnr_digits(rng, False)
    wrong = str((int(ten[-1]) + rng.randint(1, 9)) % 10)
    return f"{ten[:6]}-{ten[6:9]}{wrong}"


def mobile(rng: random.Random) -> str:
    """Return a Swedish mobile number in one of the usual written forms."""
    n = f"7{rng.choice('02369')}{rng.randint(0, 9999999):07d}"
    forms = [
        f"0{n[:2]}-{n[2:5]} {n[5:7]} {n[7:]}",
        f"0{n}",
        f"+46 {n[:2]} {n[2:5]} {n[5:7]} {n[7:]}",
        f"+46{n}",
        f"0{n[:2]} {n[2:5]} {n[5:]}",
        f"0{n[:2]}-{n[2:]}",
    ]
    return rng.choice(forms)


def swedish_iban(rng: random.Random) -> str:
    """Return a valid Swedish IBAN in print format."""
    bban = f"{rng.randint(1000, 9999)}{rng.randint(0, 10**16 - 1):016d}"
    number = "SE" + iban.calc_check_digits("SE00" + bban) + bban
    return " ".join(number[i : i + 4] for i in range(0, len(number), 4))


TEMPLATES = {
    "personnummer": [
        "Mitt personnummer är {}.",
        "Han har pnr {} och bor här.",
        "{} heter hon",
        "Skicka till {} tack",
        "Kolla upp {} i registret!",
    ],
    "phone": [
        "Ring mig på {}.",
        "Hennes nummer är {} om ni undrar",
        "Tel: {}",
        "{} ring!",
        "Sms:a {} efter fem.",
    ],
    "email": ["Maila {}.", "Kontakta {} direkt", "Hans mejl är {}, skriv dit", "<{}>"],
}
DISTRACTORS = [
    "Mötet är den {date} kl. 18.30 i stadshuset.",
    "Ordernummer {order} skickades igår.",
    "Det kostade {amount} kronor, helt sjukt.",
    "Postnummer {postcode} gäller för hela byn.",
    "Ärende {case} är fortfarande inte klart.",
    "Budgeten är {big} kr för {year}.",
    "Vi var {count} personer på mötet {date}.",
    "Faktura {order} förföll {date}.",
    "Version {version} släpptes i går.",
    "Länk till protokollet: diarienr KS {year}/{case}",
]


def corpus(n: int = 600, seed: int = 7) -> list[tuple[str, str, str]]:
    """Return (text, kind, value) triples; kind "" marks a distractor without personal data."""
    rng = random.Random(seed)
    fake = Faker("sv_SE")
    fake.seed_instance(seed)
    rows: list[tuple[str, str, str]] = []
    for i in range(n):
        kind = ("personnummer", "samordningsnummer", "phone", "email", "")[i % 5]
        if kind in ("personnummer", "samordningsnummer"):
            value = rng.choice(personnummer_forms(rng, kind == "samordningsnummer"))
            rows.append((rng.choice(TEMPLATES["personnummer"]).format(value), kind, value))
        elif kind == "phone":
            value = mobile(rng) if i % 2 else _faker_phone(fake)
            rows.append((rng.choice(TEMPLATES["phone"]).format(value), kind, value))
        elif kind == "email":
            value = fake.email()
            rows.append((rng.choice(TEMPLATES["email"]).format(value), kind, value))
        else:
            rows.append((_distractor(rng), "", ""))
    return rows


def _faker_phone(fake: Faker) -> str:
    # Faker's sv_SE numbers include area codes that do not exist; keep the real-looking ones.
    while True:
        value = fake.phone_number()
        try:
            if phonenumbers.is_valid_number(phonenumbers.parse(value, "SE")):
                return value
        except phonenumbers.NumberParseException:
            continue


def _distractor(rng: random.Random) -> str:
    year = rng.randint(1990, 2030)
    return rng.choice(DISTRACTORS).format(
        date=f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        order=f"{rng.randint(10**7, 10**10 - 1)}",
        amount=f"{rng.randint(1, 999)} {rng.randint(0, 999):03d}",
        postcode=f"{rng.randint(100, 989)} {rng.randint(0, 99):02d}",
        case=rng.randint(100, 99999),
        big=f"{rng.randint(1, 99)} {rng.randint(0, 999):03d} {rng.randint(0, 999):03d}",
        year=year,
        count=rng.randint(2, 400),
        version=f"{rng.randint(1, 9)}.{rng.randint(0, 20)}.{rng.randint(0, 9)}",
    )


def score_personal_data(detect, rows) -> dict[str, dict[str, float]]:
    """Per-type precision and recall of a detector returning (subtype, start, end) tuples."""
    stats: dict[str, dict[str, int]] = {}
    for text, kind, value in rows:
        found = detect(text)
        if kind:
            start = text.index(value)
            s = stats.setdefault(kind, {"tp": 0, "fn": 0, "fp": 0})
            hit = any(t == kind and a <= start and start + len(value) <= b for t, a, b in found)
            s["tp" if hit else "fn"] += 1
        for t, a, b in found:
            start = text.index(value) if value else -1
            if t != kind or not (a <= start < b):
                stats.setdefault(t, {"tp": 0, "fn": 0, "fp": 0})["fp"] += 1
    return {
        k: {
            "precision": s["tp"] / max(1, s["tp"] + s["fp"]),
            "recall": s["tp"] / max(1, s["tp"] + s["fn"]),
            "n": s["tp"] + s["fn"],
        }
        for k, s in sorted(stats.items())
    }


def tillit_detect(text: str) -> list[tuple[str, int, int]]:
    """Tillit's personal-data findings as (subtype, start, end)."""
    from tillit.moderation.detectors.personal_data import find_personal_data

    return [(f.subtype, f.start, f.end) for f in find_personal_data(text)]
