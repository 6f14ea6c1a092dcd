"""The production web server: gunicorn running Tillit's WSGI application (ADR 17).

`tillit serve` and `tillit demo` both run it, so the demo is served the way a municipality
serves Tillit, never by Django's development server. Gunicorn is embedded through its
documented custom-application interface instead of its command line so that the command
keeps Django's settings, the process hardening of `tillit.cli` and one set of options.

The application is loaded in the master before the workers fork (what gunicorn calls
preloading): start-up costs once, and what the demo sets up in the master (its simulated
platforms, the outbound allow-list) is what every worker sees. Database connections are
closed before the fork and again in each worker, so no two processes ever share a socket.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.db import connections
from gunicorn.app.base import BaseApplication

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ServerOptions:
    """What the web server runs with; defaults from settings (TILLIT_WEB_*)."""

    bind: str
    workers: int
    threads: int
    timeout: int = 60
    max_requests: int = 2000
    forwarded_allow_ips: str = "127.0.0.1,::1"
    access_log: bool = False
    # Run in each web worker process once it has started (the demo starts its task worker
    # thread there: a thread with SQLite connections in the master would be forked mid-lock).
    in_each_worker: Callable[[], None] | None = None

    @classmethod
    def from_settings(cls, **overrides) -> ServerOptions:
        values = {
            "bind": settings.TILLIT_WEB_BIND,
            "workers": settings.TILLIT_WEB_WORKERS,
            "threads": settings.TILLIT_WEB_THREADS,
            "timeout": settings.TILLIT_WEB_TIMEOUT_S,
            "forwarded_allow_ips": ",".join(settings.TILLIT_WEB_FORWARDED_ALLOW_IPS),
            "access_log": settings.TILLIT_WEB_ACCESS_LOG,
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    def gunicorn_config(self) -> dict[str, object]:
        return {
            "bind": [self.bind],
            "workers": self.workers,
            "threads": self.threads,
            # Threads let one worker wait on the database or a platform without blocking the
            # others; gthread is gunicorn's own threaded worker, no extra library.
            "worker_class": "gthread",
            "timeout": self.timeout,
            "graceful_timeout": 30,
            "keepalive": 5,
            # A worker is replaced after this many requests (with jitter, so not all at once):
            # a slow leak in a library never grows without bound.
            "max_requests": self.max_requests,
            "max_requests_jitter": max(self.max_requests // 10, 1),
            # Only a proxy on these addresses may say the request came over HTTPS.
            "forwarded_allow_ips": self.forwarded_allow_ips,
            "accesslog": "-" if self.access_log else None,
            "errorlog": "-",
            "logconfig_dict": _logging_through_django(access=self.access_log),
            "proc_name": "tillit-web",
            "post_fork": _after_fork,
            "post_worker_init": self._worker_started,
            "preload_app": True,
            # gunicorn's control socket would sit in the service account's home directory;
            # systemd (or the orchestrator) is the control here.
            "control_socket_disable": True,
        }

    def _worker_started(self, worker) -> None:
        if self.in_each_worker is not None:
            self.in_each_worker()


def _logging_through_django(*, access: bool) -> dict:
    """Django's LOGGING with gunicorn's own loggers handed to it: one format (JSON lines in
    production) for the server's lines, the access log and the application's."""
    loggers: dict[str, dict[str, object]] = {
        "gunicorn.error": {"level": "INFO", "handlers": [], "propagate": True},
        # Off unless asked for: the proxy in front usually keeps the access log.
        "gunicorn.access": {
            "level": "INFO" if access else "WARNING",
            "handlers": [],
            "propagate": True,
        },
    }
    base: dict = settings.LOGGING
    return {**base, "loggers": {**base.get("loggers", {}), **loggers}}


def _after_fork(server, worker) -> None:
    """A new worker opens its own database connections instead of the master's."""
    connections.close_all()


class TillitServer(BaseApplication):
    """Gunicorn with Tillit's options and application, not its command line."""

    def __init__(self, options: ServerOptions) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.gunicorn_config().items():
            self.cfg.set(key, value)

    def load(self):
        return get_wsgi_application()


def serve(options: ServerOptions) -> None:
    """Run the web server until SIGTERM or SIGINT (gunicorn stops workers gracefully)."""
    connections.close_all()
    logger.info(
        "Tillit web server on %s: %s worker(s) x %s thread(s), pid %s",
        options.bind,
        options.workers,
        options.threads,
        os.getpid(),
    )
    TillitServer(options).run()
