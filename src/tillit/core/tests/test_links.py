"""The link check and its template tags on the addresses attackers actually write."""

from __future__ import annotations

import pytest
from django.template import Context, Template

from tillit.core.links import MAX_LENGTH, local_path, web_url

from .html_checks import anchors, unsafe_urls

GOOD = [
    ("https://exempelby.se/nyheter/vatten", "https://exempelby.se/nyheter/vatten"),
    ("http://exempelby.se", "http://exempelby.se"),
    ("HTTPS://Exempelby.SE/a?b=c&d=e#f", "HTTPS://Exempelby.SE/a?b=c&d=e#f"),
    ("https://mastodon.example/@alice/1234", "https://mastodon.example/@alice/1234"),
    ("https://räksmörgås.se/", "https://räksmörgås.se/"),
    ("https://[2001:db8::1]:8443/x", "https://[2001:db8::1]:8443/x"),
    ("https://user@exempelby.se/", "https://user@exempelby.se/"),
    # Browsers trim these, so the checked address is the trimmed one.
    ("  https://exempelby.se/  ", "https://exempelby.se/"),
    ("\x00\x1fhttps://exempelby.se/\x0b", "https://exempelby.se/"),
    ("https://exempel\tby.se/\n", "https://exempelby.se/"),
]

BAD = [
    "javascript:alert(document.domain)",
    "JavaScript:alert(1)",
    "JAVASCRIPT:alert(1)",
    " javascript:alert(1)",
    "\x01javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "java\rscript:alert(1)",
    "javascript&#58;alert(1)",
    "javascript&colon;alert(1)",
    "&#106;avascript:alert(1)",
    "javascript://exempelby.se/%0aalert(1)",
    "jav&#x09;ascript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "DATA:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "VBScript:msgbox(1)",
    "file:///etc/passwd",
    "ftp://exempelby.se/",
    "mailto:a@example.se",
    "blob:https://exempelby.se/uuid",
    "//evil.example/",
    "/inkorg/1/",
    "exempelby.se/nyheter",
    "https:exempelby.se",
    "https:/exempelby.se",
    "https:\\\\evil.example",
    "https://\\evil.example",
    "https://",
    "https:///path",
    "https://exempelby.se:port/",
    "https://exem pelby.se/",
    "https://exempelby.se/ a",
    'https://"onmouseover="alert(1)/',
    "https://<script>/",
    "https://ex\u2028ample.se\x00/",
    "javascript\uff1aalert(1)",
    "https://[::1/",
    "",
    "   ",
    "https://exempelby.se/" + "a" * MAX_LENGTH,
]


@pytest.mark.parametrize(("value", "expected"), GOOD)
def test_web_addresses_pass_as_the_browser_reads_them(value, expected):
    assert web_url(value) == expected


@pytest.mark.parametrize("value", BAD)
def test_everything_else_is_refused(value):
    assert web_url(value) == ""


@pytest.mark.parametrize("value", [None, 42, b"https://exempelby.se/", ["https://x.se"]])
def test_non_text_is_refused(value):
    assert web_url(value) == "" and local_path(value) == ""


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("/inkorg/12/", True),
        ("/granska/?a=1", True),
        (" /notiser/", True),
        ("//evil.example/", False),
        ("/\\evil.example", False),
        ("/\t/evil.example", False),
        ("https://exempelby.se/", False),
        ("javascript:alert(1)", False),
        ("inkorg/12/", False),
    ],
)
def test_local_paths(value, ok):
    assert bool(local_path(value)) is ok


def _render(source: str, **context) -> str:
    return Template("{% load safe_urls %}" + source).render(Context(context))


@pytest.mark.parametrize("value", BAD[:20])
def test_external_link_renders_a_refused_address_as_text(value):
    html = _render('{% external_link url "Öppna" %}', url=value)
    assert anchors(html) == [] and unsafe_urls(html) == []
    assert html.startswith("Öppna ") and "refused-link" in html


def test_external_link_escapes_what_it_shows():
    html = _render("{% external_link url %}", url='javascript:alert("<b>")')
    assert "<b>" not in html and "&lt;b&gt;" in html and anchors(html) == []


def test_external_link_links_a_web_address():
    html = _render('{% external_link url "Öppna" %}', url=" https://exempelby.se/a?x=1&y=2")
    assert anchors(html) == [("https://exempelby.se/a?x=1&y=2", "Öppna")]
    assert 'rel="noopener noreferrer nofollow"' in html and "&amp;y=2" in html


def test_external_link_without_label_shows_the_address_and_nothing_for_empty():
    assert anchors(_render("{% external_link url %}", url="https://exempelby.se/")) == [
        ("https://exempelby.se/", "https://exempelby.se/")
    ]
    assert _render("{% external_link url %}", url="") == ""
    assert _render('{% external_link url "Öppna" %}', url=None) == "Öppna"


def test_external_link_shortens_a_long_refused_address():
    html = _render("{% external_link url %}", url="javascript:" + "a" * 5000)
    assert len(html) < 500


def test_filters():
    assert _render("{{ u|web_href }}", url="x", u="javascript:alert(1)") == ""
    assert _render("{{ u|web_href }}", u="https://exempelby.se/") == "https://exempelby.se/"
    assert _render("{{ u|local_href }}", u="//evil.example/") == ""
    assert _render("{{ u|local_href }}", u="/inkorg/1/") == "/inkorg/1/"
