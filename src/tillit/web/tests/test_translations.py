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


def _catalogue_msgids() -> set[str]:
    text = (LOCALE / "django.po").read_text(encoding="utf-8")
    ids = set(re.findall(r'^msgid "(.+)"$', text, re.M))
    for block in re.finditer(r'^msgid ""\n((?:".*"\n)+)', text, re.M):
        ids.add("".join(re.findall(r'^"(.*)"$', block.group(1), re.M)))
    return ids


def test_every_source_string_is_in_the_catalogue():
    """A string added to the code after the last `make messages` would show in English."""
    source = LOCALE.parents[2]
    ids = _catalogue_msgids()
    calls = re.compile(r'(?<![\w.])_\(\s*"((?:[^"\\\n]|\\.)+)"\s*[,)]')
    tags = re.compile(r'{%\s*(?:translate|trans)\s+"((?:[^"\\]|\\.)+)"')
    missing = []
    for path in source.rglob("*.py"):
        if "tests" not in path.parts and "migrations" not in path.parts:
            missing += [m for m in calls.findall(path.read_text(encoding="utf-8")) if m not in ids]
    for path in source.rglob("*.html"):
        missing += [m for m in tags.findall(path.read_text(encoding="utf-8")) if m not in ids]
    assert missing == [], "run `make messages`"
