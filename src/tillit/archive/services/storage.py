"""Files in Django's storage: save, re-read with a checksum, remove; works on any backend."""

import hashlib
from pathlib import Path

from django.core.files import File
from django.core.files.storage import default_storage


def storage_sha256(name: str) -> str:
    """Hex SHA-256 of a stored file, read back from the storage in chunks."""
    digest = hashlib.sha256()
    with default_storage.open(name, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def storage_save(name: str, source: Path) -> str:
    """Store a local file under name; return the name the storage actually used."""
    with source.open("rb") as fh:
        return default_storage.save(name, File(fh, name=source.name))


def storage_delete(names) -> None:
    """Remove stored files, ignoring any already gone (clean-up after a failure)."""
    for name in names:
        try:
            default_storage.delete(name)
        except OSError:
            continue


def storage_copy_out(name: str, target: Path) -> Path:
    """Copy a stored file to a local path (packages are built from local files)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with default_storage.open(name, "rb") as src, target.open("wb") as dst:
        for chunk in iter(lambda: src.read(1 << 20), b""):
            dst.write(chunk)
    return target
