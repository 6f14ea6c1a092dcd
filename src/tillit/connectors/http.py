"""Shared httpx plumbing: bounded bodies, timeouts and HTTP errors mapped to connector errors."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Any

import httpx

from tillit.core.messages import Message, foreign
from tillit.core.messages import marked as _
from tillit.core.net.client import guarded_client
from tillit.core.net.policy import FetchPolicy, Refused, Unresolvable

from .base import Limits
from .errors import (
    AddressRefused,
    ConnectorError,
    PayloadError,
    PlatformRefused,
    RateLimited,
    TokenInvalid,
    TransientError,
)

USER_AGENT = "Tillit/0.1 (+https://github.com/tillit; social media governance)"

# A platform hook sees the status, decoded error body (or None) and headers, and may
# return a more precise error: Graph reports an expired token as 400 code 190, YouTube
# reports an exhausted quota as 403 quotaExceeded.
Interpreter = Callable[[int, Any, httpx.Headers], ConnectorError | None]


@dataclass(frozen=True)
class Answer:
    """A platform's answer, already size-checked."""

    status: int
    headers: httpx.Headers
    body: bytes

    def json(self) -> Any:
        """The body as JSON; PayloadError when it is not JSON."""
        return parse_json(self.body)


def make_client(
    limits: Limits, *, follow_redirects: bool = False, policy: FetchPolicy | None = None
) -> httpx.Client:
    """A guarded httpx client with our timeout and user agent; redirects off unless asked.

    Every connection is checked against ``policy`` (default: the outbound policy from the
    settings) and pinned to the checked address; followed redirects are checked hop by hop,
    and httpx drops the Authorization header when a hop leaves the origin.
    """
    if policy is None:
        from tillit.core.net.outbound import outbound_policy

        policy = outbound_policy()
    return guarded_client(
        policy,
        timeout=limits.timeout_s,
        headers={"User-Agent": USER_AGENT},
        follow_redirects=follow_redirects,
        max_redirects=5,
    )


def parse_json(body: bytes | str) -> Any:
    """Decode JSON, refusing bad encodings, NaN and duplicate keys quietly overriding others."""

    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, value in pairs:
            if key in result:
                raise PayloadError(
                    Message(_("The answer repeats the field %(key)s."), key=foreign(key[:60]))
                )
            result[key] = value
        return result

    def no_constants(name: str) -> Any:
        raise PayloadError(
            Message(_("The answer contains a value JSON does not allow (%(name)s)."), name=name)
        )

    try:
        return json.loads(body, object_pairs_hook=no_duplicates, parse_constant=no_constants)
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        if isinstance(exc, PayloadError):
            raise
        raise PayloadError(
            Message(_("The answer is not valid JSON (%(kind)s)."), kind=type(exc).__name__)
        ) from None


def too_large(size: int, limit: int) -> PayloadError:
    """The refusal of an answer that is (or announces itself) over the size limit."""
    return PayloadError(
        Message(
            _("The answer is too large (%(size)s bytes, the limit is %(limit)s)."),
            size=size,
            limit=limit,
        )
    )


def read_bounded(response: httpx.Response, max_bytes: int) -> bytes:
    """Read a streamed body, giving up as soon as it passes ``max_bytes``."""
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise too_large(int(declared), max_bytes)
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise PayloadError(
                Message(
                    _("The answer is larger than the limit of %(limit)s bytes."), limit=max_bytes
                )
            )
        chunks.append(chunk)
    return b"".join(chunks)


