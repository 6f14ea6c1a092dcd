"""Exceptions a connector raises; the outbox and ingest decide what each means.

Every error carries a ``message`` (tillit.core.messages.Message): an English msgid and its
parameters, translated when shown, so a connector never decides the reader's language.
``str(exc)`` is that message in the active language; store ``exc.message`` with
``tillit.core.messages.stored`` and show it with ``shown`` / ``{{ value|shown }}``.
"""

from __future__ import annotations

from tillit.core.messages import Message, as_message, foreign
from tillit.core.messages import marked as _


class ConnectorError(Exception):
    """Base for everything a connector raises on purpose."""

    # How a plain-string message (words Tillit did not write) is introduced to a reader.
    plain_label: str = _("The platform could not be used: %(detail)s")

    def __init__(self, message: str | Message = "") -> None:
        """``message`` a Message (or lazy text); a plain string counts as foreign words."""
        super().__init__(message)

    @property
    def message(self) -> Message:
        """What went wrong, to store and show translated."""
        value = self.args[0] if self.args else ""
        if isinstance(value, str) and value:
            # Never parsed as a stored message: the words may be a platform's.
            return self._plain(value)
        return as_message(value) or Message(_("The platform could not be used."))

    def _plain(self, value: str) -> Message:
        return Message(self.plain_label, detail=foreign(value))

    def __str__(self) -> str:
        """The message in the active language."""
        return str(self.message) if self.args and self.args[0] != "" else ""


class ConfigError(ConnectorError):
    """The channel's connector parameters are missing or malformed."""


class PayloadError(ConnectorError):
    """A platform answer could not be trusted; nothing from it is returned."""

    plain_label = _("The platform's answer could not be read: %(detail)s")


class TokenInvalid(ConnectorError):
    """The access token is expired, revoked or lacks a permission; a person must reconnect."""


class RateLimited(ConnectorError):
    """The platform asked us to slow down; retry after ``retry_after`` seconds when known."""

    def __init__(self, message: str | Message, retry_after: float | None = None) -> None:
        """Keep the wait the platform asked for (None when it did not say)."""
        super().__init__(message)
        self.retry_after = retry_after


class TransientError(ConnectorError):
    """The platform is down or timed out; the same call may succeed later."""


class PlatformRefused(ConnectorError):
    """The platform understood the call and said no (4xx); retrying will not help."""

    def __init__(
        self, message: str | Message, status: int | None = None, code: str | None = None
    ) -> None:
        """Keep the HTTP status and the platform's own error code for the record."""
        super().__init__(message)
        self.status = status
        self.code = code


class UnsafeAddress(ConfigError):
    """A URL parameter points where Tillit must not connect (internal, local, unresolvable)."""

    def __init__(self, parameter: str, reason: str, *, unresolvable: bool = False) -> None:
        """Name the parameter and why, so the form can put a clear message on the right field."""
        super().__init__(
            Message(
                _("The address is not allowed: %(reason)s"),
                reason=foreign(reason),
            )
        )
        self.parameter = parameter
        self.reason = reason
        self.unresolvable = unresolvable


class AddressRefused(PlatformRefused):
    """A request was stopped before connecting: its address is internal or not allowed.

    A PlatformRefused, because retrying cannot help and the outbox must not retry it; the
    difference is that the platform never saw the request.
    """

    def __init__(self, reason: str) -> None:
        """Keep the policy's reason (it names the host and address, never a token)."""
        super().__init__(
            Message(
                _(
                    "Tillit did not connect: the address points to an internal or local server "
                    "(%(reason)s)."
                ),
                reason=foreign(reason),
            )
        )
        self.reason = reason


class SecretRequired(ConfigError):
    """An address changed, so the stored secrets were cleared and must be typed again."""

    def __init__(self, parameters: list[str]) -> None:
        """Name the secrets that must be entered again (names only, never values)."""
        super().__init__(
            Message(
                _("The address changed: enter %(parameters)s again."),
                parameters=", ".join(parameters),
            )
        )
        self.parameters = parameters


def refusal(exc: PlatformRefused) -> Message:
    """A platform's no as a person reads it, with its own error code when it sent one."""
    if exc.code:
        return Message(
            _("The platform refused: %(reason)s (the platform's code: %(code)s)"),
            reason=exc.message,
            code=foreign(exc.code),
        )
    return Message(_("The platform refused: %(reason)s"), reason=exc.message)
