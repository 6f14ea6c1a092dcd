"""Drives Chromium through one capture: every request answered by the policy-checked fetcher."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Route, WebSocketRoute, async_playwright
from playwright.async_api import TimeoutError as PlaywrightTimeout

from tillit.core.net.fetcher import HOP_BY_HOP, Exchange, Fetcher, decoded_body
from tillit.core.net.guard import FetchGuard, LimitExceeded
from tillit.core.net.policy import Refused

from .errors import CaptureFailed
from .warc import WarcRecorder

Progress = Callable[[str, float], None]

# Chromium itself must never reach the network: the route handler answers every request. These
# switches are a second wall for traffic that does not pass through routing (a redirect hop
# Chromium follows on its own, preconnects, WebRTC): a proxy on the discard port where nothing
# listens, no bypass for loopback, and no DNS in the browser.
CHROMIUM_ARGS = [
    "--proxy-server=http://127.0.0.1:9",
    "--proxy-bypass-list=<-loopback>",
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--force-webrtc-ip-handling-policy=disable_non_proxied_udp",
    "--webrtc-ip-handling-policy=disable_non_proxied_udp",
    "--dns-prefetch-disable",
    "--no-pings",
    "--disable-background-networking",
    "--disable-dev-shm-usage",  # containers often have a tiny /dev/shm
]


@dataclass
class BrowseSettings:
    """What one browser session needs to know."""

    url: str
    work_dir: Path
    executable_path: str
    deadline: float  # time.monotonic() value by which the page must be loaded and rendered
    timeout_s: float
    network_idle_s: float
    viewport: tuple[int, int]
    user_agent: str | None
    progress: Progress


@dataclass
class BrowseResult:
    """What the session learnt about the page, besides the files it wrote."""

    final_url: str
    title: str
    http_status: int
    user_agent: str
    browser_version: str
    network_idle: bool
    guard: FetchGuard
    warc_records: int
    started: float = field(default_factory=time.time)


async def browse(settings: BrowseSettings, guard: FetchGuard) -> BrowseResult:
    """Load the page, write screenshot.png, page.pdf and capture.warc.gz into work_dir."""
    warc = WarcRecorder(
        settings.work_dir / "capture.warc.gz",
        {"software": "Tillit archive capture", "format": "WARC File Format 1.1"},
    )
    inflight: set[asyncio.Task] = set()
    fetcher: Fetcher | None = None
    try:
        async with async_playwright() as pw:
            settings.progress("launch", 0.05)
            try:
                browser = await pw.chromium.launch(
                    executable_path=settings.executable_path,
                    args=CHROMIUM_ARGS,
                    timeout=min(settings.timeout_s, 60) * 1000,
                )
            except PlaywrightError as exc:
                raise CaptureFailed(f"could not start Chromium: {_first_line(exc)}") from exc
            try:
                user_agent = settings.user_agent or _default_user_agent(browser.version)
                fetcher = Fetcher(
                    guard, warc.record, deadline=settings.deadline, user_agent=user_agent
                )
                return await _run_page(settings, browser, fetcher, user_agent, inflight, warc)
            finally:
                for task in list(inflight):
                    task.cancel()
                with contextlib.suppress(PlaywrightError):
                    await browser.close()
    finally:
        if fetcher is not None:
            await fetcher.aclose()
        warc.close()


async def _run_page(settings, browser, fetcher, user_agent, inflight, warc) -> BrowseResult:
    width, height = settings.viewport
    context = await browser.new_context(
        user_agent=user_agent,
        viewport={"width": width, "height": height},
        service_workers="block",  # a service worker's fetches would bypass routing
        accept_downloads=False,
    )
    preloaded: dict[str, Exchange] = {}
    await context.route("**/*", _route_handler(fetcher, preloaded, inflight))
    await context.route_web_socket("**/*", _refuse_websocket(fetcher.guard))
    page = await context.new_page()
    crashed = asyncio.Event()
    page.on("crash", lambda _page: crashed.set())
    try:
        settings.progress("fetch", 0.1)
        # The start URL's redirects are followed here, hop by hop through the policy, so the
        # browser navigates straight to the final URL and resolves relative links against it.
        first = await fetcher.fetch(settings.url)
        preloaded[first.url] = first
        settings.progress("load", 0.2)
        await page.goto(first.url, wait_until="load", timeout=_ms_left(settings))
        settings.progress("network-idle", 0.4)
        network_idle = True
        try:
            await page.wait_for_load_state(
                "networkidle", timeout=min(settings.network_idle_s * 1000, _ms_left(settings))
            )
        except PlaywrightTimeout:
            network_idle = False  # long-polling pages never go idle; capture what is there
        if fetcher.guard.failure:
            raise CaptureFailed(fetcher.guard.failure)
        page.set_default_timeout(_ms_left(settings))
        settings.progress("screenshot", 0.5)
        _write(settings.work_dir / "screenshot.png", await page.screenshot(full_page=True))
        settings.progress("pdf", 0.6)
        await page.emulate_media(media="screen")  # the PDF shows the page as visitors see it
        pdf = await page.pdf(print_background=True, format="A4")
        _write(settings.work_dir / "page.pdf", pdf)
        title = await page.title()
        if fetcher.guard.failure:
            raise CaptureFailed(fetcher.guard.failure)
        return BrowseResult(
            final_url=page.url,
            title=title,
            http_status=first.status,
            user_agent=user_agent,
            browser_version=browser.version,
            network_idle=network_idle,
            guard=fetcher.guard,
            warc_records=warc.records,
        )
    except Refused as exc:
        raise CaptureFailed(f"refused by the fetch policy: {exc.reason} ({exc.url})") from exc
    except LimitExceeded as exc:
        raise CaptureFailed(str(exc)) from exc
    except (TimeoutError, PlaywrightTimeout) as exc:
        raise CaptureFailed(f"page did not finish loading within {settings.timeout_s:g} s") from exc
    except httpx.HTTPError as exc:
        raise CaptureFailed(f"could not fetch {settings.url}: {exc}") from exc
    except PlaywrightError as exc:
        if crashed.is_set() or "crash" in str(exc).lower() or "closed" in str(exc).lower():
            raise CaptureFailed(f"Chromium crashed: {_first_line(exc)}") from exc
        if fetcher.guard.failure:
            raise CaptureFailed(fetcher.guard.failure) from exc
        raise CaptureFailed(f"browser error: {_first_line(exc)}") from exc


def _route_handler(fetcher: Fetcher, preloaded: dict[str, Exchange], inflight: set):
    async def handle(route: Route) -> None:
        task = asyncio.current_task()
        if task is not None:
            inflight.add(task)
        request = route.request
        try:
            exchange = preloaded.pop(request.url, None) if request.is_navigation_request() else None
            if exchange is None:
                exchange = await fetcher.fetch(
                    request.url,
                    method=request.method,
                    headers=await request.all_headers(),
                    body=request.post_data_buffer,
                )
            body, decoded = decoded_body(exchange, fetcher.guard.policy.max_bytes)
            await route.fulfill(
                status=exchange.status, headers=_browser_headers(exchange, decoded), body=body
            )
        except Refused:
            await _quietly(route.abort("blockedbyclient"))
        except LimitExceeded as exc:
            fetcher.guard.failure = fetcher.guard.failure or str(exc)
            await _quietly(route.abort("blockedbyclient"))
        except (TimeoutError, httpx.HTTPError, OSError, ValueError):
            await _quietly(route.abort("failed"))
        finally:
            inflight.discard(task)

    return handle


def _refuse_websocket(guard: FetchGuard):
    async def handle(ws: WebSocketRoute) -> None:
        # WebSockets would bypass the fetcher and are not part of a page's archival copy.
        guard.refuse(ws.url, "WebSockets are not captured")
        await _quietly(ws.close(code=1008, reason="not allowed during capture"))

    return handle


def _browser_headers(exchange: Exchange, decoded: bool) -> dict[str, str]:
    headers: dict[str, str] = {}
    for name, value in exchange.response_headers:
        key = name.lower()
        # Never hand Chromium a Location: it would follow the redirect with its own network
        # stack, outside routing. The fetcher has already followed redirects through the policy.
        if key in HOP_BY_HOP or key == "location" or (decoded and key == "content-encoding"):
            continue
        sep = "\n" if key == "set-cookie" else ", "
        headers[key] = f"{headers[key]}{sep}{value}" if key in headers else value
    return headers


async def _quietly(awaitable) -> None:
    # The browser may already be closing when a late request is answered.
    with contextlib.suppress(PlaywrightError):
        await awaitable


def _write(path: Path, data: bytes) -> None:
    with path.open("wb") as fh:
        fh.write(data)


def _ms_left(settings: BrowseSettings) -> float:
    return max(settings.deadline - time.monotonic(), 0.001) * 1000


def _default_user_agent(version: str) -> str:
    # Headless Chromium announces "HeadlessChrome", which many sites answer with a block page;
    # the suffix still says honestly who is fetching.
    return (
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
        f"Chrome/{version} Safari/537.36 Tillit-Archive/1.0"
    )


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0][:300]
