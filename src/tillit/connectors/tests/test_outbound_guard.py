"""Every connector with an address parameter refuses internal targets, when saved and when used.

The servers here listen on 127.0.0.1 and count their hits: "refused" means zero hits, not
merely an error message.
"""

from __future__ import annotations

import pytest

from tillit.connectors.errors import AddressRefused, PlatformRefused, UnsafeAddress
from tillit.connectors.registry import all_connectors
from tillit.core.net.policy import FetchPolicy, _getaddrinfo
from tillit.core.net.tests.server import counting_server

URL_CONNECTORS = sorted(
    (slug, param.name) for slug, cls in all_connectors().items() for param in cls.url_parameters()
)

INTERNAL = [
    "http://127.0.0.1/",
    "http://10.1.2.3/",
    "http://192.168.0.10:8443/",
    "http://169.254.169.254/latest/meta-data/",
    "http://[fd00:ec2::254]/",
    "http://[::1]/",
    "http://[::ffff:127.0.0.1]/",
    "http://[64:ff9b::a9fe:a9fe]/",
    "http://[2002:a00:1::]/",
    "http://localhost/",
    "http://intern.kommun.example/",  # the fake name service below resolves it to loopback
    "ftp://example.org/",
]


def config_for(slug: str, url_param: str, url: str) -> dict[str, str]:
    """A complete configuration for the connector, with url in its address parameter."""
    cls = all_connectors()[slug]
    config = {p.name: "1" for p in cls.parameters if p.required and not p.url}
    config[url_param] = url
    return config


def fake_dns(host, port):
    """intern.kommun.example is loopback, localhost asks the system, everything else is public."""
    if host == "localhost":
        return _getaddrinfo(host, port)
    return {"intern.kommun.example": ["127.0.0.1"]}.get(host, ["93.184.215.14"])


def test_the_address_parameters_are_declared():
    # The contract test below relies on this list; a new URL parameter must join it.
    assert {
        ("bluesky", "service"),
        ("mastodon", "api_base_url"),
        ("rss", "feed_url"),
        ("x", "api_base"),
    } <= set(URL_CONNECTORS)


@pytest.mark.parametrize(("slug", "param"), URL_CONNECTORS)
@pytest.mark.parametrize("url", INTERNAL)
def test_saving_an_internal_address_is_refused(slug, param, url):
    cls = all_connectors()[slug]
    config = config_for(slug, param, url)
    with pytest.raises(Exception) as caught:  # noqa: PT011 - ConfigError or UnsafeAddress
        cls.clean_config(config)
        cls.check_addresses(config, FetchPolicy(resolver=fake_dns))
    label = next(p.label for p in cls.parameters if p.name == param)
    # The person reads the setting's label; the exception keeps the name for the form.
    assert label in str(caught.value) or getattr(caught.value, "parameter", None) == param
    if url.startswith("http"):
        assert isinstance(caught.value, UnsafeAddress) and caught.value.parameter == param


@pytest.mark.parametrize(("slug", "param"), URL_CONNECTORS)
def test_a_public_address_is_accepted(slug, param):
    cls = all_connectors()[slug]
    cls.check_addresses(
        config_for(slug, param, "https://public.example/"), FetchPolicy(resolver=fake_dns)
    )


@pytest.mark.parametrize(("slug", "param"), URL_CONNECTORS)
@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "[::ffff:127.0.0.1]"])
def test_test_connection_to_an_internal_address_connects_nowhere(slug, param, host):
    cls = all_connectors()[slug]
    with counting_server() as server:
        connector = cls(config_for(slug, param, f"http://{host}:{server.port}/feed"))
        try:
            with pytest.raises(AddressRefused):
                connector.fetch_profile()
        finally:
            connector.close()
        assert server.count == 0


@pytest.mark.parametrize(("slug", "param"), URL_CONNECTORS)
@pytest.mark.parametrize("target", ["localhost", "169.254.169.254", "10.0.0.1"])
def test_a_redirect_towards_an_internal_address_is_not_followed(slug, param, target, settings):
    # The first server is allow-listed (a self-hosted instance); where it points is not.
    settings.TILLIT_OUTBOUND_ALLOW_HOSTS = {"127.0.0.1"}
    cls = all_connectors()[slug]
    with counting_server() as inner:
        lure = f"http://{target}:{inner.port}/latest/meta-data/"
        with counting_server(redirect_all=lure) as outer:
            connector = cls(config_for(slug, param, f"{outer.url}/feed"))
            try:
                with pytest.raises(PlatformRefused):
                    connector.fetch_profile()
            finally:
                connector.close()
            assert outer.count >= 1
        assert inner.count == 0


def test_allow_list_lets_a_self_hosted_feed_through(settings):
    settings.TILLIT_OUTBOUND_ALLOW_HOSTS = {"127.0.0.1"}
    feed = b"<rss version='2.0'><channel><title>Intern nyhetskanal</title></channel></rss>"
    with counting_server(routes={"/feed": (200, "application/rss+xml", feed)}) as server:
        connector = all_connectors()["rss"]({"feed_url": f"{server.url}/feed"})
        assert connector.fetch_profile().display_name == "Intern nyhetskanal"
        assert server.count == 1


@pytest.mark.parametrize(
    ("new_url", "kept"),
    [
        ("https://mastodon.example/", True),
        ("https://mastodon.example:443/other/path", True),
        ("https://evil.example/", False),
        ("http://mastodon.example/", False),
        ("https://mastodon.example:8443/", False),
    ],
)
def test_a_token_is_only_kept_for_the_host_it_was_saved_for(new_url, kept):
    cls = all_connectors()["mastodon"]
    stored = {"api_base_url": "https://mastodon.example", "access_token": "secret-token"}
    merged, cleared = cls.merge_config(stored, {"api_base_url": new_url})
    assert ("access_token" in merged) is kept
    assert cleared == ([] if kept else ["access_token"])
    # A token typed in the same save goes with the new address.
    merged, cleared = cls.merge_config(stored, {"api_base_url": new_url, "access_token": "new"})
    assert merged["access_token"] == "new" and cleared == []


def test_default_address_counts_as_the_stored_one():
    cls = all_connectors()["bluesky"]
    stored = {"identifier": "kommun.bsky.social", "app_password": "pw"}
    merged, _ = cls.merge_config(
        stored, {"identifier": "kommun.bsky.social", "service": "https://bsky.social"}
    )
    assert merged["app_password"] == "pw"
    merged, cleared = cls.merge_config(
        stored, {"identifier": "kommun.bsky.social", "service": "https://pds.evil.example"}
    )
    assert "app_password" not in merged and cleared == ["app_password"]


def test_a_name_that_does_not_resolve_is_a_temporary_failure(monkeypatch):
    """A resolver outage is retried by the outbox, never recorded as the platform's refusal."""
    import socket

    from tillit.connectors.errors import TransientError

    def down(host, port):
        raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")

    monkeypatch.setattr("tillit.core.net.policy._getaddrinfo", down)
    connector = all_connectors()["rss"]({"feed_url": "https://www.exempelby.se/feed"})
    try:
        with pytest.raises(TransientError, match="could not be looked up") as caught:
            connector.fetch_profile()
        assert not isinstance(caught.value, PlatformRefused)
    finally:
        connector.close()
