"""The generated corpora for the pre-publication check (R18) are what they claim to be.

Identity numbers are checked with python-stdnum and an independent Luhn, not with the
generator's own helpers, so a bug in the generator cannot hide itself.
"""

import calendar
import re
import sys
from collections import Counter
from pathlib import Path

import pytest
from stdnum import luhn
from stdnum.se import personnummer

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

import publishing_texts as pt  # noqa: E402

ORDINARY = pt.ordinary_records(500, seed=0)
CONFIDENTIAL = pt.confidential_records(300, seed=0)
SWEDISH = set("åäöÅÄÖ")


def digits_of(number: str) -> str:
    return re.sub(r"\D", "", number)


def is_date_shaped(digits10: str, *, coordination: bool) -> bool:
    yy, mm, dd = int(digits10[:2]), int(digits10[2:4]), int(digits10[4:6])
    if coordination:
        dd -= 60
    return 1 <= mm <= 12 and any(
        1 <= dd <= calendar.monthrange(century + yy, mm)[1] for century in (1900, 2000)
    )


def identity_look_alikes(text: str) -> list[str]:
    """Every ten consecutive digits of a digit run (spaces, dashes, plus between them) that are
    Luhn-valid and date-shaped as a personnummer or a samordningsnummer."""
    found = []
    for run in re.finditer(r"\d(?:[\d \-–+]*\d)?", text):
        digits = digits_of(run.group())
        for start in range(len(digits) - 9):
            window = digits[start : start + 10]
            shaped = is_date_shaped(window, coordination=False) or is_date_shaped(
                window, coordination=True
            )
            if shaped and luhn.is_valid(window):
                found.append(window)
    return found


def test_corpora_are_deterministic_for_a_seed():
    assert pt.ordinary_posts(500, seed=0) == [post.text for post in ORDINARY]
    assert pt.confidential_posts(300, seed=0) == [(p.text, p.category) for p in CONFIDENTIAL]
    assert pt.ordinary_posts(50, seed=1) != pt.ordinary_posts(50, seed=2)
    assert pt.confidential_posts(50, seed=1) != pt.confidential_posts(50, seed=2)


def test_requested_sizes_and_defaults():
    assert len(pt.ordinary_posts()) == 500
    assert len(pt.confidential_posts()) == 300
    assert len(pt.ordinary_posts(7, seed=3)) == 7
    assert len(pt.confidential_posts(11, seed=3)) == 11
    assert pt.ordinary_posts(0) == [] and pt.confidential_posts(0) == []
    with pytest.raises(ValueError):
        pt.ordinary_posts(-1)


def test_ordinary_posts_are_varied():
    used = Counter(post.template for post in ORDINARY)
    assert len(pt.TEMPLATES) >= 40
    assert len(used) == len(pt.TEMPLATES)  # every template is used before any repeats
    assert max(used.values()) - min(used.values()) <= 1
    assert len({post.text for post in ORDINARY}) >= 400


def test_lengths_and_swedish_letters():
    texts = [post.text for post in ORDINARY] + [post.text for post in CONFIDENTIAL]
    assert all(0 < len(text) <= 2000 for text in texts)
    assert all(SWEDISH & set(text) for text in texts)
    assert "lorem" not in " ".join(texts).lower()


def test_every_personnummer_is_valid_by_stdnum():
    numbers = [post.evidence for post in CONFIDENTIAL if post.category == "personnummer"]
    assert len(numbers) >= 30
    for number in numbers:
        assert personnummer.is_valid(number.replace("–", "-")), number


def test_personnummer_come_in_every_written_form():
    def shape(number: str) -> str:
        return re.sub(r"\d", "9", number)

    shapes = {
        shape(p.evidence) for p in pt.confidential_records(900) if p.category == "personnummer"
    }
    assert shapes == {
        "99999999-9999",
        "999999-9999",
        "9999999999",
        "999999999999",
        "999999+9999",
        "999999 9999",
        "99999999 9999",
        "999999–9999",
        "99 99 99-9999",
        "9999-99-99-9999",
        "999999 - 9999",
    }


def test_every_samordningsnummer_is_valid():
    numbers = [p.evidence for p in CONFIDENTIAL if p.category == "samordningsnummer"]
    assert len(numbers) >= 30
    for number in numbers:
        digits = digits_of(number)[-10:]
        assert luhn.is_valid(digits), number
        assert 61 <= int(digits[4:6]) <= 91, number
        assert is_date_shaped(digits, coordination=True), number
        assert not personnummer.is_valid(number)  # the day alone tells the two apart


