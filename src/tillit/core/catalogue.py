"""The app's translations for code that runs without Django (``tillit moderate``).

Django's own gettext needs settings and the app registry, which ``tillit moderate`` skips to
start in about a second; the standard library reads the same compiled catalogue
(``locale/<lang>/LC_MESSAGES/django.mo``). Swedish by default, as the interface;
``TILLIT_LANGUAGE=en`` gives the English msgids.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

LOCALE = Path(__file__).resolve().parents[1] / "locale"
DEFAULT_LANGUAGE = "sv"


def language() -> str:
    """The language to speak: TILLIT_LANGUAGE, else Swedish."""
    return os.environ.get("TILLIT_LANGUAGE") or DEFAULT_LANGUAGE


@lru_cache(maxsize=4)
def translator(lang: str | None = None) -> Callable[[str], str]:
    """gettext for a language (language() by default); a msgid it lacks stays English."""
    lang = lang or language()
    return gettext.translation("django", localedir=LOCALE, languages=[lang], fallback=True).gettext
