"""The audit chain's HMAC keys, kept outside the database (ADR 8).

The current key seals new entries; every key ever used stays in the keyring so old entries
still verify. A key's id is derived from the key itself (an HMAC of a fixed label), so the
same key has the same id wherever it is configured and the id reveals nothing of the key.

Sources, read at call time so tests and rotations take effect at once:
- TILLIT_AUDIT_KEY (the current key) and TILLIT_AUDIT_RETIRED_KEYS (earlier ones) from the
  environment, for deployments with a secret store;
- otherwise the keyring file TILLIT_AUDIT_KEYRING (var/audit_keyring.json), created 0600
  at first use and rotated by `tillit audit rotate-key`. Keys in the file also verify when
  the environment provides the current key.
"""

import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from tillit.core.fsmodes import replace_secret, write_secret

MIN_KEY_BYTES = 32


class KeyringError(RuntimeError):
    """The keyring cannot be read or changed as asked."""


@dataclass(frozen=True)
class Keyring:
    """The key that seals new entries and every key that may verify old ones."""

    current_id: str
    keys: dict[str, bytes]

    def key(self, key_id: str) -> bytes | None:
        """The key with this id, or None when it is not (or no longer) in the keyring."""
        return self.keys.get(key_id)

    @property
    def current(self) -> bytes:
        """The key new entries are sealed with."""
        return self.keys[self.current_id]


def key_id_for(key: bytes) -> str:
    """A short public name for a key, derived from it without revealing it."""
    return "k" + hmac.new(key, b"tillit audit key id", hashlib.sha256).hexdigest()[:15]


def _env_key(value: str) -> bytes:
    key = value.encode("utf-8")
    if len(key) < MIN_KEY_BYTES:
        raise ImproperlyConfigured(f"audit keys must be at least {MIN_KEY_BYTES} characters long")
    return key


def keyring_path() -> Path:
    """Where the keyring file lives."""
    return Path(str(settings.TILLIT_AUDIT_KEYRING))


_cache: dict[tuple, Keyring] = {}


def keyring() -> Keyring:
    """The keyring in force now; creates the keyring file at first use when no key is configured."""
    env_current = str(getattr(settings, "TILLIT_AUDIT_KEY", "") or "")
    env_retired = tuple(getattr(settings, "TILLIT_AUDIT_RETIRED_KEYS", ()) or ())
    path = keyring_path()
    if not env_current and not path.exists():
        _create_file(path)
    try:
        info = path.stat()
        stamp: tuple = (info.st_mtime_ns, info.st_size, info.st_ino)
    except FileNotFoundError:
        stamp = ()
    cache_key = (env_current, env_retired, str(path), stamp)
    cached = _cache.get(cache_key)
    if cached is not None:
        return cached
    keys: dict[str, bytes] = {}
    current_id = ""
    if stamp:
        current_id, keys = _read_file(path)
    for value in env_retired:
        key = _env_key(value)
        keys[key_id_for(key)] = key
    if env_current:
        key = _env_key(env_current)
        current_id = key_id_for(key)
        keys[current_id] = key
    if current_id not in keys:
        raise KeyringError(f"the audit keyring {path} names no current key")
    ring = Keyring(current_id=current_id, keys=keys)
    _cache.clear()
    _cache[cache_key] = ring
    return ring


def keyring_rotate() -> tuple[str, str]:
    """Add a fresh key to the keyring file and make it current; return (old id, new id)."""
    if getattr(settings, "TILLIT_AUDIT_KEY", ""):
        raise KeyringError(
            "the audit key comes from TILLIT_AUDIT_KEY: set a new one there and move the old "
            "one to TILLIT_AUDIT_RETIRED_KEYS"
        )
    old = keyring()
    path = keyring_path()
    _current, stored = _read_file(path)
    key = secrets.token_bytes(32)
    new_id = key_id_for(key)
    stored[new_id] = key
    replace_secret(path, _dump(new_id, stored))
    return old.current_id, new_id


def _create_file(path: Path) -> None:
    """Write a keyring with one fresh key, 0600 from the start (another process may win)."""
    key = secrets.token_bytes(32)
    write_secret(path, _dump(key_id_for(key), {key_id_for(key): key}))


def _dump(current_id: str, keys: dict[str, bytes]) -> str:
    return json.dumps(
        {
            "current": current_id,
            "keys": {kid: {"key": key.hex()} for kid, key in keys.items()},
            "written_at": timezone.now().isoformat(),
        },
        indent=1,
    )


def _read_file(path: Path) -> tuple[str, dict[str, bytes]]:
    """Parse the keyring file; a damaged file is an error, never a silently fresh key."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        keys = {str(kid): bytes.fromhex(entry["key"]) for kid, entry in data["keys"].items()}
        current = str(data["current"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise KeyringError(f"the audit keyring {path} cannot be read: {exc}") from exc
    for kid, key in keys.items():
        if key_id_for(key) != kid:
            raise KeyringError(f"the audit keyring {path} has a key whose id does not match")
    return current, keys
