"""Files and folders only their owner may read, private from the moment they exist.

The backend's data directory holds the generated token and the event log (every
incident and command of the shift), so it is 0700 and its files 0600 whatever the
umask: files are created by ``os.open`` with mode 0600 and then ``fchmod``-ed (an
existing file keeps no wider mode), never written first and tightened afterwards.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


def private_dir(path: Path) -> Path:
    """``path`` as a folder (made with its parents if missing) that only its owner can use."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(FileExistsError):
        path.mkdir(mode=PRIVATE_DIR_MODE)
    os.chmod(path, PRIVATE_DIR_MODE)  # an existing folder, or a umask that kept bits off
    return path


def open_private(path: Path, *, truncate: bool = False) -> int:
    """A write descriptor on ``path``, created 0600 if missing, tightened to 0600 if not.

    Refuses to follow a symbolic link at ``path`` (another user cannot redirect it).
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC
    if truncate:
        flags |= os.O_TRUNC
    descriptor = os.open(path, flags, PRIVATE_FILE_MODE)
    try:
        os.fchmod(descriptor, PRIVATE_FILE_MODE)
    except OSError:
        os.close(descriptor)
        raise
    return descriptor


def write_private(path: Path, text: str) -> None:
    """Replace the content of ``path`` with ``text`` (UTF-8), the file private throughout."""
    with os.fdopen(open_private(path, truncate=True), "w", encoding="utf-8") as handle:
        handle.write(text)


def make_private(path: Path) -> None:
    """Create ``path`` empty and private if missing, or tighten an existing file."""
    os.close(open_private(path))
