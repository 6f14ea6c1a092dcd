"""Texts for people that are made in one place and shown later, in the reader's language.

Low layers (connectors, the outbox, ingest) must not decide the language: a worker has no
reader, and a row written today is read tomorrow by someone else. They build a ``Message``:
an English gettext msgid and its %-parameters. ``str(message)`` translates into the active
language. This module imports nothing from Django when loaded (the connectors must work
without it); translating imports ``django.utils.translation`` on first use.

Marking a msgid: ``from tillit.core.messages import marked as _`` then ``_("Page id")``
returns the English text unchanged and ``make messages`` (xgettext's ``_`` keyword) puts it
in the catalogue; whoever shows it translates it (``Message(text)``, ``gettext(text)`` or
``{% translate value %}``). Outside the connectors, ``gettext_lazy`` texts work as well.

Storage format (text columns such as ``ActionRequest.detail``, ``Connection.state_detail``,
``Connection.poll_error``, ``IngestProblem.reason``): ``stored(value)`` writes

    {"m": "<English msgid>", "p": {"name": <param>, ...}}

where a param is an integer, a nested message of the same shape, ``{"text": "<name>"}``
(a name someone typed, such as a channel's: shown as it is, bidi-isolated), or
``{"raw": "<text>"}``: words that are not Tillit's (a platform's error body, a server's
reason), never translated and marked as another language. ``shown(text)`` / the ``{{ value|shown }}`` filter in
``core_messages`` turns a stored value back into text in the reader's language; raw words
come out bounded and wrapped in ``<bdi class="foreign-words" lang="">`` so a reader (and a
screen reader) can tell them from Tillit's own. Anything that is not a stored message (a
row written before this format) is shown as raw words under the label "Recorded text".

Usage::

    from tillit.core.messages import Message, foreign, marked as _, stored, shown

    detail = Message(_("The platform refused: %(reason)s"), reason=foreign(body))
    action.detail = stored(detail)          # write
    {{ action.detail|shown }}               # read, in a template (load core_messages)
    shown(action.detail, html=False)        # read, in Python (mail, notices)
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django.utils.functional import Promise

# Words from outside (a platform's answer) are bounded wherever they are kept or shown.
FOREIGN_LIMIT = 300
# A stored message is rebuilt from the database: bound its depth and size too.
_MAX_DEPTH = 4
_MAX_PARAMS = 12


def marked(msgid: str) -> str:
    """Mark ``msgid`` for the catalogue and return it unchanged (a Django-free gettext_noop)."""
    return msgid


_ = marked
_RECORDED = _("Recorded text: %(text)s")


def _is_lazy(value: Any) -> bool:
    """True for a gettext_lazy text; nothing is lazy while Django is not even loaded."""
    functional = sys.modules.get("django.utils.functional")
    return functional is not None and isinstance(value, functional.Promise)


class Foreign:
    """Words Tillit did not write (a platform's error message): kept as they are, bounded."""

    __slots__ = ("text",)

    def __init__(self, text: object) -> None:
        """Keep at most FOREIGN_LIMIT characters of ``text``."""
        value = str(text or "").strip()
        self.text = value if len(value) <= FOREIGN_LIMIT else value[: FOREIGN_LIMIT - 1] + "…"

    def __str__(self) -> str:
        """The words themselves."""
        return self.text

    def __repr__(self) -> str:
        """The words, marked as foreign, for logs."""
        return f"foreign({self.text!r})"

    def __eq__(self, other: object) -> bool:
        """Equal to other foreign words with the same text."""
        return isinstance(other, Foreign) and other.text == self.text

    def __hash__(self) -> int:
        """Hash of the text."""
        return hash(("foreign", self.text))


class Name(Foreign):
    """A name someone typed (a channel, a person): shown as it is, not marked as foreign."""

    def __repr__(self) -> str:
        """The name, for logs."""
        return f"name({self.text!r})"


def foreign(text: object) -> Foreign:
    """Mark ``text`` as someone else's words (shown untranslated, bounded, labelled by lang)."""
    return Foreign(text)


class Message:
    """An English msgid with %-parameters, translated whenever it is turned into text.

    ``text`` is a ``gettext_lazy`` string (or a plain English string already in the
    catalogue); parameters may be strings, numbers, other messages or ``Foreign`` words.
    """

    __slots__ = ("params", "text")

    def __init__(self, text: str | Promise, /, **params: Any) -> None:
        """Keep the msgid and the parameters; nothing is translated yet."""
        self.text = text
        self.params: dict[str, Any] = params

    @property
    def msgid(self) -> str:
        """The English catalogue key (the text with no language active)."""
        if _is_lazy(self.text):
            from django.utils import translation

            with translation.override(None):
                return str(self.text)
        return str(self.text)

    def render(self, *, html: bool = False) -> str:
        """The text in the active language; with ``html``, escaped and foreign words marked."""
        return _render(self.msgid, self.params, html=html, depth=0)

    def __str__(self) -> str:
        """The text in the active language (so ``str(exc)`` and ``%s`` read naturally)."""
        return self.render()

    def __repr__(self) -> str:
        """The msgid and parameters, for logs and test failures."""
        return f"Message({self.msgid!r}, {self.params!r})"

    def __eq__(self, other: object) -> bool:
        """Same msgid and same parameters."""
        return (
            isinstance(other, Message) and other.msgid == self.msgid and other.params == self.params
        )

    def __hash__(self) -> int:
        """Hash of the msgid."""
        return hash(self.msgid)

    def to_json(self) -> dict[str, Any]:
        """The storable form (see the module docstring)."""
        return {"m": self.msgid, "p": {k: _param_json(v) for k, v in self.params.items()}}


def _param_json(value: Any) -> Any:
    if isinstance(value, Message):
        return value.to_json()
    if isinstance(value, Name):
        return {"text": value.text}
    if isinstance(value, Foreign):
        return {"raw": value.text}
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        return value
    if _is_lazy(value):
        # A lazy text without parameters is a message of its own.
        return Message(value).to_json()
    # Any other value (a channel's name, a date) is shown as it is, never translated.
    return {"text": Name(value).text}


def as_message(value: Any) -> Message | None:
    """``value`` as a Message: messages stay, lazy texts get no params, other text is foreign."""
    if value is None or value == "":
        return None
    if isinstance(value, Message):
        return value
    if _is_lazy(value):
        return Message(value)
    if isinstance(value, str):
        loaded = load(value)
        if loaded is not None:
            return loaded
    return Message(_RECORDED, text=Foreign(value))


def stored(value: Any, *, max_length: int | None = None) -> str:
    """What to write in a text column for ``value`` (a Message, lazy text, or plain text).

    ``max_length`` is the column's limit: foreign words are shortened until the JSON fits,
    so a stored value is never cut in the middle (which would make it unreadable).
    """
    message = as_message(value)
    if message is None:
        return ""
    data = message.to_json()
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    if max_length is not None and len(text) > max_length:
        text = _shrink(data, max_length)
    return text


def _shrink(data: dict[str, Any], max_length: int) -> str:
    """Shorten every foreign text until the JSON fits (a msgid is never cut)."""
    limit = FOREIGN_LIMIT
    while limit > 0:
        limit //= 2
        text = json.dumps(_cut(data, limit), ensure_ascii=False, separators=(",", ":"))
        if len(text) <= max_length:
            return text
    return json.dumps({"m": data["m"], "p": {}}, ensure_ascii=False)


def _cut(node: Any, limit: int) -> Any:
    for key in ("raw", "text"):
        if isinstance(node, dict) and key in node:
            raw = str(node[key])
            return {key: raw if len(raw) <= limit else raw[: max(limit - 1, 0)] + "…"}
    if isinstance(node, dict) and "m" in node:
        return {"m": node["m"], "p": {k: _cut(v, limit) for k, v in node.get("p", {}).items()}}
    return node


def load(text: str) -> Message | None:
    """The Message stored in ``text``, or None when ``text`` is not a stored message."""
    if not isinstance(text, str) or not text.startswith('{"m":'):
        return None
    try:
        data = json.loads(text)
    except ValueError:
        return None
    return _from_json(data, 0)


def _from_json(data: Any, depth: int) -> Message | None:
    if not isinstance(data, dict) or not isinstance(data.get("m"), str) or depth > _MAX_DEPTH:
        return None
    raw_params = data.get("p") or {}
    if not isinstance(raw_params, dict):
        return None
    params: dict[str, Any] = {}
    for key, value in list(raw_params.items())[:_MAX_PARAMS]:
        if isinstance(value, dict) and "raw" in value:
            params[str(key)] = Foreign(value["raw"])
        elif isinstance(value, dict) and "text" in value:
            params[str(key)] = Name(value["text"])
        elif isinstance(value, dict):
            params[str(key)] = _from_json(value, depth + 1) or Foreign("")
        elif isinstance(value, int | float) and not isinstance(value, bool):
            params[str(key)] = value
        else:
            params[str(key)] = Foreign(value)
    return Message(data["m"], **params)


def _translate(msgid: str) -> str:
    """``msgid`` in the active language; the English itself where Django is not set up."""
    try:
        from django.utils.translation import gettext

        return gettext(msgid)
    except Exception:  # noqa: BLE001 - no settings or no app registry: a script, a test
        return msgid


def _render(msgid: str, params: Mapping[str, Any], *, html: bool, depth: int) -> str:
    if html:
        from django.utils.html import conditional_escape, format_html
    values: dict[str, Any] = {}
    for key, value in params.items():
        if isinstance(value, Message) and depth < _MAX_DEPTH:
            values[key] = _render(value.msgid, value.params, html=html, depth=depth + 1)
        elif isinstance(value, Name) or not isinstance(value, Foreign | Message | int | float):
            values[key] = format_html("<bdi>{}</bdi>", str(value)) if html else str(value)
        elif isinstance(value, Foreign | Message):
            words = str(value) if not isinstance(value, Message) else value.msgid
            values[key] = (
                format_html('<bdi class="foreign-words" lang="">{}</bdi>', words) if html else words
            )
        else:
            values[key] = value
    template = _translate(msgid)
    if html:
        template = str(conditional_escape(template))
    try:
        return template % values if values or "%(" in template else template
    except (KeyError, ValueError, TypeError):
        # A stored message whose translation changed shape: show it without parameters
        # rather than fail the page.
        return template


def shown(value: Any, *, html: bool = True) -> str:
    """A stored message, Message, lazy text or plain text, in the reader's language.

    With ``html`` (the default, for templates) the result is safe HTML: Tillit's words
    escaped and translated, foreign words escaped and marked; without it, plain text for
    mail and notices.
    """
    message = as_message(value)
    if message is None:
        return ""
    text = message.render(html=html)
    if not html:
        return text
    from django.utils.safestring import mark_safe

    return mark_safe(text)  # noqa: S308 - every piece escaped in _render


def shown_text(value: Any, *, html: bool = True) -> str:
    """Like ``shown``, but plain text is Tillit's own finished text, shown as it is.

    For columns that hold either a stored message or text already written in a language
    (notices written before messages were stored, a person's own words).
    """
    if isinstance(value, str):
        message = load(value)  # parsed once; ``shown`` takes the Message as it is
        if message is None:
            if not html:
                return value
            from django.utils.html import escape

            return escape(value)
        value = message
    return shown(value, html=html)


def describe(exc: BaseException) -> Message:
    """What an exception means to a person: a connector error's own message, else its kind.

    Connector errors (tillit.connectors.errors) carry a ``message``; anything else (an
    httpx transport error, a bug) is named by its class with its text as foreign words.
    """
    message = getattr(exc, "message", None)
    if isinstance(message, Message):
        return message
    return Message(
        _("Unexpected fault (%(kind)s: %(detail)s)."),
        kind=type(exc).__name__,
        detail=Foreign(str(exc)[:200]),
    )
