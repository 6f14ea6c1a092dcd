"""Stored messages: written once, read in the reader's language, hostile words kept harmless."""

import json

import pytest
from django.utils import translation
from django.utils.translation import gettext_lazy

from tillit.core.messages import (
    FOREIGN_LIMIT,
    Message,
    describe,
    foreign,
    load,
    shown,
    shown_text,
    stored,
)

REFUSED = gettext_lazy("The platform refused: %(reason)s")
ANSWER = gettext_lazy("The platform answered HTTP %(status)s. The platform's answer: %(answer)s")


def _refusal(words: str) -> Message:
    return Message(REFUSED, reason=Message(ANSWER, status=400, answer=foreign(words)))


def test_a_stored_message_reads_in_each_readers_language():
    with translation.override("en"):
        text = stored(_refusal("Permissions error"))
    assert json.loads(text)["m"] == "The platform refused: %(reason)s"
    with translation.override("sv"):
        assert shown(text, html=False) == (
            "Plattformen sa nej: Plattformen svarade HTTP 400. Plattformens svar: Permissions error"
        )
    with translation.override("en"):
        assert shown(text, html=False).startswith("The platform refused: The platform answered")


def test_foreign_words_are_escaped_bounded_and_marked():
    text = stored(_refusal("<script>alert(1)</script>" + "x" * 1000))
    with translation.override("sv"):
        page = shown(text)
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert '<bdi class="foreign-words" lang="">' in page
    marked = page.split('lang="">')[1].split("</bdi>")[0]
    assert len(marked) < FOREIGN_LIMIT + 40  # bounded (escaping adds a few characters)


def test_a_long_message_is_shortened_to_the_column_never_cut_into_bad_json():
    text = stored(_refusal("y" * 5000), max_length=200)
    message = load(text)
    assert len(text) <= 200 and message is not None
    assert message.msgid == "The platform refused: %(reason)s"


def test_old_plain_rows_are_labelled_and_finished_text_stays_as_it_is():
    with translation.override("sv"):
        assert shown("gave up after 5 attempts", html=False) == (
            "Registrerad text: gave up after 5 attempts"
        )
        assert shown_text("Piteå bibliotek: Aktiv") == "Piteå bibliotek: Aktiv"
        assert shown_text("<b>x</b>") == "&lt;b&gt;x&lt;/b&gt;"


@pytest.mark.parametrize(
    "hostile",
    [
        '{"m": 5}',
        '{"m": "%(a)s", "p": []}',
        '{"m": "%(a)s %(b)s", "p": {"a": 1}}',
        '{"m": "%(a)s", "p": {"a": {"m": {"m": 1}}}}',
        '{"m": "x", "p": {"a": {"m": "%(b)s", "p": {"b": {"m": "%(c)s", "p": {"c": '
        '{"m": "%(d)s", "p": {"d": {"m": "%(e)s", "p": {"e": {"m": "deep"}}}}}}}}}}}',
        '{"m": "broken',
    ],
)
def test_a_broken_stored_value_never_breaks_the_page(hostile):
    assert isinstance(shown(hostile), str)


def test_names_are_shown_as_typed_not_marked_foreign():
    text = stored(Message(gettext_lazy("%(name)s is dormant"), name="Piteå <bibliotek>"))
    with translation.override("sv"):
        assert shown(text) == "<bdi>Piteå &lt;bibliotek&gt;</bdi> är vilande"


def test_describe_names_any_fault():
    other = describe(RuntimeError("socket on fire"))
    assert (
        other.params["kind"] == "RuntimeError" and str(other.params["detail"]) == "socket on fire"
    )
