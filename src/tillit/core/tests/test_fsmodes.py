"""The finding: var/ files were world-readable. Entry points now create everything private.

Each test starts real processes through the entry points under a permissive umask (022,
the usual default) and checks the modes of what they leave in a fresh var/ folder.
"""

import json
import os
import shlex
import stat
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[4]

# Run inside `tillit shell`: keep the SQLite connection open (so -wal and -shm exist), store
# a media file as an upload would be stored, seal an audit entry and write a checkpoint.
SHELL_CODE = """
import json, os, stat
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, transaction
from tillit.audit.checkpoints import checkpoint_path, checkpoint_write
from tillit.audit.keys import keyring_path
from tillit.audit.services import audit_record
from django.conf import settings
with transaction.atomic():
    audit_record(actor=None, action="test.mode", object_type="x", object_id="1")
checkpoint_write()
name = default_storage.save("records/dm/1/message.txt", ContentFile(b"a direct message"))
db = connection.settings_dict["NAME"]
paths = {
    "db": db, "wal": db + "-wal", "shm": db + "-shm",
    "media_file": os.path.join(settings.MEDIA_ROOT, name),
    "media_dir": os.path.dirname(os.path.join(settings.MEDIA_ROOT, name)),
    "keyring": str(keyring_path()), "checkpoints": str(checkpoint_path()),
}
print("MODES" + json.dumps({k: oct(stat.S_IMODE(os.stat(p).st_mode)) for k, p in paths.items()}))
"""


def _tillit(var: Path, *args: str) -> subprocess.CompletedProcess:
    """Run `python -m tillit.cli ARGS` under umask 022 with var/ at `var` and no DATABASE_URL."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TILLIT_", "DATABASE_URL"))}
    env.update(
        DJANGO_SETTINGS_MODULE="tillit.settings.base",
        TILLIT_VAR_DIR=str(var),
        TILLIT_LOG_LEVEL="WARNING",
        PYTHONPATH=str(ROOT / "src"),
    )
    command = shlex.join([sys.executable, "-m", "tillit.cli", *args])
    return subprocess.run(
        ["/bin/sh", "-c", f"umask 022 && exec {command}"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=240,
        check=True,
    )


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(scope="module")
def var(tmp_path_factory):
    """A var/ folder as an older installation left it (0755, a readable media folder), migrated."""
    var = tmp_path_factory.mktemp("install") / "var"
    (var / "media").mkdir(parents=True)
    var.chmod(0o755)
    (var / "media").chmod(0o755)
    _tillit(var, "migrate", "--no-input")
    return var


def test_migrate_creates_the_database_and_secret_files_private(var):
    assert _mode(var) == 0o700
    assert _mode(var / "media") == 0o700  # tightened at start
    assert _mode(var / "tillit.sqlite3") == 0o600
    assert _mode(var / "secret_key") == 0o600
    assert _mode(var / "tillit_credentials_key") == 0o600
    assert (var / "secret_key").read_text().strip()


def test_wal_shm_media_keyring_and_checkpoints_are_private(var):
    out = _tillit(var, "shell", "-c", SHELL_CODE).stdout
    modes = json.loads(out[out.index("MODES") + 5 :].splitlines()[0])
    assert modes == {
        "db": "0o600",
        "wal": "0o600",
        "shm": "0o600",
        "media_file": "0o600",
        "media_dir": "0o700",
        "keyring": "0o600",
        "checkpoints": "0o600",
    }


def test_wsgi_entry_point_sets_the_private_umask(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TILLIT_", "DATABASE_URL"))}
    env.update(TILLIT_VAR_DIR=str(tmp_path / "var"), PYTHONPATH=str(ROOT / "src"))
    env.pop("DJANGO_SETTINGS_MODULE", None)
    code = "import os; os.umask(0o022); import tillit.wsgi; print(oct(os.umask(0)))"
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "0o77"


def test_secret_files_are_never_readable_while_being_written(tmp_path, monkeypatch):
    from tillit.core import fsmodes

    seen = []
    real_link = os.link

    def spy(src, dst, *args, **kwargs):
        seen.append(_mode(Path(src)))  # the content is complete and the mode already 0600
        return real_link(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "link", spy)
    old = os.umask(0o022)
    try:
        value = fsmodes.read_or_create_secret(tmp_path / "s" / "key", lambda: "k" * 50)
    finally:
        os.umask(old)
    assert value == "k" * 50 and seen == [0o600]
    assert _mode(tmp_path / "s" / "key") == 0o600 and _mode(tmp_path / "s") == 0o700
    assert [p.name for p in (tmp_path / "s").iterdir()] == ["key"]  # no temporary left
