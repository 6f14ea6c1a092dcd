"""The fetcher follows redirects itself, checking every hop, and connects only where allowed."""

import asyncio
import concurrent.futures
import gzip
import time

import httpx
import pytest

from tillit.core.net.fetcher import Exchange, Fetcher, decoded_body
from tillit.core.net.guard import FetchGuard, LimitExceeded
from tillit.core.net.policy import FetchPolicy, Refused

from .server import counting_server


@pytest.fixture(scope="module")
def site():
    """A small site on 127.0.0.1: a page, a big page and redirects inward and outward."""
    with counting_server(
        routes={
            "/dir/page.html": (200, "text/html", b"<p>Moved page</p>"),
            "/big.html": (200, "text/html", b"<p>big</p>" + b"x" * 400_000),
        },
        redirects={
            "/old": "/dir/page.html",
            "/to-private": "http://10.0.0.1/admin",
            "/to-metadata": "http://169.254.169.254/latest/meta-data/",
        },
    ) as server:
        yield server.url


def fetch(url, policy=None):
    """Fetch url with a fresh guard; return (exchange or exception, guard, recorded exchanges)."""
    guard = FetchGuard(policy or FetchPolicy(allow_private=frozenset({"127.0.0.1"})))
    recorded: list = []

    async def run():
        fetcher = Fetcher(guard, recorded.append, deadline=time.monotonic() + 10, user_agent="t")
        try:
            return await fetcher.fetch(url)
        except Exception as exc:
            return exc
        finally:
            await fetcher.aclose()

    # A fresh thread has no event loop, even when an earlier test (Playwright's sync API)
    # left one running in this thread.
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, run()).result(), guard, recorded


def test_redirect_is_followed_through_the_policy(site):
    result, guard, recorded = fetch(f"{site}/old")
    assert result.status == 200 and result.url == f"{site}/dir/page.html"
    assert [e.status for e in recorded] == [302, 200]
    assert guard.connected_addresses == {"127.0.0.1"}
    # The request headers recorded are the ones sent, Host naming the site, not the address.
    assert ("Host", site.removeprefix("http://")) in recorded[0].request_headers


@pytest.mark.parametrize(
    ("path", "address"), [("/to-private", "10.0.0.1"), ("/to-metadata", "169.254.169.254")]
)
def test_redirect_to_internal_address_is_refused_before_connecting(site, path, address):
    result, guard, recorded = fetch(f"{site}{path}")
    assert isinstance(result, Refused)
    assert [e.status for e in recorded] == [302]
    (refusal,) = guard.refused
    assert address in refusal.url and refusal.address == ""
    assert guard.connected_addresses == {"127.0.0.1"}


def test_redirect_limit(site):
    result, _, _ = fetch(
        f"{site}/old", FetchPolicy(allow_private=frozenset({"127.0.0.1"}), max_redirects=0)
    )
    assert isinstance(result, httpx.TooManyRedirects)


def test_byte_budget_stops_the_download(site):
    result, guard, _ = fetch(
        f"{site}/big.html", FetchPolicy(allow_private=frozenset({"127.0.0.1"}), max_bytes=1000)
    )
    assert isinstance(result, LimitExceeded)
    assert guard.failure.startswith("size limit exceeded")


def _exchange(body, encoding):
    headers = [("Content-Encoding", encoding)] if encoding else []
    return Exchange("http://x/", "GET", [], None, 200, "OK", "HTTP/1.1", headers, body, "1.2.3.4")


def test_gzip_body_is_decoded_for_the_browser_and_kept_raw_for_the_warc():
    raw = gzip.compress(b"hello" * 10)
    assert decoded_body(_exchange(raw, "gzip"), 1000) == (b"hello" * 10, True)
    assert decoded_body(_exchange(b"plain", None), 1000) == (b"plain", False)


def test_decompression_bomb_is_stopped():
    bomb = gzip.compress(b"\0" * 1_000_000)
    with pytest.raises(LimitExceeded, match="size limit"):
        decoded_body(_exchange(bomb, "gzip"), 10_000)
