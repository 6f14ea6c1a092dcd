"""Asynchronous guarded fetching: pinned addresses, checked redirects, byte budget.

Captures and attachment downloads use it. Chromium never talks to the network during a capture. Every request it makes is answered by
this module from the route handler, so the policy sees each URL (including every redirect hop,
which Playwright's route handler would not see) and the connection goes to the exact address
the policy approved. Pinning the address is what defeats DNS rebinding: the name is resolved
once, checked, and that address is used for the connection.
"""

from __future__ import annotations

import asyncio
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit

import httpx

from .guard import FetchGuard, LimitExceeded, LogEntry
from .policy import Target

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
# Hop-by-hop and connection-specific headers are not forwarded in either direction.
HOP_BY_HOP = frozenset(
    {
        "connection",
        "keep-alive",
        "proxy-authenticate",
        "proxy-authorization",
        "proxy-connection",
        "te",
        "trailer",
        "transfer-encoding",
        "upgrade",
        "host",
        "content-length",
    }
)
# Only encodings the standard library can decode, so no extra dependency is needed.
ACCEPT_ENCODING = "gzip, deflate"


@dataclass
class Exchange:
    """One request and its response exactly as sent and received (body still content-encoded)."""

    url: str
    method: str
    request_headers: list[tuple[str, str]]
    request_body: bytes | None
    status: int
    reason: str
    http_version: str
    response_headers: list[tuple[str, str]]
    body: bytes
    address: str
    date: datetime = field(default_factory=lambda: datetime.now(UTC))

    def header(self, name: str) -> str | None:
        """The first response header called name (case-insensitive), or None."""
        name = name.lower()
        return next((v for k, v in self.response_headers if k.lower() == name), None)


class Fetcher:
    """Fetches URLs admitted by a FetchGuard and reports every exchange to a recorder."""

    def __init__(
        self,
        guard: FetchGuard,
        record: Callable[[Exchange], None],
        *,
        deadline: float,
        user_agent: str,
    ):
        self.guard = guard
        self.record = record
        self.deadline = deadline
        self.user_agent = user_agent
        self._clients: dict[tuple[str, str, int], httpx.AsyncClient] = {}

    def remaining(self) -> float:
        """Seconds left before the capture's deadline."""
        return self.deadline - time.monotonic()

    async def fetch(
        self,
        url: str,
        *,
        method: str = "GET",
        headers: dict[str, str] | None = None,
        body: bytes | None = None,
        target: Target | None = None,
    ) -> Exchange:
        """Fetch url, following redirects hop by hop through the policy; return the last hop.

        Raises Refused (a hop is not allowed), LimitExceeded, TimeoutError or httpx.HTTPError.
        """
        headers = dict(headers or {})
        for hop in range(self.guard.policy.max_redirects + 1):
            if target is None:
                # Resolution blocks, so it runs in a thread to keep other requests moving.
                target = await asyncio.to_thread(self.guard.admit, url)
            exchange = await asyncio.wait_for(
                self._fetch_once(target, method, headers, body), timeout=max(self.remaining(), 0)
            )
            self.record(exchange)
            location = exchange.header("location")
            if exchange.status not in REDIRECT_STATUSES or not location:
                return exchange
            if hop == self.guard.policy.max_redirects:
                break
            url = urljoin(url, location.strip())
            target = None
            if exchange.status == 303 or (exchange.status in (301, 302) and method == "POST"):
                method, body = "GET", None
                headers = {k: v for k, v in headers.items() if not k.lower().startswith("content-")}
        raise httpx.TooManyRedirects(f"more than {self.guard.policy.max_redirects} redirects")

    async def _fetch_once(
        self, target: Target, method: str, headers: dict[str, str], body: bytes | None
    ) -> Exchange:
        parts = urlsplit(target.url)
        host_header = parts.netloc.rsplit("@", 1)[-1]  # never forward userinfo
        sent = [(k, v) for k, v in headers.items() if k.lower() not in HOP_BY_HOP]
        sent = [(k, v) for k, v in sent if k.lower() not in ("accept-encoding", "user-agent")]
        sent = [
            ("Host", host_header),
            ("User-Agent", self.user_agent),
            ("Accept-Encoding", ACCEPT_ENCODING),
            *sent,
        ]
        address = f"[{target.address}]" if ":" in target.address else target.address
        pinned = parts._replace(netloc=f"{address}:{target.port}", fragment="").geturl()
        extensions = {"sni_hostname": target.host} if target.scheme == "https" else {}
        client = self._client(target)
        request = client.build_request(
            method, pinned, headers=sent, content=body, extensions=extensions
        )
        # build_request adds its own defaults; the WARC records what actually went out.
        request_headers = [(k.decode(), v.decode()) for k, v in request.headers.raw]
        entry = LogEntry(url=target.url, outcome="fetched", address=target.address)
        self.guard.log.append(entry)
        chunks: list[bytes] = []
        try:
            response = await client.send(request, stream=True)
            try:
                async for chunk in response.aiter_raw():
                    self.guard.count_bytes(len(chunk))
                    entry.bytes += len(chunk)
                    chunks.append(chunk)
            finally:
                await response.aclose()
        except BaseException as exc:  # cancellation too: the log must not claim a fetch
            entry.outcome, entry.reason = "failed", f"{type(exc).__name__}: {exc}"
            raise
        entry.status = response.status_code
        return Exchange(
            url=target.url,
            method=method,
            request_headers=request_headers,
            request_body=body,
            status=response.status_code,
            reason=response.reason_phrase,
            http_version=response.http_version,
            response_headers=[(k.decode(), v.decode("latin-1")) for k, v in response.headers.raw],
            body=b"".join(chunks),
            address=target.address,
        )

    def _client(self, target: Target) -> httpx.AsyncClient:
        # One client per (host, address, port): httpx pools by the URL's host, which here is the
        # pinned address, so sharing a client across names would reuse a TLS session made for
        # another name.
        key = (target.host, target.address, target.port)
        if key not in self._clients:
            self._clients[key] = httpx.AsyncClient(
                trust_env=False,  # an environment proxy would bypass the pinned address
                follow_redirects=False,
                timeout=httpx.Timeout(30.0),
            )
        return self._clients[key]

    async def aclose(self) -> None:
        """Close every pooled connection."""
        for client in self._clients.values():
            await client.aclose()
        self._clients.clear()


def decoded_body(exchange: Exchange, limit: int) -> tuple[bytes, bool]:
    """The body with its content-encoding removed (at most limit bytes) and whether it was."""
    encoding = (exchange.header("content-encoding") or "").strip().lower()
    if encoding in ("", "identity"):
        return exchange.body, False
    if encoding not in ("gzip", "x-gzip", "deflate"):
        return exchange.body, False
    wbits = 47 if encoding != "deflate" else zlib.MAX_WBITS  # 47: gzip or zlib header
    try:
        inflater = zlib.decompressobj(wbits)
        data = inflater.decompress(exchange.body, limit + 1)
        if encoding == "deflate" and not data and exchange.body:
            raise zlib.error("empty")
    except zlib.error:
        # Some servers send raw deflate without the zlib header.
        inflater = zlib.decompressobj(-zlib.MAX_WBITS)
        try:
            data = inflater.decompress(exchange.body, limit + 1)
        except zlib.error:
            return exchange.body, False
    if len(data) > limit:
        # A decompression bomb must not get past the byte budget.
        raise LimitExceeded(f"size limit exceeded: {exchange.url} decodes to over {limit} bytes")
    return data, True
