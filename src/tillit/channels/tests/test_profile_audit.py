"""The profile audit's judgement: a complete profile passes, each single omission fails
alone with the text to paste, and hostile text changes nothing."""

import pytest

from tillit.channels.profile_audit import Expected, ProfileRead, audit_profile

EXPECTED = Expected(
    sender_names=("Piteå kommun", "Piteå kommuns bibliotek"),
    purpose="Nyheter och evenemang från biblioteken i Piteå.",
    rules_url="https://tillit.pitea.se/kanaler/abc/regler/",
    rules_text="Inga personangrepp, ingen reklam.",
    website="https://www.pitea.se/",
    collection="https://www.pitea.se/socialamedier",
)
COMPLETE = (
    "Piteå kommuns bibliotek. Nyheter och evenemang från biblioteken i Piteå. "
    "Kommentarsregler: tillit.pitea.se/kanaler/abc/regler Alla kanaler: "
    "www.pitea.se/socialamedier"
)


def test_a_complete_profile_passes():
    audit = audit_profile(ProfileRead(COMPLETE, links=("http://pitea.se",)), EXPECTED)
    assert audit.passed and audit.missing == () and audit.paste == ""


@pytest.mark.parametrize(
    ("text", "links", "missing"),
    [
        (COMPLETE.replace("Piteå kommuns bibliotek. ", ""), ("https://pitea.se",), "sender"),
        (
            COMPLETE.replace("Nyheter och evenemang från biblioteken i Piteå. ", ""),
            ("https://pitea.se",),
            "purpose",
        ),
        (
            COMPLETE.replace("Kommentarsregler: tillit.pitea.se/kanaler/abc/regler ", ""),
            ("https://pitea.se",),
            "rules",
        ),
        (COMPLETE, (), "website"),
        (
            COMPLETE.replace("Alla kanaler: www.pitea.se/socialamedier", ""),
            ("pitea.se",),
            "collection",
        ),
    ],
)
def test_each_omission_fails_alone_with_what_to_paste(text, links, missing):
    audit = audit_profile(ProfileRead(text, links=links), EXPECTED)
    assert audit.missing == (missing,)
    [check] = [c for c in audit.checks if not c.passed]
    assert audit.paste == check.add and audit.paste


def test_the_rules_text_itself_counts_as_the_rules():
    text = COMPLETE.replace(
        "Kommentarsregler: tillit.pitea.se/kanaler/abc/regler", "Inga  personangrepp, ingen REKLAM."
    )
    assert "rules" not in audit_profile(ProfileRead(text, ("pitea.se",)), EXPECTED).missing


def test_an_empty_or_hostile_profile_fails_everything_and_pastes_everything():
    for text in ("", "<script>alert('Piteå')</script>" * 1000, "javascript:alert(1)"):
        audit = audit_profile(ProfileRead(text), EXPECTED)
        assert set(audit.missing) >= {"purpose", "rules", "website", "collection"}
        assert "https://www.pitea.se/socialamedier" in audit.paste


def test_a_lookalike_host_is_not_the_website():
    text = COMPLETE + " https://pitea.se.example.com/"
    audit = audit_profile(ProfileRead(text, ("https://pitea-se.example",)), EXPECTED)
    assert "website" in audit.missing
