"""Tests for the personal-data (R14) detectors."""

import random

import pytest

from tillit.moderation.detectors.personal_data import find_personal_data

from .corpus import (
    corpus,
    invalid_personnummer,
    mobile,
    personnummer_forms,
    score_personal_data,
    swedish_iban,
    tillit_detect,
)


def kinds(text):
    return [(f.subtype, f.evidence) for f in find_personal_data(text)]


@pytest.mark.parametrize("form", range(6))
@pytest.mark.parametrize("seed", range(5))
def test_every_personnummer_form(form, seed):
    value = personnummer_forms(random.Random(seed))[form]
    assert ("personnummer", value) in kinds(f"Hon har personnummer {value} enligt listan.")


@pytest.mark.parametrize("form", range(6))
def test_every_samordningsnummer_form(form):
    value = personnummer_forms(random.Random(3), samordning=True)[form]
    assert ("samordningsnummer", value) in kinds(f"Samordningsnummer: {value}")


def test_known_personnummer_with_plus_for_centenarians():
    assert kinds("född 811228+9874") == [("personnummer", "811228+9874")]


@pytest.mark.parametrize("seed", range(10))
def test_wrong_check_digit_is_not_flagged(seed):
    value = invalid_personnummer(random.Random(seed))
    assert not any(k == "personnummer" for k, _ in kinds(f"Numret {value} stämmer inte"))


def test_impossible_date_is_not_flagged():
    assert kinds("811328-9874") == []


@pytest.mark.parametrize(
    "phone",
    [
        "070-123 45 67",
        "0701234567",
        "+46 70 123 45 67",
        "+46701234567",
        "08-123 456 78",
        "031-12 34 56",
        "+44 20 7946 0958",
        "+1 202 555 0143",
    ],
)
def test_phone_numbers(phone):
    assert ("phone", phone) in kinds(f"Ring {phone} efter lunch")


@pytest.mark.parametrize("seed", range(10))
def test_generated_mobiles(seed):
    value = mobile(random.Random(seed))
    assert ("phone", value) in kinds(f"Mitt nummer: {value}.")


@pytest.mark.parametrize(
    "email", ["anna.svensson@example.se", "k+tag@kommun.se", "x_y@sub.domain.org"]
)
def test_emails(email):
    assert ("email", email) in kinds(f"Skriv till {email}, tack.")


@pytest.mark.parametrize(
    "address",
    [
        "Storgatan 12",
        "Drottninggatan 5B, 111 51 Stockholm",
        "Järnvägsvägen 98",
        "Backtorget 9",
        "Lilla Torggränd 3",
    ],
)
def test_addresses(address):
    text = f"Hon bor på {address} sedan i fjol"
    street = address.split(",")[0]
    found = find_personal_data(text)
    assert any(f.subtype == "address" and street in f.evidence for f in found), found


def test_iban_and_bank_account():
    value = swedish_iban(random.Random(1))
    assert ("iban", value) in kinds(f"Betala till {value} nu")
    assert ("bank_account", "8327-9, 123 456 789-0") in kinds("Mitt konto är 8327-9, 123 456 789-0")


def test_health_next_to_a_person():
    assert ("health", "cancer") in kinds("Min granne Anna Lindberg har cancer")
    assert kinds("Forskningen om cancer går framåt") == []


@pytest.mark.parametrize(
    "text",
    [
        "Mötet är 2024-05-12 kl 18.30",
        "Order 1234567890 skickad",
        "Det kostar 1 250 000 kr",
        "Postnummer 123 45",
        "Ärende 2023/1234",
        "Ring 112 vid nödläge",
    ],
)
def test_distractors_are_not_personal_data(text):
    assert kinds(text) == []


def test_generated_corpus_meets_targets():
    scores = score_personal_data(tillit_detect, corpus(1000))
    for kind in ("personnummer", "samordningsnummer", "phone", "email"):
        assert scores[kind]["recall"] >= 0.98, (kind, scores[kind])
        assert scores[kind]["precision"] >= 0.95, (kind, scores[kind])