def test_luhn_pnr_matches_stdnum():
    assert pt.luhn_pnr("811228987") == "4"  # stdnum's example 811228-9874
    assert pt.luhn_pnr("19811228987") == "4"
    assert luhn.calc_check_digit("880320001") == pt.luhn_pnr("880320001")
    with pytest.raises(ValueError):
        pt.luhn_pnr("8112289")


def test_no_identity_number_look_alike_outside_the_numbered_categories():
    for post in ORDINARY:
        assert identity_look_alikes(post.text) == [], post.text
    for post in CONFIDENTIAL:
        found = identity_look_alikes(post.text)
        if post.category in ("personnummer", "samordningsnummer"):
            number = digits_of(post.evidence)
            assert number[-10:] in found, post.text
            assert all(window in number for window in found), post.text  # nothing else
        else:
            assert found == [], post.text


def test_case_number_regex_matches_case_posts_only():
    pattern = re.compile(pt.CASE_NUMBER_REGEX)
    for post in CONFIDENTIAL:
        if post.category == "case_number":
            assert pattern.fullmatch(post.evidence), post.evidence
            assert pattern.search(post.text), post.text
        else:
            assert not pattern.search(post.text), post.text
    assert not any(pattern.search(post.text) for post in ORDINARY)
    assert pattern.fullmatch("SN 2026/1234") and pattern.fullmatch("KS-2025-0042")
    assert not pattern.search("ärende 12 på dagordningen, säsongen 2026/2027")


def test_categories_are_even_and_the_detail_is_in_the_text():
    counts = Counter(post.category for post in CONFIDENTIAL)
    assert set(counts) == set(pt.CATEGORIES)
    assert max(counts.values()) - min(counts.values()) <= 1
    assert {post.position for post in CONFIDENTIAL} == {"start", "middle", "end"}
    for post in CONFIDENTIAL:
        assert post.evidence in post.text, (post.category, post.evidence, post.text)


def test_protected_names_appear_in_every_form():
    assert len(pt.PROTECTED_NAMES) == 10
    forms = set()
    for post in pt.confidential_records(900):
        if post.category != "protected_name":
            continue
        name = next(n for n in pt.PROTECTED_NAMES if n.lower() in post.text.lower())
        evidence = post.evidence
        possessive = evidence.lower() == name.lower() + "s"
        written = evidence[:-1] if possessive else evidence
        case = {name: "as written", name.lower(): "lower", name.upper(): "upper"}[written]
        forms.add((case, possessive))
    assert {case for case, _ in forms} == {"as written", "lower", "upper"}
    assert ("as written", True) in forms


def test_ordinary_posts_hold_only_public_contact_details():
    texts = [post.text for post in ORDINARY]
    joined = "\n".join(texts)
    emails = set(re.findall(r"[\w.+-]+@([\w-]+(?:\.[\w-]+)+)", joined))
    assert emails and emails <= set(pt.ORG_DOMAINS)
    mobiles = set(re.findall(r"(?<!\d)07\d-\d{3} \d{2} \d{2}(?!\d)", joined))
    assert mobiles <= set(pt.ORG_PHONES)
    assert all(phone in joined for phone in pt.ORG_PHONES)
    lowered = joined.lower()
    assert not any(name.lower() in lowered for name in pt.PROTECTED_NAMES)
    assert "sekretess" not in lowered and "skyddad identitet" not in lowered
    assert "osl" not in re.findall(r"\w+", lowered)
    assert "sekretariatet" in lowered  # the department, a hard negative


def test_private_contact_details_are_not_the_organisations():
    org_digits = {digits_of(phone) for phone in pt.ORG_PHONES}
    for post in CONFIDENTIAL:
        if post.category == "phone":
            digits = digits_of(post.evidence)
            national = "0" + digits[2:] if digits.startswith("46") else digits
            assert re.fullmatch(r"07\d{8}", national), post.evidence
            assert national not in org_digits
        if post.category == "email":
            assert post.evidence.rsplit("@", 1)[1] not in pt.ORG_DOMAINS


def test_hard_negatives_are_present():
    joined = "\n".join(post.text for post in ORDINARY)
    for needle in (
        "kl. 10–14",
        "ärende ",
        " kr",
        "941 85 Piteå",
        "0911-69 60 00",
        "kundtjanst@pitea.se",
        "https://www.pitea.se/",
        "Kommunstyrelsens ordförande Helena Stenberg",
        "linje ",
        "biljettnummer",
        "evenemangsnummer",
        "sänds på webben",
        "113 13",
        "vecka ",
    ):
        assert needle in joined, needle
    assert re.search(r"\b20\d\d-\d\d-\d\d kl\. 10–14", joined)
