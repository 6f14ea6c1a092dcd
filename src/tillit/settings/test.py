"""Test settings: fast hashing, immediate tasks, in-memory mail, no cache surprises."""

import os

os.environ.setdefault("TILLIT_DEBUG", "false")
os.environ.setdefault("TILLIT_LOG_LEVEL", "WARNING")

from .base import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not memory: tests that start a second process (a worker killed mid-action)
    # must see the same test database.
    # One file per test process, so parallel runs in one checkout never share it.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-{os.getpid()}.sqlite3")}  # noqa: F405
