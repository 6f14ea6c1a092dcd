"""`tillit demo` as a person starts it: its own process, a fresh SQLite database, the production
server, the task worker inside it. People can sign in and the worker is alive.

Written after a first gunicorn demo ran its task worker thread in the master: the forked web
process inherited SQLite's lock bookkeeping mid-transaction and every sign-in waited 20 s
for a lock nobody held, then failed. Only a real process on SQLite shows that.
"""

import re

import httpx

from tillit.core.testing import (
    free_port,
    installation_env,
    start_tillit,
    stop_process,
    wait_until_answers,
)


def test_the_demo_serves_sign_in_and_runs_its_worker(tmp_path):
    port = free_port()
    # The demo's own SQLite file in its own var/.
    proc = start_tillit(installation_env(tmp_path / "var"), "demo", "--port", str(port))
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_answers(f"{base}/healthz", proc, timeout_s=300)
        with httpx.Client(base_url=base, timeout=30) as http:
            form = http.get("/konto/logga-in/")
            found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text)
            assert found, form.text[:2000]
            token = found.group(1)
            signed_in = http.post(
                "/konto/logga-in/",
                data={
                    "csrfmiddlewaretoken": token,
                    "username": "adm.kultur",
                    "password": "tillit-demo",
                },
                headers={"Referer": f"{base}/konto/logga-in/"},
            )
            assert signed_in.status_code == 302, signed_in.text[:2000]
            inbox = http.get("/inkorg/")
            assert inbox.status_code == 200
            assert "Inkorg" in inbox.text
            ready = http.get("/readyz").json()
        assert ready["status"] == "ok"
        assert ready["workers"] == 1
    finally:
        out = stop_process(proc)
    assert "database is locked" not in out
    assert "Starting gunicorn" in out
