"""Which URLs Tillit may fetch: scheme, host and resolved-address checks against SSRF.

Every outgoing request (connectors, attachments, captures, records webhooks) is checked here:
the host is resolved once, every address it resolves to must be public, and the caller then
connects to that one checked address (pinning), so a second DNS answer cannot redirect it.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], list[str]]

# Cloud instance-metadata endpoints get their own reason so a refusal log says what was tried.
METADATA_ADDRESSES = frozenset(
    {
        ipaddress.ip_address("169.254.169.254"),  # AWS, GCP, Azure, OpenStack
        ipaddress.ip_address("169.254.170.2"),  # AWS ECS task metadata
        ipaddress.ip_address("100.100.100.200"),  # Alibaba Cloud
        ipaddress.ip_address("fd00:ec2::254"),  # AWS over IPv6
    }
)
# IPv6 prefix that embeds an IPv4 address for NAT64 gateways; checked as the embedded IPv4.
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_THIS_NETWORK = ipaddress.ip_network("0.0.0.0/8")
ALLOWED_SCHEMES = frozenset({"http", "https"})


class Refused(Exception):
    """A request the fetch policy does not allow; the reason is safe to log and show."""

    def __init__(self, url: str, reason: str):
        super().__init__(f"{reason}: {url}")
        self.url = url
        self.reason = reason


class Unresolvable(Refused):
    """The host name has no address (or the name service failed): nothing to connect to."""


@dataclass(frozen=True)
class FetchPolicy:
    """What one fetch job may reach: hosts, explicitly allowed internal targets and limits."""

    # None means any host whose addresses are public. Entries are host names; ".example.org"
    # also allows every subdomain of example.org.
    allowed_hosts: frozenset[str] | None = None
    # Exact IP addresses that may be reached although not public (tests use {"127.0.0.1"}).
    allow_private: frozenset[str] = frozenset()
    # Host names (".example.org" for subdomains too) that may resolve to loopback or private
    # addresses: a self-hosted Mastodon on the organisation's own network. Metadata, multicast
    # and unspecified addresses stay refused even for these. An entry "host:port" (IPv6 as
    # "[::1]:port") allows that one port only; it is moved to internal_endpoints.
    internal_hosts: frozenset[str] = frozenset()
    # Exact (host, port) pairs that may be internal: the demo's simulated platforms on
    # 127.0.0.1, without opening every other service on loopback (the demo's own web server).
    internal_endpoints: frozenset[tuple[str, int]] = frozenset()
    max_bytes: int = 100 * 1024 * 1024
    max_requests: int = 1000
    max_redirects: int = 10
    # Injected by tests to answer DNS without the network; getaddrinfo by default.
    resolver: Resolver | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        if self.allowed_hosts is not None:
            hosts = frozenset(_normalise_host(h) for h in self.allowed_hosts)
            object.__setattr__(self, "allowed_hosts", hosts)
        allowed_ips = frozenset(str(ipaddress.ip_address(ip)) for ip in self.allow_private)
        object.__setattr__(self, "allow_private", allowed_ips)
        internal: set[str] = set()
        endpoints = {(_normalise_host(h), int(p)) for h, p in self.internal_endpoints}
        for entry in self.internal_hosts:
            if not entry.strip():
                continue
            endpoint = _split_endpoint(entry)
            if endpoint is None:
                internal.add(_normalise_host(entry))
            else:
                endpoints.add(endpoint)
        object.__setattr__(self, "internal_hosts", frozenset(internal))
        object.__setattr__(self, "internal_endpoints", frozenset(endpoints))
        if self.max_bytes <= 0 or self.max_requests <= 0 or self.max_redirects < 0:
            raise ValueError("limits must be positive")


@dataclass(frozen=True)
class Target:
    """A URL that passed the policy, with the one address the fetcher must connect to."""

    url: str
    scheme: str
    host: str
    port: int
    address: str  # pinned: the fetcher connects here and nowhere else


def check_url(url: str, policy: FetchPolicy) -> Target:
    """Return where to connect for url, or raise Refused; resolves the host once."""
    scheme, host, port = split_url(url, policy)
    address = check_host(host, port, policy, url=url)
    return Target(url=url, scheme=scheme, host=host, port=port, address=address)


def split_url(url: str, policy: FetchPolicy) -> tuple[str, str, int]:
    """The scheme, normalised host and port of url, checked without resolving anything.

    A host that is an IP address is checked here too, so a literal internal address is
    refused before any name service or connection is involved.
    """
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        raise Refused(url, f"scheme {scheme or '(none)'!r} is not allowed")
    try:
        host = _normalise_host(parts.hostname or "")
        port = parts.port or (443 if scheme == "https" else 80)
    except (ValueError, UnicodeError) as exc:
        raise Refused(url, f"malformed URL ({exc})") from None
    if not host:
        raise Refused(url, "URL has no host")
    if not host_allowed(host, policy.allowed_hosts):
        raise Refused(url, f"host {host} is not in the allowed hosts")
    try:
        literal = ipaddress.ip_address(host)
    except ValueError:
        return scheme, host, port
    _check_addresses(url, host, [literal], policy, port)
    return scheme, host, port


def check_host(host: str, port: int, policy: FetchPolicy, *, url: str = "") -> str:
    """The one address to connect to for host, after every address it resolves to passed."""
    url = url or f"{host}:{port}"
    try:
        host = _normalise_host(host)
    except (ValueError, UnicodeError) as exc:
        raise Refused(url, f"malformed host ({exc})") from None
    if not host_allowed(host, policy.allowed_hosts):
        raise Refused(url, f"host {host} is not in the allowed hosts")
    addresses = _resolve(url, host, port, policy.resolver)
    _check_addresses(url, host, addresses, policy, port)
    return str(addresses[0])


def _check_addresses(
    url: str, host: str, addresses: list[IPAddress], policy: FetchPolicy, port: int
) -> None:
    # Every address must pass, not just one: a hostile DNS answer can mix a public address
    # with an internal one and let the connecting side pick the internal one.
    internal_ok = (bool(policy.internal_hosts) and host_allowed(host, policy.internal_hosts)) or (
        host,
        port,
    ) in policy.internal_endpoints
    for address in addresses:
        problem = address_problem(address, policy.allow_private, internal_ok=internal_ok)
        if problem:
            if host == str(address):
                raise Refused(url, f"{host} is {problem}")
            raise Refused(url, f"{host} resolves to {address}, {problem}")


def url_for_record(url: str | None) -> str | None:
    """url as it may be logged or audited: no user info, no query or fragment (tokens hide there)."""
    if not url:
        return url
    parts = urlsplit(url.strip())
    netloc = parts.netloc.rsplit("@", 1)[-1]
    shown = parts._replace(netloc=netloc, query="", fragment="").geturl()
    return f"{shown}?…" if parts.query else shown


def host_allowed(host: str, allowed_hosts: Iterable[str] | None) -> bool:
    """True when host is listed, or falls under a listed ".domain" entry, or no list is set."""
    if allowed_hosts is None:
        return True
    for entry in allowed_hosts:
        if entry.startswith("."):
            if host == entry[1:] or host.endswith(entry):
                return True
        elif host == entry:
            return True
    return False


def address_problem(
    address: IPAddress, allow_private: frozenset[str], *, internal_ok: bool = False
) -> str | None:
    """Why address must not be fetched (None when it may): internal, metadata, multicast...

    internal_ok (a host on the explicit allow-list) lets loopback and private addresses
    through, never metadata, multicast or unspecified ones.
    """
    if str(address) in allow_private:
        return None
    if address in METADATA_ADDRESSES:
        return "a cloud metadata address"
    embedded = _embedded_ipv4(address)
    if embedded is not None:
        if str(embedded) in allow_private:
            return None
        inner = address_problem(embedded, allow_private, internal_ok=internal_ok)
        return f"an address embedding {embedded}, {inner}" if inner else None
    if address.is_multicast:
        return "a multicast address"
    if address.is_unspecified:
        return "a reserved address (unspecified)"
    if internal_ok and _internal_network(address):
        return None
    if address.is_loopback:
        return "a loopback address"
    if address.is_link_local:
        return "a link-local address"
    if address.is_reserved:
        return "a reserved address"
    if address.is_private:
        return "a private address"
    if not address.is_global:
        return "a reserved address"
    return None


def _internal_network(address: IPAddress) -> bool:
    """Loopback or a private range an organisation runs servers on (not link-local, not 0/8)."""
    if address.is_link_local:
        return False
    if isinstance(address, ipaddress.IPv4Address) and address in _THIS_NETWORK:
        return False
    return address.is_loopback or address.is_private


def _embedded_ipv4(address: IPAddress) -> ipaddress.IPv4Address | None:
    """The IPv4 address carried inside an IPv4-mapped, 6to4 or NAT64 IPv6 address."""
    if not isinstance(address, ipaddress.IPv6Address):
        return None
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def _split_endpoint(entry: str) -> tuple[str, int] | None:
    """("host", port) for an entry "host:port" or "[v6]:port"; None for a bare host name."""
    entry = entry.strip()
    if entry.startswith("["):
        host, sep, rest = entry[1:].partition("]")
        if not sep or not rest:
            return None
        if not rest.startswith(":"):
            raise ValueError(f"malformed host entry {entry!r}")
        port_text = rest[1:]
    elif entry.count(":") == 1:
        host, _sep, port_text = entry.partition(":")
    else:
        return None  # a bare name, or a bare IPv6 address
    if not port_text.isdigit() or not 0 < int(port_text) < 65536 or not host:
        raise ValueError(f"malformed host entry {entry!r}")
    return _normalise_host(host), int(port_text)


def _normalise_host(host: str) -> str:
    host = host.strip().lower().rstrip(".")
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    try:
        return str(ipaddress.ip_address(host))
    except ValueError:
        pass
    if host.startswith("."):
        return "." + host[1:].encode("idna").decode("ascii")
    return host.encode("idna").decode("ascii") if host else host


def _resolve(url: str, host: str, port: int, resolver: Resolver | None) -> list[IPAddress]:
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    try:
        raw = (resolver or _getaddrinfo)(host, port)
        addresses = [ipaddress.ip_address(a.split("%", 1)[0]) for a in raw]
    except (OSError, UnicodeError, ValueError) as exc:
        raise Unresolvable(url, f"cannot resolve {host} ({exc})") from None
    if not addresses:
        raise Unresolvable(url, f"{host} has no addresses")
    return addresses


def _getaddrinfo(host: str, port: int) -> list[str]:
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))
