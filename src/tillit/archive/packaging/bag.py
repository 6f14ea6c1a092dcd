"""build_bag: a BagIt 1.0 bag (SHA-256 and SHA-512 manifests) of a folder, all or nothing."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import bagit

from tillit.core.sanitise import clean_text

from .spec import Progress


def build_bag(
    src_dir: str | os.PathLike[str],
    out_dir: str | os.PathLike[str],
    *,
    info: dict[str, str] | None = None,
    progress: Progress | None = None,
) -> Path:
    """Copy src_dir's contents into a new bag at out_dir (must not exist); return out_dir."""
    report = progress or (lambda stage, fraction: None)
    src, out = Path(src_dir), Path(out_dir)
    if not src.is_dir():
        raise NotADirectoryError(f"{src} is not a folder")
    if out.exists():
        raise FileExistsError(f"{out} already exists")
    out.parent.mkdir(parents=True, exist_ok=True)
    # bagit.make_bag works in place, so the copy is made beside the target and renamed when
    # the bag is complete; a failure never leaves a folder with the bag's name.
    work = Path(tempfile.mkdtemp(prefix=f".{out.name}.partial-", dir=out.parent))
    try:
        files = [p for p in src.rglob("*") if p.is_file()]
        for number, path in enumerate(files, start=1):
            target = work / path.relative_to(src)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
            report("copy", 0.8 * number / max(len(files), 1))
        report("manifest", 0.85)
        bag_info = {"Source-Organization": "Tillit", "Bagging-Software": "Tillit (bagit-python)"}
        # bag-info.txt is "Label: value" lines, so a value is one clean line.
        bag_info.update({k: " ".join(clean_text(v).split()) for k, v in (info or {}).items()})
        bagit.make_bag(str(work), bag_info=bag_info, checksums=["sha256", "sha512"])
        os.rename(work, out)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    report("done", 1.0)
    return out


def validate_bag(path: str | os.PathLike[str]) -> None:
    """Raise bagit.BagValidationError unless path is a complete bag whose checksums match."""
    bagit.Bag(str(path)).validate()
