"""URL normalisation for the profile audit: one place written many ways compares equal;
hostile or odd input is no address; links are found in Swedish profile text."""

import pytest

from tillit.channels.profile_links import MAX_LINKS, is_shortened, links_in, normalise, same_place

COLLECTION = "https://www.pitea.se/socialamedier"


@pytest.mark.parametrize(
    "written",
    [
        "https://www.pitea.se/socialamedier",
        "http://www.pitea.se/socialamedier/",
        "https://pitea.se/socialamedier",
        "HTTPS://WWW.PITEA.SE/socialamedier",
        "pitea.se/socialamedier",
        "www.pitea.se/socialamedier/",
        "https://www.pitea.se:443/socialamedier",
        "https://www.pitea.se/socialamedier#kanaler",
        "https://www.pitea.se/socialamedier?utm_source=facebook&utm_medium=social",
        "https://www.pitea.se/socialamedier?fbclid=IwAR0abc",
        "  https://www.pitea.se/socialamedier  ",
        "https://user@www.pitea.se/socialamedier",
    ],
)
def test_one_place_written_many_ways(written):
    assert normalise(written) == "https://pitea.se/socialamedier"
    assert same_place(written, COLLECTION)


@pytest.mark.parametrize(
    "other",
    [
        "https://www.pitea.se/",
        "https://www.pitea.se/socialamedier/gamla",
        "https://www.pitea.se/SocialaMedier",  # paths are case-sensitive on the web
        "https://pitea.se.example.com/socialamedier",
        "https://www.pitea.se:8443/socialamedier",
        "https://www.pitea.se/socialamedier?sida=2",
    ],
)
def test_other_places_differ(other):
    assert not same_place(other, COLLECTION)


def test_the_query_that_matters_is_kept_and_sorted():
    assert normalise("https://ex.se/s?b=2&utm_campaign=x&a=1") == "https://ex.se/s?a=1&b=2"


def test_international_names_compare_in_idna():
    assert normalise("https://www.piteå.se/") == "https://xn--pite-toa.se"
    assert same_place("piteå.se", "https://xn--pite-toa.se/")


@pytest.mark.parametrize(
    "hostile",
    [
        "javascript:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "https://",
        "https://exa mple.se/",
        "https://<script>.se/",
        "https://ex.se:notaport/",
        "x" * 10_000,
        "",
        None,
        42,
        ["https://ex.se"],
    ],
)
def test_hostile_input_is_no_address(hostile):
    assert normalise(hostile) == ""
    assert not same_place(hostile, hostile)


def test_shorteners_are_recognised():
    assert is_shortened("https://bit.ly/3abcDEF")
    assert is_shortened("lnkd.in/eXyZ")
    assert not is_shortened(COLLECTION)


def test_links_in_a_swedish_profile_text():
    text = (
        "Välkommen till Piteå kommuns sida! Här svarar vi vardagar 8–16, t.ex. om "
        "öppettider. Läs våra kommentarsregler: https://tillit.pitea.se/kanaler/abc/regler/. "
        "Alla kanaler: www.pitea.se/socialamedier. Webb: pitea.se. Frågor? "
        "Mejla kommun@pitea.se (inte en länk). Se även (https://bit.ly/xyz)."
    )
    assert links_in(text) == [
        "https://tillit.pitea.se/kanaler/abc/regler",
        "https://pitea.se/socialamedier",
        "https://pitea.se",
        "https://bit.ly/xyz",
    ]


def test_links_in_is_bounded_and_defensive():
    many = " ".join(f"https://ex{n}.se" for n in range(500))
    assert len(links_in(many)) == MAX_LINKS
    assert links_in("a" * 1_000_000 + " https://ex.se") == []  # beyond the bound
    assert links_in(None) == [] and links_in("<a href='javascript:x'>klick</a>") == []
