"""Encrypting connection parameters at rest with a key from the environment (Fernet)."""

import json
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings


@lru_cache(maxsize=1)
def _fernet() -> Fernet:
    return Fernet(settings.TILLIT_CREDENTIALS_KEY.encode())


def encrypt_config(config: dict[str, str]) -> bytes:
    """Encrypt a connector's parameters (tokens included) for storage."""
    return _fernet().encrypt(json.dumps(config, sort_keys=True).encode("utf-8"))


def decrypt_config(blob: bytes | memoryview) -> dict[str, str]:
    """Decrypt stored parameters; a wrong key is a configuration error, said plainly."""
    try:
        return json.loads(_fernet().decrypt(bytes(blob)).decode("utf-8"))
    except InvalidToken as exc:
        raise RuntimeError(
            "connection parameters cannot be decrypted: TILLIT_CREDENTIALS_KEY changed?"
        ) from exc
