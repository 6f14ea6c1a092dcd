"""Exceptions a connector raises; the outbox and ingest decide what each means."""

from __future__ import annotations


class ConnectorError(Exception):
    """Base for everything a connector raises on purpose."""


class ConfigError(ConnectorError):
    """The channel's connector parameters are missing or malformed."""


class PayloadError(ConnectorError):
    """A platform answer could not be trusted; nothing from it is returned."""


class TokenInvalid(ConnectorError):
    """The access token is expired, revoked or lacks a permission; a person must reconnect."""


class RateLimited(ConnectorError):
    """The platform asked us to slow down; retry after ``retry_after`` seconds when known."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        """Keep the wait the platform asked for (None when it did not say)."""
        super().__init__(message)
        self.retry_after = retry_after


class TransientError(ConnectorError):
    """The platform is down or timed out; the same call may succeed later."""


class PlatformRefused(ConnectorError):
    """The platform understood the call and said no (4xx); retrying will not help."""

    def __init__(self, message: str, status: int | None = None, code: str | None = None) -> None:
        """Keep the HTTP status and the platform's own error code for the record."""
        super().__init__(message)
        self.status = status
        self.code = code


class UnsafeAddress(ConfigError):
    """A URL parameter points where Tillit must not connect (internal, local, unresolvable)."""

    def __init__(self, parameter: str, reason: str, *, unresolvable: bool = False) -> None:
        """Name the parameter and why, so the form can put a clear message on the right field."""
        super().__init__(f"{parameter}: {reason}")
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
        super().__init__(f"refused to connect: {reason}")
        self.reason = reason


class SecretRequired(ConfigError):
    """An address changed, so the stored secrets were cleared and must be typed again."""

    def __init__(self, parameters: list[str]) -> None:
        """Name the secrets that must be entered again (names only, never values)."""
        super().__init__(f"the address changed: enter {', '.join(parameters)} again")
        self.parameters = parameters
