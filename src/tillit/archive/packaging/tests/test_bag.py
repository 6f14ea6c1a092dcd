"""build_bag writes a BagIt bag that bagit.py --validate accepts."""

import subprocess
import sys
from pathlib import Path

import bagit
import pytest

from tillit.archive.packaging import build_bag, validate_bag


@pytest.fixture
def source(tmp_path):
    src = tmp_path / "src"
    (src / "nested").mkdir(parents=True)
    (src / "a.txt").write_text("alpha")
    (src / "nested" / "b.bin").write_bytes(bytes(range(256)))
    return src


def test_bag_validates_with_the_bagit_command(source, tmp_path):
    stages = []
    bag = build_bag(
        source,
        tmp_path / "bag",
        info={"External-Identifier": "tillit-1"},
        progress=lambda s, f: stages.append(s),
    )
    assert (bag / "data" / "nested" / "b.bin").read_bytes() == bytes(range(256))
    assert (bag / "manifest-sha256.txt").is_file() and (bag / "manifest-sha512.txt").is_file()
    assert "External-Identifier: tillit-1" in (bag / "bag-info.txt").read_text()
    command = Path(sys.executable).with_name("bagit.py")
    done = subprocess.run(  # noqa: S603 - our interpreter and our temp paths
        [sys.executable, str(command), "--validate", str(bag)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert stages[-1] == "done"
    assert (source / "a.txt").exists()  # the source is copied, never moved


def test_tampered_bag_fails_validation(source, tmp_path):
    bag = build_bag(source, tmp_path / "bag")
    (bag / "data" / "a.txt").write_text("changed")
    with pytest.raises(bagit.BagValidationError):
        validate_bag(bag)


def test_existing_target_is_refused(source, tmp_path):
    (tmp_path / "bag").mkdir()
    with pytest.raises(FileExistsError):
        build_bag(source, tmp_path / "bag")
