"""Synchronous httpx clients whose every connection goes through the fetch policy.

httpx resolves and connects inside httpcore's network backend. This module swaps that backend
for one that resolves the host once, refuses the connection unless every address passed the
policy, and connects to the checked address itself; the URL keeps its host name, so the Host
header, SNI and certificate check are unchanged. Redirects (when a caller follows them) open
new connections and pass through the same check, hop by hop.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import httpcore
import httpx

from .policy import FetchPolicy, Refused, check_host, split_url


class _PinnedBackend(httpcore.NetworkBackend):
    """httpcore's sync backend, connecting only to addresses the policy approved."""

    def __init__(self, policy: FetchPolicy):
        self._policy = policy
        self._inner = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        """Resolve host once, check every address, connect to the first (pinned)."""
        address = check_host(host, port, self._policy)
        return self._inner.connect_tcp(address, port, timeout, local_address, socket_options)

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.NetworkStream:
        """Never: a local socket is an internal target by definition."""
        raise Refused(path, "unix sockets are not allowed")

    def sleep(self, seconds: float) -> None:
        """Delegate retry back-off to the standard backend."""
        self._inner.sleep(seconds)


class GuardedTransport(httpx.HTTPTransport):
    """An httpx transport that refuses what the policy refuses, before any connection."""

    def __init__(self, policy: FetchPolicy, *, limits: httpx.Limits | None = None):
        """Build the default transport, then give its pool the pinning backend."""
        limits = limits or httpx.Limits(max_connections=20, max_keepalive_connections=10)
        super().__init__(trust_env=False, limits=limits)
        self.policy = policy
        # HTTPTransport has no parameter for the network backend; its pool is the documented
        # extension point one level down (httpcore), rebuilt here with the same settings.
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=_PinnedBackend(policy),
        )

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        """Check scheme, host and literal addresses, then send through the pinned pool."""
        split_url(str(request.url), self.policy)
        return super().handle_request(request)


def guarded_client(
    policy: FetchPolicy,
    *,
    timeout: float = 20.0,
    headers: Mapping[str, str] | None = None,
    follow_redirects: bool = False,
    max_redirects: int = 5,
) -> httpx.Client:
    """An httpx client for outgoing requests: checked, pinned, no environment proxies."""
    return httpx.Client(
        transport=GuardedTransport(policy),
        timeout=httpx.Timeout(timeout),
        headers=dict(headers or {}),
        follow_redirects=follow_redirects,
        max_redirects=max_redirects,
        # An environment proxy would connect on our behalf, to addresses nobody checked.
        trust_env=False,
    )
