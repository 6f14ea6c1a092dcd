"""A small site served on 127.0.0.1 by the tests themselves, and the Chromium skip marker."""

from __future__ import annotations

import io
import os
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from PIL import Image

CHROMIUM = "/usr/bin/chromium"
needs_chromium = pytest.mark.skipif(
    not os.access(CHROMIUM, os.X_OK),
    reason=f"{CHROMIUM} is missing: install the Debian package 'chromium' to run browser tests",
)


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 40), "red").save(buffer, format="PNG")
    return buffer.getvalue()


PNG = _png()

INDEX = """<!doctype html>
<html lang="sv"><head><meta charset="utf-8"><title>Tillit test page</title></head>
<body>
<h1>Static heading for the archive</h1>
<img src="img.png" alt="red square" width="40" height="40">
<p id="late">waiting</p>
<script>
fetch("part.txt").then(r => r.text()).then(t => { document.getElementById("late").textContent = t; });
</script>
</body></html>
"""


class Site(BaseHTTPRequestHandler):
    """Routes of the test site; class attributes are filled in per server."""

    port = 0
    release = threading.Event()

    def do_GET(self):  # noqa: N802 - the name http.server dispatches to
        routes = {
            "/index.html": (200, "text/html; charset=utf-8", INDEX.encode()),
            "/img.png": (200, "image/png", PNG),
            "/part.txt": (200, "text/plain; charset=utf-8", b"Loaded by script"),
            "/dir/page.html": (200, "text/html", b"<p>Moved page</p><img src='rel.png'>"),
            "/dir/rel.png": (200, "image/png", PNG),
            "/bad-image.html": (
                200,
                "text/html",
                (
                    f"<p>Bad images</p><img src='http://127.0.0.2:{self.port}/x.png'>"
                    "<img src='/img-to-metadata'><img src='/img.png'>"
                ).encode(),
            ),
            "/hang.html": (200, "text/html", b"<p>Never done</p><img src='/never.png'>"),
            "/big.html": (200, "text/html", b"<p>big</p>" + b"x" * 400_000),
            "/websocket.html": (
                200,
                "text/html",
                b"<p>ws</p><script>new WebSocket('ws://10.0.0.1/')</script>",
            ),
        }
        redirects = {
            "/old": "/dir/page.html",
            "/to-private": "http://10.0.0.1/admin",
            "/to-metadata": "http://169.254.169.254/latest/meta-data/",
            "/img-to-metadata": "http://169.254.169.254/latest/meta-data/x.png",
        }
        path = self.path.split("?", 1)[0]
        if path in redirects:
            self.send_response(302)
            self.send_header("Location", redirects[path])
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif path == "/never.png":
            # Holds the response open until the test ends, so the page never finishes loading.
            self.release.wait(30)
            self.send_error(404)
        elif path in routes:
            status, ctype, body = routes[path]
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        else:
            self.send_error(404)

    def log_message(self, format, *args):  # noqa: A002 - signature fixed by http.server
        pass


@pytest.fixture(scope="session")
def site():
    """Base URL of the test site on 127.0.0.1 (a free port)."""
    release = threading.Event()
    handler: Any = type("TestSite", (Site,), {"release": release})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    handler.port = server.server_port
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    release.set()
    time.sleep(0.05)
    server.shutdown()
    server.server_close()
