"""A small Graph API client shared by the Facebook and Instagram connectors."""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterator, Mapping
from typing import Any

import httpx

from tillit.core.messages import Message, foreign
from tillit.core.messages import marked as _

from ...base import Limits
from ...errors import ConnectorError, PlatformRefused, RateLimited, TokenInvalid, TransientError
from ...http import call, error_message, platform_answer, retry_after
from ...parsing import field_list, obj, opt_obj, safe_id

# Graph error codes (developers.facebook.com/docs/graph-api/guides/error-handling).
_TOKEN_CODES = {102, 190}
_THROTTLE_CODES = {4, 17, 32, 613} | set(range(80001, 80015))
_TRANSIENT_CODES = {1, 2}
GRAPH_URL = "https://graph.facebook.com"


def interpret_graph_error(
    status: int, payload: Any, headers: httpx.Headers
) -> ConnectorError | None:
    """Graph reports most failures as 400 with an error code; map the ones that matter."""
    if not isinstance(payload, dict) or not isinstance(payload.get("error"), dict):
        return None
    err = payload["error"]
    code = err.get("code")
    message = platform_answer(status, error_message(payload))
    if code in _TOKEN_CODES:
        return TokenInvalid(message)
    if code in _THROTTLE_CODES:
        return RateLimited(message, retry_after(headers) or _buc_wait(headers))
    if code in _TRANSIENT_CODES or err.get("is_transient") is True:
        return TransientError(message)
    return None


def _buc_wait(headers: httpx.Headers) -> float | None:
    # X-Business-Use-Case-Usage carries estimated_time_to_regain_access in minutes.
    raw = headers.get("x-business-use-case-usage")
    if not raw:
        return None
    try:
        usage = json.loads(raw)
        minutes = max(
            int(entry.get("estimated_time_to_regain_access", 0))
            for entries in usage.values()
            for entry in entries
        )
    except (ValueError, TypeError, AttributeError):
        return None
    return float(minutes * 60) if minutes else None


class GraphClient:
    """Calls graph.facebook.com with a bearer token kept out of URLs."""

    def __init__(
        self,
        http: httpx.Client,
        limits: Limits,
        *,
        token: str,
        version: str,
        app_secret: str | None = None,
        host: str = GRAPH_URL,
    ) -> None:
        """Bind a client to one token and API version."""
        self._http = http
        self._limits = limits
        self._token = token
        self._base = f"{host.rstrip('/')}/{safe_id(version, 'API version')}"
        self.stopped_early = False
        # appsecret_proof proves the call comes from our server even if the token leaks.
        self._proof = (
            hmac.new(app_secret.encode(), token.encode(), hashlib.sha256).hexdigest()
            if app_secret
            else None
        )

    def request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        data: Mapping[str, Any] | None = None,
        files: Mapping[str, tuple[str, bytes, str]] | None = None,
    ) -> Mapping[str, Any]:
        """One Graph call; the answer must be a JSON object. ``files`` makes it multipart."""
        query = dict(params or {})
        if self._proof:
            query["appsecret_proof"] = self._proof
        answer = call(
            self._http,
            method,
            f"{self._base}/{path}",
            limits=self._limits,
            interpret=interpret_graph_error,
            params=query,
            data=data,
            files=files,
            headers={"Authorization": f"Bearer {self._token}"},
        )
        return obj(answer.json(), path.split("/")[-1] or "graph")

    def paged(self, path: str, params: Mapping[str, Any]) -> Iterator[Mapping[str, Any]]:
        """Yield the ``data`` entries of an edge, following ``after`` cursors up to max_pages.

        ``stopped_early`` says afterwards whether the bound, not the edge, ended the listing.
        """
        query = dict(params)
        self.stopped_early = False
        for _page in range(self._limits.max_pages):
            page = self.request("GET", path, params=query)
            for entry in field_list(page, "data", path):
                yield obj(entry, f"{path}.data[]")
            paging = opt_obj(page, "paging", path) or {}
            cursors = opt_obj(paging, "cursors", f"{path}.paging") or {}
            after = cursors.get("after")
            # Graph includes cursors on the last page too; "next" says whether there is more.
            if not paging.get("next") or not isinstance(after, str) or not after:
                return
            query["after"] = after
        self.stopped_early = True


def verify_signature(app_secret: str | None, headers: Mapping[str, str], body: bytes) -> bool:
    """Check X-Hub-Signature-256: ``sha256=`` + HMAC-SHA256 of the raw body with the app secret."""
    if not app_secret or not isinstance(body, bytes | bytearray):
        return False
    lowered = {k.lower(): v for k, v in headers.items()}
    header = lowered.get("x-hub-signature-256", "")
    if not isinstance(header, str) or not header.startswith("sha256="):
        return False
    expected = hmac.new(app_secret.encode(), bytes(body), hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, header[len("sha256=") :].strip().lower())


def subscription_challenge(verify_token: str | None, query: Mapping[str, str]) -> str | None:
    """Answer Meta's GET handshake (hub.mode, hub.verify_token, hub.challenge)."""
    if not verify_token or query.get("hub.mode") != "subscribe":
        return None
    given = query.get("hub.verify_token", "")
    challenge = query.get("hub.challenge", "")
    if not isinstance(given, str) or not hmac.compare_digest(given.encode(), verify_token.encode()):
        return None
    # The challenge is echoed back verbatim, so only accept what Meta sends: a short number.
    if not isinstance(challenge, str) or not challenge.isalnum() or len(challenge) > 64:
        return None
    return challenge


def require_success(answer: Mapping[str, Any], where: str) -> None:
    """Graph answers ``{"success": true}`` to most writes; anything else counts as a refusal."""
    if answer.get("success") is not True:
        raise PlatformRefused(
            Message(
                _("Facebook did not confirm that it was done (%(where)s)."), where=foreign(where)
            )
        )
