"""The Swedish catalogue is complete and compiled: no English on a Swedish page."""

import gettext
import re
from pathlib import Path

LOCALE = Path(__file__).resolve().parents[2] / "locale" / "sv" / "LC_MESSAGES"
SINGLE_LINE_PAIR = re.compile(r'\n(?:msgctxt "(.*)"\n)?msgid "(.+)"\nmsgstr "(.+)"\n')


def test_every_msgid_has_a_swedish_msgstr():
    text = (LOCALE / "django.po").read_text(encoding="utf-8")
    # An entry whose msgstr is empty and not followed by continuation lines is untranslated.
    untranslated = re.findall(r'\nmsgid "(.+)"\nmsgstr ""\n(?!")', text)
    assert untranslated == []


def test_compiled_catalogue_matches_the_source():
    text = (LOCALE / "django.po").read_text(encoding="utf-8")
    with (LOCALE / "django.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    pairs = SINGLE_LINE_PAIR.findall(text)
    assert len(pairs) > 100

    def unescape(text: str) -> str:
        return text.replace('\\"', '"')

    stale = [
        msgid
        for context, msgid, msgstr in pairs
        if (
            compiled.pgettext(context, unescape(msgid))
            if context
            else compiled.gettext(unescape(msgid))
        )
        != unescape(msgstr)
    ]
    assert stale == [], "run `make messages` to recompile"
