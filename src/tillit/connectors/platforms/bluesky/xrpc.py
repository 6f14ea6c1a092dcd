"""A minimal XRPC client for Bluesky: app-password session, one re-login on expiry."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import httpx

from tillit.core.messages import Message, foreign
from tillit.core.messages import marked as _

from ...base import Limits
from ...errors import ConnectorError, PayloadError, TokenInvalid
from ...http import call, error_message, platform_answer
from ...parsing import field_str, obj

# Services reached through the PDS with the atproto-proxy header.
CHAT_PROXY = "did:web:api.bsky.chat#bsky_chat"
MODERATION_PROXY = "did:plc:ar7c4by46qjdydhdevvrndac#atproto_labeler"

_AT_URI = re.compile(
    r"^at://(did:[a-z]+:[A-Za-z0-9._:%-]+)/([a-zA-Z0-9.-]+)/([A-Za-z0-9._:~-]{1,512})$"
)
_TOKEN_ERRORS = {"ExpiredToken", "InvalidToken", "AccountTakedown", "AuthFactorTokenRequired"}


@dataclass(frozen=True)
class AtUri:
    """An ``at://did/collection/rkey`` record address."""

    did: str
    collection: str
    rkey: str

    @classmethod
    def parse(cls, value: str) -> AtUri:
        """Parse, refusing anything that is not a record URI."""
        match = _AT_URI.match(value) if isinstance(value, str) else None
        if not match:
            raise PayloadError(
                Message(_("%(value)s is not a Bluesky address (AT URI)."), value=foreign(value))
            )
        return cls(*match.groups())

    def __str__(self) -> str:
        """The URI text."""
        return f"at://{self.did}/{self.collection}/{self.rkey}"


def interpret_xrpc_error(
    status: int, payload: Any, headers: httpx.Headers
) -> ConnectorError | None:
    """XRPC says 'ExpiredToken' with HTTP 400; that is a token problem, not a refusal."""
    # The body is the platform's: an "error" that is not a string must not break the lookup.
    error = payload.get("error") if isinstance(payload, dict) else None
    if isinstance(error, str) and error in _TOKEN_ERRORS:
        return TokenInvalid(platform_answer(status, error_message(payload)))
    return None


class XrpcClient:
    """Calls a PDS with a session created from the handle and app password."""

    def __init__(
        self, http: httpx.Client, limits: Limits, *, service: str, identifier: str, password: str
    ) -> None:
        """Remember how to log in; the session is created on first use."""
        self._http = http
        self._limits = limits
        self._service = service.rstrip("/")
        self._identifier = identifier
        self._password = password
        self._access: str | None = None
        self.did: str | None = None
        self.handle: str | None = None

    def login(self) -> None:
        """Create a session (com.atproto.server.createSession)."""
        answer = call(
            self._http,
            "POST",
            f"{self._service}/xrpc/com.atproto.server.createSession",
            limits=self._limits,
            interpret=interpret_xrpc_error,
            json={"identifier": self._identifier, "password": self._password},
        )
        session = obj(answer.json(), "session")
        self._access = field_str(session, "accessJwt", "session")
        self.did = field_str(session, "did", "session")
        self.handle = field_str(session, "handle", "session")

    def query(self, nsid: str, params: Mapping[str, Any], *, proxy: str | None = None) -> Any:
        """A GET (query) call."""
        return self._send("GET", nsid, proxy=proxy, params=params)

    def procedure(self, nsid: str, body: Mapping[str, Any], *, proxy: str | None = None) -> Any:
        """A POST (procedure) call."""
        return self._send("POST", nsid, proxy=proxy, json=body)

    def upload(self, nsid: str, data: bytes, content_type: str) -> Any:
        """A POST whose body is raw bytes (com.atproto.repo.uploadBlob)."""
        return self._send(
            "POST", nsid, proxy=None, content=data, extra={"Content-Type": content_type}
        )

    def _send(
        self,
        method: str,
        nsid: str,
        *,
        proxy: str | None,
        extra: Mapping[str, str] | None = None,
        **kwargs: Any,
    ) -> Any:
        if self._access is None:
            self.login()
        for attempt in (1, 2):
            headers = {**(extra or {}), "Authorization": f"Bearer {self._access}"}
            if proxy:
                headers["atproto-proxy"] = proxy
            try:
                answer = call(
                    self._http,
                    method,
                    f"{self._service}/xrpc/{nsid}",
                    limits=self._limits,
                    interpret=interpret_xrpc_error,
                    headers=headers,
                    **kwargs,
                )
            except TokenInvalid:
                # Access tokens live for minutes to hours; log in again once, then give up.
                if attempt == 2:
                    raise
                self.login()
                continue
            return answer.json() if answer.body else None
        raise AssertionError("unreachable")
