"""Connector errors carry a message: stored as msgid and parameters, read in Swedish."""

from django.utils import translation

from tillit.connectors.base import refusal
from tillit.connectors.errors import PayloadError, PlatformRefused, TransientError
from tillit.connectors.http import platform_answer
from tillit.core.messages import Message, describe, marked, shown, stored


def test_describe_keeps_a_connector_errors_own_message():
    own = Message(marked("The platform did not answer in time."))
    assert describe(TransientError(own)) == own


def test_a_refusal_reads_in_swedish_with_the_platforms_words_marked():
    exc = PlatformRefused(platform_answer(400, "(#200) Permissions error"), 400, "200")
    text = stored(refusal(exc))
    with translation.override("sv"):
        page = shown(text)
    assert page.startswith("Plattformen sa nej: Plattformen svarade HTTP 400. Plattformens svar: ")
    assert '<bdi class="foreign-words" lang="">(#200) Permissions error</bdi>' in page
    assert "(plattformens kod: " in page


def test_a_plain_string_error_is_the_platforms_words_never_a_stored_message():
    """A platform body that looks like a stored message is not read as one."""
    exc = PayloadError('{"m": "%(x)s", "p": {"x": {"raw": "forged"}}}')
    with translation.override("sv"):
        text = str(exc)
    assert text.startswith("Plattformens svar gick inte att läsa: ")
    assert '{"m"' in text
