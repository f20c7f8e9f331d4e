"""Real disk faults for the cache tests: a small tmpfs mounted in the test's folder.

The tests run as root, where ``chmod`` stops nothing; a read-only *mount* and a *full*
file system stop root too. ``mount -t tmpfs`` needs CAP_SYS_ADMIN: without it the test
is skipped with that reason.

* :meth:`Tmpfs.read_only` remounts it read-only (only while no file on it is open for
  writing: the kernel refuses with "busy" otherwise);
* :meth:`Tmpfs.fill` writes a filler file until the disk is full (writes then fail
  with ENOSPC), :meth:`Tmpfs.free` removes it;
* :func:`immutable` sets the ext2-style immutable flag (``chattr +i``) on files that are
  open, so a running cache meets a read-only file.
"""

from __future__ import annotations

import contextlib
import errno
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest


class Tmpfs:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.filler = path / "filler"

    def read_only(self) -> None:
        _run("mount", "-o", "remount,ro", str(self.path))

    def read_write(self) -> None:
        _run("mount", "-o", "remount,rw", str(self.path))

    def fill(self) -> None:
        """Write until the file system is full (ENOSPC)."""
        block = b"\0" * 4096
        with self.filler.open("ab", buffering=0) as file:
            while True:
                try:
                    file.write(block)
                except OSError as exc:
                    if exc.errno != errno.ENOSPC:
                        raise
                    break
        assert os.statvfs(self.path).f_bavail == 0

    def free(self) -> None:
        self.filler.unlink(missing_ok=True)


@contextlib.contextmanager
def tmpfs(path: Path, size: str = "16m") -> Iterator[Tmpfs]:
    """A tmpfs of ``size`` mounted at ``path`` (made if missing), unmounted at the end."""
    path.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(
            f"cannot mount a tmpfs for a real disk fault ({mounted.stderr.strip()}): "
            "needs root with CAP_SYS_ADMIN"
        )
    try:
        yield Tmpfs(path)
    finally:
        for file in path.iterdir():
            with contextlib.suppress(OSError):
                subprocess.run(["chattr", "-i", str(file)], capture_output=True, check=False)
        if subprocess.run(["umount", str(path)], capture_output=True, check=False).returncode:
            _run("umount", "-l", str(path))  # something still holds it open: detach it


@contextlib.contextmanager
def immutable(*files: Path) -> Iterator[None]:
    """``chattr +i`` on ``files`` (skips if the file system or the tool does not allow it)."""
    done: list[Path] = []
    try:
        for file in files:
            result = subprocess.run(
                ["chattr", "+i", str(file)], capture_output=True, text=True, check=False
            )
            if result.returncode != 0:
                pytest.skip(f"chattr +i is not available here: {result.stderr.strip()}")
            done.append(file)
        yield
    finally:
        for file in done:
            _run("chattr", "-i", str(file))


def _run(*command: str) -> None:
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode == 0, f"{' '.join(command)}: {result.stderr.strip()}"
