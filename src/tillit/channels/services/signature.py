"""The signature rule (R12): who speaks, filled from the author's person record.

A channel's ``signature_template`` is empty (the organisation's own voice) or a short text
with placeholders, such as ``/{förnamn}, {funktion}`` or ``Hälsningar {namn}, {funktion}``.
This module is the one place that checks a template, fills it for a person and tells
whether a text carries it, so the inbox's replies and the publishing composer (issue 13)
apply the same rule and refuse for the same reasons.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from tillit.core.exceptions import Refused

#: Placeholder -> what it is filled with. Swedish names, as the people writing rules use them.
PLACEHOLDERS = ("förnamn", "efternamn", "namn", "funktion")
#: At least one of these: a signature that does not name the person does not say who speaks.
NAMING = frozenset({"förnamn", "efternamn", "namn"})
MAX_LENGTH = 200

_FIELD = re.compile(r"\{([^{}]*)\}")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


class SignatureMissing(Refused):
    """The channel asks for a signature the person's record cannot fill, or the text lacks it."""


@dataclass(frozen=True)
class Signature:
    """A channel's rule for one person: the filled text ('' for the organisation's voice)."""

    template: str
    text: str

    @property
    def required(self) -> bool:
        """Whether the channel asks for a signature at all."""
        return bool(self.template)


def placeholders_in(template: str) -> list[str]:
    """The placeholder names a template uses, in order."""
    return [name.strip() for name in _FIELD.findall(template)]


def signature_validate(template: str) -> str:
    """The template as stored (trimmed); ValidationError names every problem in Swedish."""
    template = (template or "").strip()
    if not template:
        return ""
    problems: list[str] = []
    if len(template) > MAX_LENGTH:
        problems.append(
            _("The signature rule may be at most %(max)d characters.") % {"max": MAX_LENGTH}
        )
    if _CONTROL.search(template) or "\n" in template:
        problems.append(_("The signature rule must be one line without control characters."))
    leftover = _FIELD.sub("", template)
    if "{" in leftover or "}" in leftover:
        problems.append(_("Every { in the signature rule needs its }, around a placeholder."))
    names = placeholders_in(template)
    unknown = sorted({n for n in names if n not in PLACEHOLDERS})
    if unknown:
        problems.append(
            _("Unknown placeholders: %(unknown)s. Use %(known)s.")
            % {
                "unknown": ", ".join(f"{{{n}}}" for n in unknown),
                "known": ", ".join(f"{{{n}}}" for n in PLACEHOLDERS),
            }
        )
    if not NAMING & set(names) and not unknown:
        problems.append(
            _("The signature must name who speaks: use {förnamn}, {efternamn} or {namn}.")
        )
    if problems:
        raise ValidationError({"signature_template": problems})
    return template


def _values(person) -> dict[str, str]:
    name = " ".join((getattr(person, "name", "") or "").split())
    parts = name.split(" ") if name else []
    return {
        "förnamn": parts[0] if parts else "",
        "efternamn": parts[-1] if len(parts) > 1 else "",
        "namn": name,
        "funktion": " ".join((getattr(person, "function", "") or "").split()),
    }


def _label(name: str) -> str:
    """What a placeholder asks of the person record, in the reader's language."""
    return {
        "förnamn": _("first name"),
        "efternamn": _("last name"),
        "namn": _("name"),
        "funktion": _("function"),
    }.get(name, name)


def signature_for(channel, person) -> Signature:
    """The channel's signature filled for one person; SignatureMissing when their record lacks a part.

    The refusal names what is missing, so the person knows to ask for their record to be
    completed (the organisation's administrator edits people).
    """
    template = (getattr(channel, "signature_template", "") or "").strip()
    if not template:
        return Signature("", "")
    values = _values(person)
    missing = [n for n in dict.fromkeys(placeholders_in(template)) if not values.get(n)]
    if missing:
        labels = ", ".join(_label(n) for n in missing)
        raise SignatureMissing(
            _(
                "The channel's signature rule (%(rule)s) needs your %(missing)s, which your "
                "person record lacks. Ask the organisation's administrator to add it."
            )
            % {"rule": template, "missing": labels}
        )
    text = _FIELD.sub(lambda m: values.get(m.group(1).strip(), ""), template)
    return Signature(template, text)


def signature_present(text: str, signature: Signature) -> bool:
    """Whether the text ends with the filled signature (trailing space ignored)."""
    if not signature.required:
        return True
    return text.rstrip().endswith(signature.text)


def signature_apply(text: str, signature: Signature) -> str:
    """The text signed: the signature on its own last line, unless the writer already put it there."""
    body = text.rstrip()
    if not signature.required or signature_present(body, signature):
        return body
    return f"{body}\n{signature.text}"


def signature_check(text: str, signature: Signature) -> None:
    """Refuse a text that lacks the signature the channel asks for (before queuing or publishing)."""
    if not signature_present(text, signature):
        raise SignatureMissing(
            _("The channel asks every reply to be signed %(signature)s; this text is not.")
            % {"signature": signature.text}
        )


def signature_shape_present(text: str, template: str) -> bool:
    """Whether the text ends with something of the template's shape (no person to fill it).

    For checks without an author (``tillit publish check`` without ``--author``): each
    placeholder stands for some words, the rest of the template must be there as written.
    """
    template = (template or "").strip()
    if not template:
        return True
    parts = _FIELD.split(template)
    # split() alternates literal text and placeholder names; names become "some words".
    pattern = "".join(re.escape(p) if i % 2 == 0 else r"[^\n]+?" for i, p in enumerate(parts))
    return re.search(rf"(?:^|\n)\s*{pattern}\s*$", text.rstrip()) is not None
