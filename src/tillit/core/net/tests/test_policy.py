"""The fetch policy refuses internal, metadata and non-web targets before any connection."""

import pytest

from tillit.core.net.guard import FetchGuard, LimitExceeded
from tillit.core.net.policy import FetchPolicy, Refused, check_url


def fake_dns(table):
    """A resolver answering from table, so no test depends on real DNS."""

    def resolve(host, port):
        if host not in table:
            raise OSError("unknown host")
        return table[host]

    return resolve


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://10.0.0.1/", "private"),
        ("http://192.168.1.10/", "private"),
        ("http://172.16.5.4/", "private"),
        ("http://127.0.0.1/", "loopback"),
        ("http://127.0.0.2:8080/x.png", "loopback"),
        ("http://[::1]/", "loopback"),
        ("http://169.254.169.254/latest/meta-data/", "metadata"),
        ("http://[fd00:ec2::254]/", "metadata"),
        ("http://169.254.10.1/", "link-local"),
        ("http://[fe80::1]/", "link-local"),
        ("http://224.0.0.1/", "multicast"),
        ("http://0.0.0.0/", "reserved"),
        ("http://100.64.0.1/", "reserved"),
        ("http://240.0.0.1/", "reserved"),
        ("http://[::ffff:10.0.0.1]/", "private"),
        ("http://[64:ff9b::a9fe:a9fe]/", "metadata"),
        ("http://[2002:a00:1::]/", "private"),
        ("http://[fc00::1]/", "private"),
    ],
)
def test_internal_addresses_are_refused(url, reason):
    with pytest.raises(Refused, match=reason):
        check_url(url, FetchPolicy())


@pytest.mark.parametrize("url", ["http://2130706433/", "http://0x7f.1/", "http://017700000001/"])
def test_numeric_host_spellings_of_loopback_are_refused(url):
    # getaddrinfo turns these into 127.0.0.1 without touching the network.
    with pytest.raises(Refused, match="loopback"):
        check_url(url, FetchPolicy())


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "ftp://example.org/",
        "javascript:alert(1)",
        "data:text/html,hi",
        "gopher://x/",
    ],
)
def test_non_web_schemes_are_refused(url):
    with pytest.raises(Refused, match="scheme"):
        check_url(url, FetchPolicy())


def test_host_that_resolves_inside_is_refused():
    policy = FetchPolicy(resolver=fake_dns({"intranet.example": ["10.1.2.3"]}))
    with pytest.raises(Refused, match="resolves to 10.1.2.3, a private address"):
        check_url("https://intranet.example/", policy)


def test_mixed_dns_answer_is_refused():
    # One public and one internal address: the connecting side must not get to choose.
    policy = FetchPolicy(resolver=fake_dns({"mixed.example": ["93.184.216.34", "127.0.0.1"]}))
    with pytest.raises(Refused, match="loopback"):
        check_url("https://mixed.example/", policy)


def test_public_host_is_pinned_to_its_checked_address():
    policy = FetchPolicy(resolver=fake_dns({"www.pitea.se": ["93.184.216.34"]}))
    target = check_url("https://www.pitea.se/socialamedier", policy)
    assert (target.host, target.port, target.address) == ("www.pitea.se", 443, "93.184.216.34")


def test_unresolvable_host_is_refused():
    with pytest.raises(Refused, match="cannot resolve"):
        check_url("https://nowhere.example/", FetchPolicy(resolver=fake_dns({})))


def test_allow_private_is_exact():
    policy = FetchPolicy(allow_private=frozenset({"127.0.0.1"}))
    assert check_url("http://127.0.0.1:8000/", policy).address == "127.0.0.1"
    with pytest.raises(Refused, match="loopback"):
        check_url("http://127.0.0.2:8000/", policy)
    with pytest.raises(Refused, match="private"):
        check_url("http://10.0.0.1/", policy)


def test_internal_host_with_port_allows_that_port_only():
    """The demo allows its simulated platforms, never loopback in general (its web server)."""
    policy = FetchPolicy(internal_hosts=frozenset({"127.0.0.1:8123", "[::1]:8124"}))
    assert policy.internal_hosts == frozenset()
    assert policy.internal_endpoints == {("127.0.0.1", 8123), ("::1", 8124)}
    assert check_url("http://127.0.0.1:8123/v23.0/1", policy).address == "127.0.0.1"
    assert check_url("http://[::1]:8124/api/v1/statuses", policy).address == "::1"
    for url in ("http://127.0.0.1:8000/", "http://127.0.0.1/", "http://[::1]:8123/"):
        with pytest.raises(Refused, match="loopback"):
            check_url(url, policy)
    # Metadata stays refused even on an allowed port.
    metadata = FetchPolicy(internal_hosts=frozenset({"169.254.169.254:80"}))
    with pytest.raises(Refused, match="metadata"):
        check_url("http://169.254.169.254/latest/", metadata)
    with pytest.raises(ValueError, match="malformed"):
        FetchPolicy(internal_hosts=frozenset({"127.0.0.1:http"}))


def test_allowed_hosts_and_subdomains():
    dns = fake_dns({h: ["93.184.216.34"] for h in ("pitea.se", "www.pitea.se", "evil.se")})
    policy = FetchPolicy(allowed_hosts=frozenset({".pitea.se"}), resolver=dns)
    assert check_url("https://pitea.se/", policy)
    assert check_url("https://WWW.Pitea.se./", policy)
    with pytest.raises(Refused, match="not in the allowed hosts"):
        check_url("https://evil.se/", policy)
    with pytest.raises(Refused, match="not in the allowed hosts"):
        check_url(
            "https://notpitea.se/",
            FetchPolicy(allowed_hosts=frozenset({".pitea.se"}), resolver=dns),
        )


def test_guard_counts_requests_and_bytes():
    guard = FetchGuard(
        FetchPolicy(allow_private=frozenset({"127.0.0.1"}), max_requests=2, max_bytes=10)
    )
    guard.admit("http://127.0.0.1/a")
    guard.admit("http://127.0.0.1/b")
    with pytest.raises(Refused, match="request limit"):
        guard.admit("http://127.0.0.1/c")
    guard.count_bytes(10)
    with pytest.raises(LimitExceeded):
        guard.count_bytes(1)
    assert guard.failure is not None and guard.failure.startswith("size limit exceeded")
    assert [e.outcome for e in guard.log] == ["refused"]
    assert guard.connected_addresses == set()


def test_guard_logs_policy_refusals():
    guard = FetchGuard(FetchPolicy())
    with pytest.raises(Refused):
        guard.admit("http://169.254.169.254/")
    (entry,) = guard.refused
    assert entry.address == "" and "metadata" in entry.reason
