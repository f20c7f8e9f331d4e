"""The cache under real disk faults: damaged files, a lost -wal, read-only and full disks.

Each fault ends in a clear state (``opening``, a CacheError with a reason) and never in
the silent loss of a queued command.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from bench._harness import synthetic_picture
from services.cache import Cache, CacheError, opening
from services.cache.opening import damage_of
from services.client.batch import IngestBatch, JournalEntry
from tests.services.cache.mounts import immutable, tmpfs
from tests.services.client.helpers import ROOT

COMMANDS = ["cmd-0", "cmd-1", "cmd-2"]


def enqueue(cache: Cache, command_id: str) -> None:
    cache.enqueue_command(
        command_id,
        "cad",
        "incident.create",
        b'{"category":"fire","priority":1}',
        operator="duty",
        workstation="ws-1",
        target="",
    )


def make_cache(path: Path, *, picture: bool = True) -> None:
    """A cache holding three queued commands (committed first) and then a picture."""
    cache = Cache(path)
    for command_id in COMMANDS:
        enqueue(cache, command_id)
    if picture:
        cache.commit(synthetic_picture(2000, 500))
    cache.close()
    assert not path.with_name(path.name + "-wal").exists()  # closed cleanly


def truncate(path: Path) -> None:
    os.truncate(path, path.stat().st_size * 6 // 10)


def garbage(path: Path) -> None:
    path.write_bytes(os.urandom(path.stat().st_size))


def zero_header(path: Path) -> None:
    with path.open("r+b") as file:
        file.write(bytes(100))


def damage_a_page(path: Path) -> None:
    """Garbage over two pages in the middle (the picture's pages, not the outbox's)."""
    with path.open("r+b") as file:
        file.seek(path.stat().st_size // 2 // 4096 * 4096)
        file.write(os.urandom(8192))


@pytest.mark.parametrize(
    ("damage", "salvaged"),
    [(truncate, 3), (garbage, 0), (zero_header, 3), (damage_a_page, 3)],
    ids=["truncated", "garbage", "zeroed-header", "integrity-check-fails"],
)
def test_a_damaged_cache_is_moved_aside_and_its_commands_salvaged(
    tmp_path: Path, damage: Callable[[Path], None], salvaged: int
) -> None:
    path = tmp_path / "console.sqlite3"
    make_cache(path)
    damage(path)
    assert damage_of(path) is not None
    original = path.read_bytes()

    cache = Cache(path)
    try:
        opening = cache.opening
        assert opening.state == "recreated"
        assert opening.reason  # e.g. "file is not a database"
        assert opening.moved_to is not None
        assert opening.moved_to.name.startswith("console.sqlite3.damaged-")
        assert opening.moved_to.read_bytes() == original  # kept untouched, for a post-mortem
        assert opening.salvaged == salvaged
        assert cache.writable
        recovered = [row.id for row in cache.unacknowledged()]
        assert recovered == COMMANDS[:salvaged]
        for command_id in recovered:
            assert [r["result"] for r in cache.audit_rows(command_id)] == [
                "recovered from a damaged cache"
            ]
        # The new cache works: empty picture, takes commits and commands.
        assert cache.load_picture().resets == []
        cache.commit(synthetic_picture(10, 5))
        enqueue(cache, "cmd-new")
        assert cache.outbox_status("cmd-new") == "queued"
    finally:
        cache.close()
    assert damage_of(path) is None


LOST_WAL_CHILD = r"""
import os, signal, sys
from pathlib import Path
from bench._harness import synthetic_picture
from services.cache import Cache
cache = Cache(Path(sys.argv[1]))
cache.commit(synthetic_picture(50, 10))
cache.enqueue_command("kept-0001", "cad", "incident.create", b'{"priority":1}',
                      operator="duty", workstation="ws-1")
