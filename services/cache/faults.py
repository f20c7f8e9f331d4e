"""What can go wrong with the cache's disk, in terms the console can show.

SQLite and the OS report a fault as an exception; the cache turns each into a short
reason (the system's own words, e.g. "database or disk is full") and sorts it: the file
is damaged (corruption: move it aside), or it cannot be written or opened (a read-only
or full disk, no permission: keep going without saving).
"""

from __future__ import annotations

import errno
import os
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.exc import DBAPIError

#: SQLite result codes that mean the file's content is damaged (not merely unwritable).
_CORRUPTION = frozenset({"SQLITE_CORRUPT", "SQLITE_NOTADB"})


class CacheError(Exception):
    """The cache could not do what was asked; ``reason`` says why in a few words."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class CacheHealth:
    """Whether the cache takes writes now; if not, since when and why."""

    writable: bool
    reason: str = ""
    since: float = 0.0


def healthy() -> CacheHealth:
    return CacheHealth(True, "", time.time())


def reason_of(error: BaseException) -> str:
    """A short, plain reason for a SQLite or OS error ("database or disk is full")."""
    if isinstance(error, CacheError):
        return error.reason
    original = error.orig if isinstance(error, DBAPIError) else error
    if isinstance(original, OSError):
        detail = original.strerror or str(original)
        return f"{detail}: {original.filename}" if original.filename else detail
    return str(original).splitlines()[0] if str(original) else type(original).__name__


def why_not_writable(path: Path, reason: str) -> str:
    """``reason`` (SQLite's words, often "unable to open database file"), led by what
    the file system says about ``path``: a read-only file system, file or folder."""
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    try:
        read_only_fs = bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except OSError:
        read_only_fs = False
    if read_only_fs:
        cause = "read-only file system"
    elif disk_is_full(path):
        cause = "the disk is full"
    elif path.exists() and not os.access(path, os.W_OK):
        cause = "the file is read-only"
    elif not os.access(folder, os.W_OK):
        cause = "the folder is read-only"
    else:
        return reason
    return cause if cause.lower() in reason.lower() else f"{cause} ({reason})"


def disk_is_full(path: Path) -> bool:
    """No room left (for an unprivileged writer) on the disk that holds ``path``."""
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    try:
        return os.statvfs(folder).f_bavail == 0
    except OSError:
        return False


def is_corruption(error: BaseException) -> bool:
    """The file is damaged (not a database, malformed), as opposed to unwritable."""
    original = error.orig if isinstance(error, DBAPIError) else error
    return (
        isinstance(original, sqlite3.DatabaseError)
        and getattr(original, "sqlite_errorname", "") in _CORRUPTION
    )


def is_disk_full(error: BaseException) -> bool:
    """No room left on the disk (SQLITE_FULL or ENOSPC)."""
    original = error.orig if isinstance(error, DBAPIError) else error
    if isinstance(original, OSError):
        return original.errno in (errno.ENOSPC, errno.EDQUOT)
    return getattr(original, "sqlite_errorname", "") == "SQLITE_FULL"


def is_disk_fault(error: BaseException) -> bool:
    """An error of the disk or the database file (rather than a bug in the caller)."""
    if isinstance(error, DBAPIError):
        return isinstance(error.orig, sqlite3.DatabaseError)
    if isinstance(error, OSError):
        return error.errno in (
            errno.EROFS,
            errno.EACCES,
            errno.EPERM,
            errno.ENOSPC,
            errno.EDQUOT,
            errno.EIO,
            errno.ENOENT,
        )
    return isinstance(error, sqlite3.DatabaseError)
