"""The production profile and the production server, each in a process of its own.

`tillit serve` must be gunicorn, never Django's development server; the production profile
must refuse to start without what only the deployer can give, pass `check --deploy` without
a word, log JSON lines, and serve over HTTPS only with the headers a security review expects.
"""

import json
import re
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from cryptography.fernet import Fernet

from tillit.core.testing import (
    free_port,
    start_tillit,
    stop_process,
    subprocess_env,
    wait_until_answers,
)

HOST = "tillit.example.se"
SECRET = "x7-" + "k" * 20 + "Q9v" * 10  # 53 characters, more than five distinct


def _production_env(tmp_path: Path, **overrides: str | None) -> dict[str, str]:
    env = subprocess_env(
        DJANGO_SETTINGS_MODULE="tillit.settings.production",
        TILLIT_ENV="production",
        TILLIT_SECRET_KEY=SECRET,
        TILLIT_ALLOWED_HOSTS=f"{HOST},127.0.0.1",
        TILLIT_BASE_URL=f"https://{HOST}",
        TILLIT_CREDENTIALS_KEY=Fernet.generate_key().decode(),
        TILLIT_VAR_DIR=str(tmp_path / "var"),
        TILLIT_STATIC_ROOT=str(tmp_path / "static"),
        TILLIT_DEBUG="false",
    )
    # The test run's own conveniences (the browser tests allow sync ORM calls) are not a
    # deployment's.
    for name in ("TILLIT_TEST_FILES", "DJANGO_ALLOW_ASYNC_UNSAFE"):
        env.pop(name, None)
    for name, value in overrides.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env