cache.mark_sent(["kept-0001"])
picture = synthetic_picture(0, 20)  # written after the command: only in the -wal
picture.resets = [r for r in picture.resets if r.topic == "incidents"]
cache.commit(picture)
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_a_queued_command_survives_sigkill_and_a_lost_wal(tmp_path: Path) -> None:
    path = tmp_path / "console.sqlite3"
    child = subprocess.run(
        [sys.executable, "-c", LOST_WAL_CHILD, str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert child.returncode == -signal.SIGKILL, child.stderr
    wal = path.with_name(path.name + "-wal")
    assert wal.stat().st_size > 0  # the kill left commits in the -wal…
    wal.unlink()  # …and then the -wal is lost
    path.with_name(path.name + "-shm").unlink(missing_ok=True)

    cache = Cache(path)
    try:
        assert cache.opening.state == "ok"
        # The later batch lived only in the lost -wal: the fault is real…
        assert cache.entity_count("incidents") == 10
        # …and the command, committed and checkpointed, is still there, unanswered (its
        # "sent" mark was in the -wal: it is sent again, with the same id).
        assert [row.id for row in cache.unacknowledged()] == ["kept-0001"]
        assert cache.outbox_status("kept-0001") == "queued"
    finally:
        cache.close()


@pytest.fixture
def disk(tmp_path: Path):
    with tmpfs(tmp_path / "disk", size="16m") as mounted:
        yield mounted


def test_a_read_only_disk_at_start_is_read_and_refuses_writes_clearly(disk) -> None:
    path = disk.path / "console.sqlite3"
    make_cache(path)
    disk.read_only()
    cache = Cache(path)
    try:
        assert cache.opening.state == "read_only"
        assert cache.opening.reason.startswith("read-only file system")
        assert not cache.writable
        picture = cache.load_picture()  # the last picture is still shown
        assert {r.topic: len(r.items) for r in picture.resets}["units"] == 2000
        assert [row.id for row in cache.unacknowledged()] == COMMANDS  # and resent
        with pytest.raises(CacheError) as refused:
            enqueue(cache, "cmd-new")
        assert refused.value.reason == cache.opening.reason
        with pytest.raises(CacheError):
            cache.commit(synthetic_picture(1, 1))
        with pytest.raises(CacheError):
            cache.mark_sent(COMMANDS)
    finally:
        cache.close()


def test_a_read_only_folder_without_a_cache_runs_in_memory(disk) -> None:
    disk.read_only()
    cache = Cache(disk.path / "sub" / "console.sqlite3")
    try:
        assert cache.opening.state == "unavailable"
        assert cache.opening.reason.lower().startswith("read-only file system")
        assert not cache.writable
        assert cache.load_picture().resets == []
        assert cache.unacknowledged() == []
        with pytest.raises(CacheError, match=r"(?i)read-only file system"):
            enqueue(cache, "cmd-new")
    finally:
        cache.close()


def test_a_full_disk_at_start_refuses_writes_until_room_is_made(disk) -> None:
    path = disk.path / "console.sqlite3"
    make_cache(path, picture=False)
    disk.fill()
    cache = Cache(path)
    try:
        assert cache.opening.state == "full"
        assert cache.opening.reason.startswith("the disk is full")
        assert cache.may_recover
        assert [row.id for row in cache.unacknowledged()] == COMMANDS  # still read
        with pytest.raises(CacheError, match="the disk is full"):
            enqueue(cache, "cmd-new")
        with pytest.raises(CacheError):
            cache.check_writable()
        assert cache.outbox_status("cmd-new") is None
        disk.free()
        cache.check_writable()  # room again: reopened for writing
        enqueue(cache, "cmd-new")
        assert cache.outbox_status("cmd-new") == "queued"
    finally:
        cache.close()


def test_a_disk_that_fills_up_refuses_commits_and_commands_then_recovers(disk) -> None:
    path = disk.path / "console.sqlite3"
    cache = Cache(path)
    try:
        cache.commit(synthetic_picture(100, 10))
        disk.fill()
        with pytest.raises(CacheError, match="database or disk is full"):
            cache.commit(synthetic_picture(500, 100))
        with pytest.raises(CacheError, match="database or disk is full"):
            enqueue(cache, "cmd-full")
        with pytest.raises(CacheError):
            cache.check_writable()
        disk.free()
        enqueue(cache, "cmd-full")
        assert cache.outbox_status("cmd-full") == "queued"
        assert cache.entity_count("units") == 100  # the failed commit left nothing half-done
    finally:
        cache.close()


def test_a_file_made_read_only_while_open_refuses_writes(tmp_path: Path) -> None:
    path = tmp_path / "console.sqlite3"
    cache = Cache(path)
    try:
        enqueue(cache, "cmd-0")
        cache.commit(synthetic_picture(10, 1))
        # chattr +i on the file and its -wal (never the -shm: it is mapped in memory).
        with immutable(path, path.with_name(path.name + "-wal")):
            with pytest.raises(CacheError, match="the file is read-only"):
                enqueue(cache, "cmd-1")
            with pytest.raises(CacheError):
                cache.commit(synthetic_picture(20, 1))
        enqueue(cache, "cmd-1")
        assert [row.id for row in cache.unacknowledged()] == ["cmd-0", "cmd-1"]
    finally:
        cache.close()


def test_a_large_cache_is_checked_where_start_needs_it_and_fully_after_damage_is_met(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(opening, "FULL_CHECK_MAX_BYTES", 0)  # every file counts as large
    path = tmp_path / "console.sqlite3"
    make_cache(path, picture=False)
    cache = Cache(path)
    frame = b'{"op":"event","topic":"positions","data":{"unit":"U-1"}}' * 4
    batch = IngestBatch()
    batch.journal = [
        JournalEntry("avl", 1e9 + i, frame, "event", "positions", "e", i, i) for i in range(5000)
    ]
    cache.commit(batch)
    cache.close()
    with sqlite3.connect(path) as reader:  # a leaf page of the journal, away from the rest
        page = reader.execute(
            "SELECT pageno FROM dbstat WHERE name = 'journal' AND pagetype = 'leaf' "
            "ORDER BY pageno LIMIT 1 OFFSET 10"
        ).fetchone()[0]
    reader.close()
    with path.open("r+b") as file:
        file.seek((page - 1) * 4096)
        file.write(os.urandom(4096))

    cache = Cache(path)  # the journal is not checked at start: a large file opens at once
    try:
        assert cache.opening.state == "ok"
        with pytest.raises(CacheError, match="malformed"):
            list(cache.journal_frames())  # replay meets the damaged page
    finally:
        cache.close()
    assert opening.damage_seen_marker(path).exists()

    cache = Cache(path)  # so the next start checks the whole file
    try:
        assert cache.opening.state == "recreated"
        assert cache.opening.salvaged == 3
        assert [row.id for row in cache.unacknowledged()] == COMMANDS
    finally:
        cache.close()
    assert not opening.damage_seen_marker(path).exists()


def test_a_damaged_entity_page_met_by_a_checkpoint_is_a_cache_error(tmp_path: Path) -> None:
    """The checkpoint reads the entities through the driver (services/cache/checkpoints.py):
    a fault there is reported as every other query's, with its reason."""
    path = tmp_path / "console.sqlite3"
    make_cache(path)
    cache = Cache(path)
    try:
        with sqlite3.connect(path) as reader:
            page = reader.execute(
                "SELECT pageno FROM dbstat WHERE name = 'entities' AND pagetype = 'leaf' "
                "ORDER BY pageno LIMIT 1 OFFSET 10"
            ).fetchone()[0]
        reader.close()
        with path.open("r+b") as file:
            file.seek((page - 1) * 4096)
            file.write(os.urandom(4096))
        cache.engine.dispose()  # the next connection reads the damaged page from the disk
        with pytest.raises(CacheError, match="malformed"):
            cache.write_checkpoint()
    finally:
        cache.close()
    assert opening.damage_seen_marker(path).exists()
