"""The guarded httpx client and requests session refuse internal targets before connecting."""

import httpx
import pytest
import requests

from tillit.core.net.client import guarded_client
from tillit.core.net.policy import FetchPolicy, Refused
from tillit.core.net.session import guarded_session

from .server import counting_server

LOCAL = FetchPolicy(internal_hosts=frozenset({"127.0.0.1"}))


def fake_dns(table, calls=None):
    """A resolver answering from table and counting lookups, so no test needs real DNS."""

    def resolve(host, port):
        if calls is not None:
            calls.append(host)
        if host not in table:
            raise OSError("unknown host")
        return table[host]

    return resolve


def get_httpx(url, policy, **kwargs):
    with guarded_client(policy, **kwargs) as client:
        return client.get(url)


def get_requests(url, policy, **kwargs):
    with guarded_session(policy) as session:
        return session.get(url, timeout=5, **kwargs)


GETTERS = [pytest.param(get_httpx, id="httpx"), pytest.param(get_requests, id="requests")]


def _refusal(exc_info):
    """The policy refusal, which requests may wrap in its own exception chain."""
    seen = exc_info.value
    while seen is not None and not isinstance(seen, Refused):
        seen = seen.__cause__ or seen.__context__
    return seen


@pytest.mark.parametrize("get", GETTERS)
@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "[::ffff:127.0.0.1]"])
def test_loopback_server_gets_no_request(get, host):
    with counting_server() as server:
        url = f"http://{host}:{server.port}/feed"
        with pytest.raises(Exception) as caught:  # noqa: PT011 - which wrapper varies by library
            get(url, FetchPolicy())
        assert _refusal(caught) is not None, caught.value
        assert server.count == 0


@pytest.mark.parametrize("get", GETTERS)
@pytest.mark.parametrize(
    "url",
    [
        "http://10.0.0.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[fd00:ec2::254]/",
        "http://[64:ff9b::7f00:1]/",
        "http://[2002:7f00:1::]/",
        "http://[::]/",
        "http://0.0.0.0/",
        "http://224.0.0.1/",
    ],
)
def test_internal_literals_are_refused(get, url):
    with pytest.raises(Exception) as caught:  # noqa: PT011 - which wrapper varies by library
        get(url, FetchPolicy())
    assert _refusal(caught) is not None, caught.value


def test_non_web_scheme_is_refused_by_the_transport():
    with pytest.raises(Refused, match="scheme"):
        guarded_client(FetchPolicy()).send(httpx.Request("GET", "ftp://example.org/"))


@pytest.mark.parametrize("get", GETTERS)
def test_name_resolving_inside_is_refused_and_resolved_once(get):
    calls: list[str] = []
    policy = FetchPolicy(resolver=fake_dns({"feed.example.se": ["127.0.0.1"]}, calls))
    with counting_server() as server:
        with pytest.raises(Exception) as caught:  # noqa: PT011
            get(f"http://feed.example.se:{server.port}/", policy)
        assert _refusal(caught) is not None
        assert server.count == 0
    assert calls == ["feed.example.se"]


@pytest.mark.parametrize("get", GETTERS)
def test_allow_listed_name_is_pinned_to_its_checked_address_with_its_own_host_header(get):
    calls: list[str] = []
    policy = FetchPolicy(
        internal_hosts=frozenset({"mastodon.kommun.local"}),
        resolver=fake_dns({"mastodon.kommun.local": ["127.0.0.1"]}, calls),
    )
    with counting_server() as server:
        response = get(f"http://mastodon.kommun.local:{server.port}/api", policy)
        assert response.status_code == 200
        assert server.count == 1
        assert server.hits[0][1]["host"] == f"mastodon.kommun.local:{server.port}"
    assert calls == ["mastodon.kommun.local"]


@pytest.mark.parametrize("get", GETTERS)
def test_allow_list_never_opens_metadata(get):
    policy = FetchPolicy(
        internal_hosts=frozenset({"evil.example"}),
        resolver=fake_dns({"evil.example": ["169.254.169.254"]}),
    )
    with pytest.raises(Exception) as caught:  # noqa: PT011
        get("http://evil.example/", policy)
    assert "metadata" in _refusal(caught).reason


@pytest.mark.parametrize("get", GETTERS)
@pytest.mark.parametrize("target", ["localhost", "10.0.0.1", "169.254.169.254"])
def test_every_redirect_hop_is_checked(get, target):
    with counting_server() as inner:
        location = f"http://{target}:{inner.port}/secret"
        with counting_server(redirects={"/feed": location}) as outer:
            kwargs = {"follow_redirects": True} if get is get_httpx else {}
            with pytest.raises(Exception) as caught:  # noqa: PT011
                get(f"{outer.url}/feed", LOCAL, **kwargs)
            assert _refusal(caught) is not None
            assert outer.count == 1
        assert inner.count == 0


@pytest.mark.parametrize("get", GETTERS)
def test_environment_proxy_is_ignored(get, monkeypatch):
    with counting_server() as proxy, counting_server() as target:
        monkeypatch.setenv("HTTP_PROXY", proxy.url)
        monkeypatch.setenv("http_proxy", proxy.url)
        monkeypatch.setenv("NO_PROXY", "")
        assert get(f"{target.url}/x", LOCAL).status_code == 200
        assert (proxy.count, target.count) == (0, 1)


def test_requests_session_mounts_only_web_schemes():
    with (
        guarded_session(FetchPolicy()) as session,
        pytest.raises(requests.exceptions.InvalidSchema),
    ):
        session.get("file:///etc/passwd")
