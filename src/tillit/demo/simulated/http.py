"""A tiny threaded HTTP server for the demo's simulated platforms (standard library only).

Each simulated platform is an ``App`` with one method, ``handle(request) -> Reply``; this
module parses requests (query, form, JSON, multipart) and runs the server in a daemon
thread on 127.0.0.1. Nothing here is reachable from outside the machine, and the bodies it
reads are bounded, because the demo's own connectors are not the only thing that may call it.
"""

from __future__ import annotations

import json
import logging
import threading
from dataclasses import dataclass, field
from email import policy as email_policy
from email.parser import BytesParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Protocol
from urllib.parse import parse_qs, urlsplit

logger = logging.getLogger(__name__)

MAX_BODY = 16 * 1024 * 1024


@dataclass(frozen=True)
class Upload:
    """A file from a multipart body."""

    filename: str
    content_type: str
    data: bytes


@dataclass
class Request:
    """One parsed request: the path without query, and every parameter by name."""

    method: str
    path: str
    headers: dict[str, str]
    query: dict[str, list[str]] = field(default_factory=dict)
    form: dict[str, list[str]] = field(default_factory=dict)
    json: Any = None
    files: dict[str, Upload] = field(default_factory=dict)

    def param(self, name: str, default: str | None = None) -> str | None:
        """A parameter from the body (form or JSON) or the query, body first."""
        if isinstance(self.json, dict) and name in self.json:
            value = self.json[name]
            return value if isinstance(value, str) else json.dumps(value)
        for source in (self.form, self.query):
            if source.get(name):
                return source[name][0]
        return default

    def params(self, name: str) -> list[str]:
        """Every value of a list parameter (``name[]=…`` or repeated ``name=…``)."""
        if isinstance(self.json, dict) and isinstance(self.json.get(name), list):
            return [str(v) for v in self.json[name]]
        found: list[str] = []
        for source in (self.form, self.query):
            found.extend(source.get(f"{name}[]", []))
            found.extend(source.get(name, []))
        return found

    def bearer(self) -> str:
        """The token of an ``Authorization: Bearer …`` header (or an access_token parameter)."""
        header = self.headers.get("authorization", "")
        if header.lower().startswith("bearer "):
            return header[7:].strip()
        return self.param("access_token") or ""


@dataclass
class Reply:
    """What an app answers: status, a JSON-ready body (or raw bytes) and extra headers."""

    status: int
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    raw: bytes | None = None
    content_type: str = "application/json; charset=utf-8"


class App(Protocol):
    """A simulated platform."""

    def handle(self, request: Request) -> Reply:
        """Answer one request."""
        ...


def parse_body(content_type: str, body: bytes) -> tuple[dict[str, list[str]], Any, dict]:
    """Form fields, decoded JSON and uploaded files of a body, by its content type."""
    kind = content_type.split(";", 1)[0].strip().lower()
    if not body:
        return {}, None, {}
    if kind == "application/json":
        try:
            return {}, json.loads(body), {}
        except ValueError:
            return {}, None, {}
    if kind == "application/x-www-form-urlencoded":
        return parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True), None, {}
    if kind == "multipart/form-data":
        head = f"Content-Type: {content_type}\r\n\r\n".encode()
        message = BytesParser(policy=email_policy.HTTP).parsebytes(head + body)
        form: dict[str, list[str]] = {}
        files: dict[str, Upload] = {}
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            if not isinstance(name, str):
                continue
            payload = part.get_payload(decode=True)
            data = payload if isinstance(payload, bytes) else b""
            filename = part.get_filename()
            if filename is not None:
                files[name] = Upload(filename, part.get_content_type(), data)
            else:
                form.setdefault(name, []).append(data.decode("utf-8", "replace"))
        return form, None, files
    return {}, None, {}


def _handler_for(app: App) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "TillitDemoPlatform/1"

        def _serve(self) -> None:
            parts = urlsplit(self.path)
            headers = {k.lower(): v for k, v in self.headers.items()}
            length = headers.get("content-length", "0")
            size = int(length) if length.isdigit() else 0
            if size > MAX_BODY:
                self._send(Reply(413, {"error": "body too large"}))
                self.close_connection = True
                return
            body = self.rfile.read(size) if size else b""
            form, decoded, files = parse_body(headers.get("content-type", ""), body)
            request = Request(
                method=self.command,
                path=parts.path,
                headers=headers,
                query=parse_qs(parts.query, keep_blank_values=True),
                form=form,
                json=decoded,
                files=files,
            )
            try:
                reply = app.handle(request)
            except Exception:  # a bug in a simulation must not kill the demo's server thread
                logger.exception("simulated platform failed on %s %s", self.command, parts.path)
                reply = Reply(500, {"error": "simulation error"})
            self._send(reply)

        def _send(self, reply: Reply) -> None:
            data = reply.raw
            if data is None:
                data = (
                    b""
                    if reply.body is None
                    else json.dumps(reply.body, ensure_ascii=False).encode()
                )
            self.send_response(reply.status)
            self.send_header("Content-Type", reply.content_type)
            self.send_header("Content-Length", str(len(data)))
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(data)

        do_GET = do_POST = do_DELETE = do_PUT = do_PATCH = do_HEAD = _serve

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            logger.debug("%s %s", self.address_string(), format % args)

    return Handler


class SimServer:
    """One app served on 127.0.0.1 in a daemon thread; port 0 picks a free port."""

    def __init__(self, app: App, port: int = 0, name: str = "simulated-platform"):
        """Bind at once (so the port is known), serve when started."""
        self.app = app
        self._server = ThreadingHTTPServer(("127.0.0.1", port), _handler_for(app))
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, name=name, kwargs={"poll_interval": 0.2}
        )
        self._thread.daemon = True

    @property
    def port(self) -> int:
        """The port the server listens on."""
        return int(self._server.server_address[1])

    @property
    def endpoint(self) -> str:
        """``127.0.0.1:port``: what the outbound guard is told to allow, and nothing more."""
        return f"127.0.0.1:{self.port}"

    @property
    def url(self) -> str:
        """The server's base URL."""
        return f"http://{self.endpoint}"

    def start(self) -> SimServer:
        """Serve in the background; returns self."""
        self._thread.start()
        return self

    def close(self) -> None:
        """Stop serving and release the port."""
        self._server.shutdown()
        self._server.server_close()
