"""manifest.json of a capture: every file with SHA-256, size and type, and re-checking it."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MANIFEST_NAME = "manifest.json"
MANIFEST_VERSION = 1


@dataclass(frozen=True)
class Mismatch:
    """One way a capture directory differs from its manifest."""

    path: str
    problem: str  # "missing", "size", "sha256", "unlisted", "manifest"

    def __str__(self) -> str:
        return f"{self.path}: {self.problem}"


def sha256_file(path: Path) -> str:
    """Hex SHA-256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def describe_file(root: Path, name: str, media_type: str, fmt: str) -> dict[str, Any]:
    """The manifest entry for root/name."""
    path = root / name
    return {
        "path": name,
        "media_type": media_type,
        "format": fmt,
        "size": path.stat().st_size,
        "sha256": sha256_file(path),
    }


def write_manifest(root: Path, data: dict[str, Any]) -> Path:
    """Write manifest.json and fsync it, so a complete-looking capture is really on disk."""
    path = root / MANIFEST_NAME
    payload = {"manifest_version": MANIFEST_VERSION, **data}
    with path.open("w", encoding="utf-8") as fh:
        json.dump(payload, fh, ensure_ascii=False, indent=2, sort_keys=False)
        fh.write("\n")
        fh.flush()
        os.fsync(fh.fileno())
    return path


def read_manifest(root: Path) -> dict[str, Any]:
    """Load a capture's manifest.json."""
    return json.loads((Path(root) / MANIFEST_NAME).read_text(encoding="utf-8"))


def verify_manifest(root: str | os.PathLike[str]) -> list[Mismatch]:
    """Recompute every checksum and size; return the differences (empty when intact)."""
    root = Path(root)
    try:
        manifest = read_manifest(root)
        entries = manifest["files"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        return [Mismatch(MANIFEST_NAME, f"manifest unreadable ({exc})")]
    problems: list[Mismatch] = []
    listed = set()
    for entry in entries:
        name = entry["path"]
        listed.add(name)
        path = root / name
        # A manifest is input too: a path that climbs out of the capture is a mismatch.
        if not path.resolve().is_relative_to(root.resolve()):
            problems.append(Mismatch(name, "outside the capture"))
            continue
        if not path.is_file():
            problems.append(Mismatch(name, "missing"))
            continue
        if path.stat().st_size != entry["size"]:
            problems.append(Mismatch(name, "size"))
        if sha256_file(path) != entry["sha256"]:
            problems.append(Mismatch(name, "sha256"))
    for path in sorted(root.rglob("*")):
        name = path.relative_to(root).as_posix()
        if path.is_file() and name != MANIFEST_NAME and name not in listed:
            problems.append(Mismatch(name, "unlisted"))
    return problems
