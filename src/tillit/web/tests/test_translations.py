"""The Swedish catalogue is complete and compiled: no English on a Swedish page."""

import re
from pathlib import Path

LOCALE = Path(__file__).resolve().parents[2] / "locale" / "sv" / "LC_MESSAGES"


def test_every_msgid_has_a_swedish_msgstr():
    text = (LOCALE / "django.po").read_text(encoding="utf-8")
    # An entry whose msgstr is empty and not followed by continuation lines is untranslated.
    untranslated = re.findall(r'\nmsgid "(.+)"\nmsgstr ""\n(?!")', text)
    assert untranslated == []


def test_catalogue_is_compiled_after_the_last_edit():
    po, mo = LOCALE / "django.po", LOCALE / "django.mo"
    assert mo.exists()
    from django.utils import translation

    with translation.override("sv"):
        assert translation.gettext("Channel register") == "Kanalregister"