def _tillit(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - our own command line
        [sys.executable, "-m", "tillit.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_reports_nothing_on_the_production_profile(tmp_path):
    done = _tillit(_production_env(tmp_path), "check", "--deploy", "--fail-level", "WARNING")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "System check identified no issues" in done.stdout


def test_the_development_profile_is_not_deploy_clean(tmp_path):
    # The check above can fail: without the profile the same check finds the gaps.
    env = _production_env(tmp_path, TILLIT_ENV=None, DJANGO_SETTINGS_MODULE="tillit.settings.base")
    done = _tillit(env, "check", "--deploy", "--fail-level", "WARNING")
    assert done.returncode != 0
    assert "SECURE_HSTS_SECONDS" in done.stdout + done.stderr


@pytest.mark.parametrize(
    ("overrides", "named"),
    [
        ({"TILLIT_SECRET_KEY": None}, "TILLIT_SECRET_KEY"),
        ({"TILLIT_SECRET_KEY": "django-insecure-short"}, "TILLIT_SECRET_KEY"),
        ({"TILLIT_ALLOWED_HOSTS": None}, "TILLIT_ALLOWED_HOSTS"),
        ({"TILLIT_ALLOWED_HOSTS": "*"}, "TILLIT_ALLOWED_HOSTS"),
        ({"TILLIT_BASE_URL": f"http://{HOST}"}, "TILLIT_BASE_URL"),
        ({"TILLIT_CREDENTIALS_KEY": "not-a-key"}, "TILLIT_CREDENTIALS_KEY"),
        ({"TILLIT_DEBUG": "true"}, "TILLIT_DEBUG"),
    ],
)
def test_production_refuses_to_start_without_what_the_deployer_must_give(
    tmp_path, overrides, named
):
    done = _tillit(_production_env(tmp_path, **overrides), "check")
    assert done.returncode == 2
    assert named in done.stderr
    assert "startar inte i produktionsläge" in done.stderr
    assert "Traceback" not in done.stderr
    for value in overrides.values():
        if value and value != "true":
            assert value not in done.stderr.replace(named, ""), "a given value was echoed"
    # Nothing was made in var/ on a refusal: no secret file a later start would trust.
    assert not (tmp_path / "var" / "secret_key").exists()


def test_an_unknown_profile_is_refused(tmp_path):
    done = _tillit(_production_env(tmp_path, TILLIT_ENV="staging"), "check")
    assert done.returncode != 0
    assert "TILLIT_ENV" in done.stderr and "okänt" in done.stderr


def test_production_logs_one_json_object_per_line(tmp_path):
    code = "import logging; logging.getLogger('tillit.probe').warning('hej %s', 'världen')"
    done = _tillit(_production_env(tmp_path), "shell", "-c", code)
    assert done.returncode == 0, done.stderr
    record = json.loads(done.stderr.strip().splitlines()[-1])
    assert record["level"] == "WARNING"
    assert record["logger"] == "tillit.probe"
    assert record["message"] == "hej världen"


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


@pytest.mark.django_db(transaction=True)
def test_tillit_serve_is_gunicorn_with_workers_not_the_development_server(org):
    port = free_port()
    proc = start_tillit(subprocess_env(), "serve", "--bind", f"127.0.0.1:{port}", "--workers", "2")
    try:
        base = f"http://127.0.0.1:{port}"
        wait_until_answers(f"{base}/healthz", proc)
        live = httpx.get(f"{base}/healthz", timeout=10)
        assert live.status_code == 200 and live.json() == {"status": "ok"}
        assert live.headers["server"] == "gunicorn"
        assert live.headers["cache-control"].startswith("max-age=0")
        ready = httpx.get(f"{base}/readyz", timeout=10)
        assert ready.status_code == 200, ready.text
        assert ready.json()["checks"] == {
            "database": "ok",
            "schema": "ok",
            "cache": "ok",
            "task_queue": "ok",
        }
        page = httpx.get(f"{base}/kanaler/", timeout=10)
        assert page.status_code == 200
        assert "Testkommunen" in page.text or "<html" in page.text
        # A master and two worker processes, each running the WSGI application.
        assert len(_children(proc.pid)) == 2
        cmdline = Path(f"/proc/{proc.pid}/cmdline").read_bytes().replace(b"\0", b" ")
        assert b"runserver" not in cmdline
    finally:
        out = stop_process(proc)
    assert "development server" not in out.lower()
    assert "Starting gunicorn" in out
    assert proc.returncode == 0, out  # SIGTERM: a graceful stop


@pytest.mark.django_db(transaction=True)
def test_readyz_says_not_ready_when_the_schema_is_behind(tmp_path):
    # A fresh database nobody migrated: the server answers, but is not ready.
    env = subprocess_env(DATABASE_URL=f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    port = free_port()
    proc = start_tillit(env, "serve", "--bind", f"127.0.0.1:{port}", "--workers", "1")
    try:
        wait_until_answers(f"http://127.0.0.1:{port}/healthz", proc)
        ready = httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=10)
    finally:
        stop_process(proc)
    assert ready.status_code == 503
    assert ready.json()["status"] == "error"
    assert ready.json()["checks"]["schema"] == "error"
    assert ready.json()["checks"]["database"] == "ok"
    assert "Traceback" not in ready.text and "sqlite" not in ready.text.lower()


@pytest.mark.django_db(transaction=True)
def test_production_server_serves_https_only_with_hardened_headers(org, tmp_path):
    env = _production_env(tmp_path)
    refused = _tillit(env, "serve", "--bind", f"127.0.0.1:{free_port()}")
    assert refused.returncode != 0
    assert "collectstatic" in refused.stderr  # hashed names need the manifest first
    collected = _tillit(env, "collectstatic", "--noinput", "--verbosity", "0")
    assert collected.returncode == 0, collected.stderr
    port = free_port()
    proc = start_tillit(env, "serve", "--bind", f"127.0.0.1:{port}", "--workers", "1")
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_answers(f"{base}/healthz", proc, headers={"Host": HOST})
        # Probes over plain HTTP inside the network answer; pages redirect to HTTPS.
        assert httpx.get(f"{base}/healthz", headers={"Host": HOST}).status_code == 200
        plain = httpx.get(f"{base}/kanaler/", headers={"Host": HOST})
        assert plain.status_code == 301
        assert plain.headers["location"] == f"https://{HOST}/kanaler/"
        # gunicorn trusts X-Forwarded-Proto from the proxy on 127.0.0.1.
        tls = {"Host": HOST, "X-Forwarded-Proto": "https"}
        page = httpx.get(f"{base}/konto/logga-in/", headers=tls)
        assert page.status_code == 200
        h = page.headers
        assert h["strict-transport-security"] == "max-age=31536000; includeSubDomains; preload"
        csp = h["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert h["x-frame-options"] == "DENY"
        assert h["x-content-type-options"] == "nosniff"
        cookie = h["set-cookie"]
        assert cookie.startswith("__Host-tillit-csrf=")
        assert "Secure" in cookie and "HttpOnly" in cookie
        # Hashed, compressed static files straight from WhiteNoise.
        found = re.search(r'href="(/static/[^"]+\.css)"', page.text)
        assert found, page.text
        css = found.group(1)
        assert re.search(r"\.[0-9a-f]{12}\.css$", css), css
        asset = httpx.get(f"{base}{css}", headers={**tls, "Accept-Encoding": "gzip"})
        assert asset.status_code == 200
        assert asset.headers["cache-control"] == "max-age=315360000, public, immutable"
        # A host nobody configured is refused.
        assert httpx.get(f"{base}/kanaler/", headers={"Host": "evil.example"}).status_code == 400
    finally:
        out = stop_process(proc)
    lines = [line for line in out.splitlines() if line.startswith("{")]
    assert lines and all(json.loads(line)["level"] for line in lines)
    assert SECRET not in out
