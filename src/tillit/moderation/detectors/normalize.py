"""Length-preserving text normalisation so lexicon spans map back to the original text."""

from __future__ import annotations

import re
from functools import lru_cache

LETTERS = "a-zåäöéèüæøß"

# Leet and look-alike characters seen in evasion ("j4vla", "idi0t", "$kit"); one char to one
# char, so that offsets in the normalised text are offsets in the original text.
_LEET = str.maketrans(
    {
        "4": "a",
        "@": "a",
        "3": "e",
        "€": "e",
        "1": "i",
        "0": "o",
        "5": "s",
        "$": "s",
        "7": "t",
        "ß": "s",
    }
)
_LEET_CHARS = re.compile("[" + re.escape("".join(chr(c) for c in _LEET)) + "]")
_FOLD = str.maketrans(
    {"å": "a", "ä": "a", "ö": "o", "é": "e", "è": "e", "ü": "u", "æ": "a", "ø": "o"}
)

# Three or more letters each standing alone between separators: "j ä v l a", "k.u.k".
_SPACED = re.compile(
    rf"(?<![{LETTERS}0-9])(?:[{LETTERS}0-9@$][ .\-_*·]{{1,2}}){{2,}}"
    rf"[{LETTERS}0-9@$](?![{LETTERS}0-9])"
)
_SPACE_SEP = re.compile(r"[ .\-_*·]")
ELONGATED = re.compile(rf"([{LETTERS}])\1\1+")


@lru_cache(maxsize=1)
def lowered(text: str) -> str:
    """text.lower(), kept for the last text only: each detector of one analysis asks for it."""
    return text.lower()


def normalise(text: str) -> str:
    """Lower-case and de-leet the text without changing its length."""
    lowered = text.lower()
    if len(lowered) != len(text):
        # A handful of characters (e.g. "İ") lower-case to two; keep those as they are.
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    # str.translate with a dict looks up every character in Python (~0.1 µs each); most
    # comments have no leet character at all, and those that do have a few.
    if not _LEET_CHARS.search(lowered):
        return lowered
    return _LEET_CHARS.sub(_leet_char, lowered)


def _leet_char(match: re.Match[str]) -> str:
    return match.group().translate(_LEET)


def fold(word: str) -> str:
    """Fold Swedish diacritics away, for dictionary keys."""
    return word.translate(_FOLD)


def despaced_variants(norm: str) -> list[tuple[str, list[int]]]:
    """Return the text with spaced-out words joined, and each char's original offset."""
    if not _SPACED.search(norm):
        return []
    out: list[str] = []
    index: list[int] = []
    pos = 0
    for m in _SPACED.finditer(norm):
        out.append(norm[pos : m.start()])
        index.extend(range(pos, m.start()))
        for i in range(m.start(), m.end()):
            if not _SPACE_SEP.match(norm[i]):
                out.append(norm[i])
                index.append(i)
        pos = m.end()
    out.append(norm[pos:])
    index.extend(range(pos, len(norm)))
    return [("".join(out), index)]


def deelongated_variants(norm: str) -> list[tuple[str, list[int]]]:
    """Return the text with stretched letters ("jäääävla") cut to one and to two."""
    if not ELONGATED.search(norm):
        return []
    variants = []
    for keep in (1, 2):
        out: list[str] = []
        index: list[int] = []
        pos = 0
        for m in ELONGATED.finditer(norm):
            out.append(norm[pos : m.start()])
            index.extend(range(pos, m.start()))
            out.append(m.group(1) * keep)
            index.extend(range(m.start(), m.start() + keep))
            pos = m.end()
        out.append(norm[pos:])
        index.extend(range(pos, len(norm)))
        variants.append(("".join(out), index))
    return variants
