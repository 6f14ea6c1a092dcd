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
