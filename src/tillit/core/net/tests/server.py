"""A tiny HTTP server on 127.0.0.1 that counts its hits, for proving nothing connected."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class CountingServer:
    """Where the server listens and every request it answered (path and headers)."""

    url: str
    port: int
    hits: list[tuple[str, dict[str, str]]] = field(default_factory=list)

    @property
    def count(self) -> int:
        """How many requests reached the server."""
        return len(self.hits)


@contextmanager
def counting_server(
    routes: Mapping[str, tuple[int, str, bytes]] | None = None,
    redirects: Mapping[str, str] | None = None,
    redirect_all: str | None = None,
) -> Iterator[CountingServer]:
    """Serve routes (path -> status, type, body) and redirects (path -> Location) on 127.0.0.1.

    redirect_all sends every request to that Location (a hostile server luring a client on).
    """
    routes = dict(routes or {})
    assert routes is not None
    redirects = dict(redirects or {})
    assert redirects is not None
    state: dict[str, CountingServer] = {}

    class Handler(BaseHTTPRequestHandler):
        def _answer(self) -> None:
            path = self.path.split("?", 1)[0]
            state["server"].hits.append((path, {k.lower(): v for k, v in self.headers.items()}))
            location = (redirects or {}).get(path, redirect_all)
            if location:
                self.send_response(302)
                self.send_header("Location", location)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            status, ctype, body = (routes or {}).get(path, (200, "text/plain", b"INTERNAL-SECRET"))
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = do_HEAD = _answer  # noqa: N815 - names http.server dispatches to

        def log_message(self, format, *args):  # noqa: A002 - signature fixed by http.server
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    port = httpd.server_port
    state["server"] = CountingServer(url=f"http://127.0.0.1:{port}", port=port)
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield state["server"]
    finally:
        httpd.shutdown()
        httpd.server_close()