def call(
    client: httpx.Client,
    method: str,
    url: str,
    *,
    limits: Limits,
    interpret: Interpreter | None = None,
    **kwargs: Any,
) -> Answer:
    """Send one request and return the bounded answer, or raise the mapped ConnectorError.

    Never put a token in ``url``: exception messages here name neither URL nor headers,
    but other layers may log URLs.
    """
    try:
        with client.stream(method, url, **kwargs) as response:
            body = read_bounded(response, limits.max_body_bytes)
            answer = Answer(response.status_code, response.headers, body)
    except Unresolvable as exc:
        # A name that does not resolve now may resolve in a minute (a resolver outage): the
        # outbox retries it instead of recording the platform's refusal.
        raise TransientError(
            Message(
                _("The platform's address could not be looked up (%(reason)s)."),
                reason=foreign(exc.reason),
            )
        ) from None
    except Refused as exc:
        raise AddressRefused(exc.reason) from None
    except httpx.TimeoutException:
        raise TransientError(Message(_("The platform did not answer in time."))) from None
    except httpx.TransportError as exc:
        raise TransientError(
            Message(
                _("The network connection to the platform failed (%(kind)s)."),
                kind=type(exc).__name__,
            )
        ) from None
    if answer.status >= 300:
        raise error_for(answer, interpret)
    return answer


def error_for(answer: Answer, interpret: Interpreter | None = None) -> ConnectorError:
    """Map an HTTP error answer to the connector error the caller should act on."""
    try:
        payload = parse_json(answer.body) if answer.body else None
    except PayloadError:
        payload = None
    if interpret is not None:
        specific = interpret(answer.status, payload, answer.headers)
        if specific is not None:
            return specific
    message = platform_answer(answer.status, error_message(payload))
    status = answer.status
    if status == 429:
        return RateLimited(message, retry_after(answer.headers))
    if status == 401:
        return TokenInvalid(message)
    if status >= 500 or status == 408:
        return TransientError(message)
    if 300 <= status < 400:
        return PlatformRefused(
            Message(
                _("The platform answered with an unexpected redirect (HTTP %(status)s)."),
                status=status,
            ),
            status,
        )
    return PlatformRefused(message, status, error_code(payload))


def platform_answer(status: int, words: str) -> Message:
    """An HTTP error as a reader sees it: the status, and the platform's own words if any."""
    if words:
        return Message(
            _("The platform answered HTTP %(status)s. The platform's answer: %(answer)s"),
            status=status,
            answer=foreign(words),
        )
    return Message(_("The platform answered HTTP %(status)s."), status=status)


def retry_after(headers: Mapping[str, str], now: float | None = None) -> float | None:
    """Seconds to wait, from Retry-After (seconds or HTTP date) or a rate-limit reset epoch."""
    now = time.time() if now is None else now
    value = headers.get("retry-after")
    if value:
        value = value.strip()
        if value.isdigit():
            return float(value)
        try:
            return max(0.0, parsedate_to_datetime(value).timestamp() - now)
        except (TypeError, ValueError, IndexError):
            pass
    # X sends x-rate-limit-reset, Bluesky ratelimit-reset: both an epoch in seconds.
    for name in ("x-rate-limit-reset", "ratelimit-reset"):
        value = headers.get(name)
        if value and value.strip().isdigit():
            return max(0.0, float(value) - now)
    return None


def error_message(payload: Any) -> str:
    """Pull a short human message out of the common error body shapes."""
    text = ""
    if isinstance(payload, dict):
        err = payload.get("error")
        if isinstance(err, dict):
            text = str(err.get("message") or err.get("type") or "")
        elif isinstance(err, str):
            detail = payload.get("message") or payload.get("error_description")
            text = f"{err}: {detail}" if isinstance(detail, str) and detail else err
        for key in ("detail", "message", "title"):
            if not text and isinstance(payload.get(key), str):
                text = payload[key]
    # Error bodies are platform-controlled; keep them short for logs and records.
    return text[:300]


def error_code(payload: Any) -> str | None:
    """The platform's own error code, when the body has one."""
    if not isinstance(payload, dict):
        return None
    err = payload.get("error")
    if isinstance(err, dict) and err.get("code") is not None:
        return str(err.get("code"))[:60]
    if isinstance(err, str):
        return err[:60]
    for key in ("serviceErrorCode", "type", "code"):
        if payload.get(key) is not None:
            return str(payload[key])[:60]
    return None
