"""Private files from the first byte: the process umask, secret files, and var/ tightened at start.

The database, its -wal/-shm files, media (direct messages, attachments) and the secret files
hold personal data and keys; nobody but the service account may read them. A umask set
before anything is created makes every later file 0600 and every folder 0700, whoever
creates it (SQLite, Django's storage, the file cache); a chmod afterwards would leave a
window in which the file is readable.
"""

import contextlib
import os
import stat
import tempfile
from pathlib import Path

PRIVATE_UMASK = 0o077


def harden_process() -> None:
    """Set the restrictive umask; every entry point calls this before settings are read."""
    os.umask(PRIVATE_UMASK)


def tighten_var_dir(var_dir: Path) -> None:
    """Make var/ 0700 and its direct files and folders private, fixing older installations.

    Only the top level is walked: a 0700 folder already bars everyone else from what is
    inside, and media can hold many thousand files.
    """
    var_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    _tighten(var_dir)
    for child in var_dir.iterdir():
        _tighten(child)


def _tighten(path: Path) -> None:
    """Remove group and other bits from one file or folder (links are left alone)."""
    try:
        info = path.lstat()
    except FileNotFoundError:
        return
    if stat.S_ISLNK(info.st_mode) or not info.st_mode & 0o077:
        return
    try:
        path.chmod(stat.S_IMODE(info.st_mode) & 0o700)
    except PermissionError:  # not ours (a shared mount): nothing we can do from here
        return


def write_secret(path: Path, value: str) -> None:
    """Create a secret file 0600 with its content, atomically, unless it already exists.

    The file is written under a temporary name created 0600 and linked into place, so no
    reader (another process starting at the same moment) ever sees it empty or readable.
    """
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")  # mkstemp is 0600
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(value)
            fh.flush()
            os.fsync(fh.fileno())
        # Another process may have made it first; theirs wins.
        with contextlib.suppress(FileExistsError):
            os.link(tmp, path)
    finally:
        os.unlink(tmp)


def replace_secret(path: Path, value: str) -> None:
    """Replace a secret file's content atomically, keeping it 0600 throughout."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(value)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def read_or_create_secret(path: Path, make) -> str:
    """The secret kept in path, made with make() and written 0600 on first use."""
    if not path.exists():
        write_secret(path, make())
    return path.read_text(encoding="utf-8").strip()
