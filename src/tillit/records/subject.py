"""A suggested subject for a direct message: its first real sentence, bounded."""

import re

MAX_SUBJECT = 80
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
# A greeting says nothing about the matter, so it is dropped ("Hej! Jag vill ...").
_GREETING = re.compile(
    r"^(hej(san)?|hallå|tjena|god (morgon|dag|kväll)|goddag|hello|hi)\b[\s,!.:]*", re.IGNORECASE
)


def suggest_subject(text: str) -> str:
    """The first sentence that is more than a greeting, cut at a word within 80 characters."""
    flat = " ".join(text.split())
    chosen = ""
    for sentence in _SENTENCE.split(flat):
        rest = _GREETING.sub("", sentence).strip()
        if len(rest) > 3:
            chosen = rest[0].upper() + rest[1:]
            break
    if len(chosen) > MAX_SUBJECT:
        return chosen[: MAX_SUBJECT - 1].rsplit(" ", 1)[0] + "…"
    return chosen.rstrip(".")
