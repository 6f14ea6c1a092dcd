"""A requests session whose connections go through the fetch policy (for Mastodon.py).

urllib3 resolves and connects in ``HTTPConnection._new_conn`` from the attribute
``_dns_host``. The connection classes here resolve the host once, refuse it unless every
address passed the policy, and connect to the checked address; ``host`` (Host header, SNI,
certificate check) is restored before TLS starts, so only the socket's address is pinned.
Each redirect hop to a new origin opens a new connection and is checked again.
"""

from __future__ import annotations

import socket
from typing import Any, ClassVar

import requests
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from .policy import FetchPolicy, check_host, split_url


class _PinnedMixin:
    policy: ClassVar[FetchPolicy]
    _dns_host: str
    port: int

    def _new_conn(self) -> socket.socket:
        address = check_host(self._dns_host, self.port, self.policy)
        original = self._dns_host
        self._dns_host = address
        try:
            return super()._new_conn()  # type: ignore[misc]
        finally:
            self._dns_host = original


class GuardedAdapter(HTTPAdapter):
    """A requests adapter that checks each URL and pins each connection's address."""

    def __init__(self, policy: FetchPolicy, **kwargs: Any):
        """Remember the policy before HTTPAdapter builds its pool manager."""
        self.policy = policy
        super().__init__(**kwargs)

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        """Build the pool manager with connection classes bound to this policy."""
        super().init_poolmanager(*args, **kwargs)
        bound = {"policy": self.policy}
        http_conn = type("GuardedHTTPConnection", (_PinnedMixin, HTTPConnection), bound)
        https_conn = type("GuardedHTTPSConnection", (_PinnedMixin, HTTPSConnection), bound)
        self.poolmanager.pool_classes_by_scheme = {
            "http": type("GuardedHTTPPool", (HTTPConnectionPool,), {"ConnectionCls": http_conn}),
            "https": type(
                "GuardedHTTPSPool", (HTTPSConnectionPool,), {"ConnectionCls": https_conn}
            ),
        }

    def send(self, request: requests.PreparedRequest, *args: Any, **kwargs: Any) -> Any:
        """Refuse bad schemes and literal internal addresses before touching a pool."""
        split_url(request.url or "", self.policy)
        if kwargs.get("proxies"):
            # A proxy would connect on our behalf, to an address nobody checked.
            kwargs["proxies"] = {}
        return super().send(request, *args, **kwargs)


def guarded_session(policy: FetchPolicy) -> requests.Session:
    """A requests session for outgoing calls: checked, pinned, no environment proxies."""
    session = requests.Session()
    session.trust_env = False
    adapter = GuardedAdapter(policy)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session
