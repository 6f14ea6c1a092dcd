"""The restore drill of docs/deploy.md ("Backups and restore"), done by the book.

A Tillit with the demo's data is backed up the way the guide says (the database with
SQLite's online backup or pg_dump, the media store, the key files), restored into an empty
place, migrated and verified: the audit trail is intact, every row is back, and the
platform credentials still decrypt (so the credentials key came along). On PostgreSQL
(when the suite runs there) the same drill goes through pg_dump and pg_restore.
"""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tillit.core.testing import installation_env, start_tillit

#: What the guide says to keep besides the database: the media store and the key files.
KEPT = ("media", "secret_key", "tillit_credentials_key", "audit_keyring.json")

COUNTS = (
    "from tillit.inbox.models import Item, Connection;"
    "from tillit.audit.models import AuditEntry;"
    "from tillit.records.models import Registration;"
    "from tillit.archive.models import Capture;"
    "from tillit.inbox.crypto import decrypt_config;"
    "print(Item.objects.count(), AuditEntry.objects.count(), Registration.objects.count(),"
    " Capture.objects.count(), sum(bool(decrypt_config(c.config_encrypted))"
    " for c in Connection.objects.all()))"
)


def _tillit(env: dict[str, str], *args: str) -> str:
    proc = start_tillit(env, *args)
    out, _ = proc.communicate(timeout=600)
    assert proc.returncode == 0, f"tillit {' '.join(args)}:\n{out}"
    return out


def _keep(source: Path, target: Path) -> None:
    target.mkdir(parents=True)
    for name in KEPT:
        path = source / name
        if path.is_dir():
            shutil.copytree(path, target / name)
        elif path.exists():
            shutil.copy2(path, target / name)


def _drill(tmp_path: Path, backup, restore, url_a=None, url_b=None) -> None:
    old, new = tmp_path / "old" / "var", tmp_path / "new" / "var"
    _tillit(installation_env(old, url_a), "demo", "--no-serve")
    _tillit(installation_env(old, url_a), "audit", "checkpoint")
    before = (
        _tillit(installation_env(old, url_a), "shell", "--no-imports", "-c", COUNTS)
        .splitlines()[-1]
        .split()
    )
    backup(old)
    _keep(old, new)
    restore(new)
    _tillit(installation_env(new, url_b), "migrate", "--no-input")
    verified = _tillit(installation_env(new, url_b), "audit", "verify")
    assert "Audit trail intact" in verified, verified
    after = (
        _tillit(installation_env(new, url_b), "shell", "--no-imports", "-c", COUNTS)
        .splitlines()[-1]
        .split()
    )
    assert after == before and int(before[0]) > 0 and int(before[4]) > 0, (before, after)


def test_restore_drill_on_sqlite(tmp_path):
    copy = tmp_path / "backup.sqlite3"

    def backup(var: Path) -> None:
        # What `sqlite3 tillit.sqlite3 ".backup backup.sqlite3"` does: consistent while running.
        with sqlite3.connect(var / "tillit.sqlite3") as src, sqlite3.connect(copy) as dst:
            src.backup(dst)

    def restore(var: Path) -> None:
        shutil.copy2(copy, var / "tillit.sqlite3")

    _drill(tmp_path, backup, restore)


def _postgres() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres") or shutil.which("pg_dump") is None:
        pytest.skip("the PostgreSQL drill runs where the suite runs on PostgreSQL")
    return url


def test_restore_drill_on_postgresql(tmp_path):
    import psycopg

    base = urlsplit(_postgres())
    admin = base._replace(path="/postgres").geturl().replace("postgres://", "postgresql://", 1)
    suffix = f"{os.getpid()}_{os.environ.get('PYTEST_XDIST_WORKER', 'gw')}"
    names = (f"tillit_drill_old_{suffix}", f"tillit_drill_new_{suffix}")
    url_a, url_b = (base._replace(path=f"/{n}").geturl() for n in names)
    dump = tmp_path / "tillit.dump"
    with psycopg.connect(admin, autocommit=True) as conn:
        for name in names:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
    try:

        def backup(var: Path) -> None:
            pg_dump = shutil.which("pg_dump") or "pg_dump"
            subprocess.run([pg_dump, "-Fc", "-f", str(dump), url_a], check=True)  # noqa: S603

        def restore(var: Path) -> None:
            pg_restore = shutil.which("pg_restore") or "pg_restore"
            subprocess.run(  # noqa: S603
                [pg_restore, "--no-owner", "-d", url_b, str(dump)], check=True
            )

        _drill(tmp_path, backup, restore, url_a, url_b)
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            for name in names:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
