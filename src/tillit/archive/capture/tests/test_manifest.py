"""verify_manifest finds changed, missing, extra and escaping files."""

import json

from tillit.archive.capture.manifest import describe_file, verify_manifest, write_manifest


def make_capture(root):
    root.mkdir(exist_ok=True)
    (root / "a.txt").write_text("alpha")
    (root / "b.bin").write_bytes(b"\0\1\2")
    files = [
        describe_file(root, "a.txt", "text/plain", "text"),
        describe_file(root, "b.bin", "application/octet-stream", "bytes"),
    ]
    write_manifest(root, {"url": "http://example.org/", "files": files})
    return root


def test_intact_capture_has_no_mismatches(tmp_path):
    assert verify_manifest(make_capture(tmp_path)) == []


def test_changed_missing_and_unlisted_files_are_reported(tmp_path):
    root = make_capture(tmp_path)
    (root / "a.txt").write_text("alphA")
    (root / "b.bin").unlink()
    (root / "extra.txt").write_text("x")
    assert sorted(map(str, verify_manifest(root))) == [
        "a.txt: sha256",
        "b.bin: missing",
        "extra.txt: unlisted",
    ]


def test_manifest_paths_cannot_escape(tmp_path):
    root = make_capture(tmp_path / "cap")
    manifest = json.loads((root / "manifest.json").read_text())
    manifest["files"].append({"path": "../../etc/passwd", "size": 1, "sha256": "0"})
    (root / "manifest.json").write_text(json.dumps(manifest))
    assert [m.problem for m in verify_manifest(root)] == ["outside the capture"]


def test_unreadable_manifest(tmp_path):
    assert verify_manifest(tmp_path)[0].path == "manifest.json"
