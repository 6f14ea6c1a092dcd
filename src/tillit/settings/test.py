"""Test settings: fast hashing, immediate tasks, in-memory mail, no cache surprises."""

import atexit
import os
import shutil
import tempfile
from pathlib import Path

os.environ.setdefault("TILLIT_DEBUG", "false")
os.environ.setdefault("TILLIT_LOG_LEVEL", "WARNING")

from .base import *  # noqa: E402,F403

# Two-step verification has its own tests; the others sign administrators in with a password.
TILLIT_ADMIN_TWO_FACTOR = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# A worker process a test starts (tillit.core.testing) takes tasks from the database instead.
TASKS = {  # noqa: F405
    "default": task_backend(  # noqa: F405
        os.environ.get("TILLIT_TEST_TASKS", "django_tasks.backends.immediate.ImmediateBackend")
    )
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Tests never share files with the demo in the same checkout: captures, attachments, the
# audit checkpoint file and the audit keyring go to a folder of this test process. (With
# the demo's checkpoints in var/media, every test's fresh audit chain looked truncated.)
# A child process a test starts (tillit.core.testing) is handed its parent's folder.
if os.environ.get("TILLIT_TEST_FILES"):
    _TEST_FILES = Path(os.environ["TILLIT_TEST_FILES"])
else:
    _TEST_FILES = Path(tempfile.mkdtemp(prefix="tillit-test-"))
    atexit.register(shutil.rmtree, _TEST_FILES, ignore_errors=True)
MEDIA_ROOT = _TEST_FILES / "media"
TILLIT_AUDIT_KEYRING = str(_TEST_FILES / "audit_keyring.json")
TILLIT_AUDIT_CHECKPOINT_FILE = ""

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not memory: tests that start a second process (a worker killed mid-action)
    # must see the same test database.
    # One file per test process, so parallel runs in one checkout never share it.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-{os.getpid()}.sqlite3")}  # noqa: F405
