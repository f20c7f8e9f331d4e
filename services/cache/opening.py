"""Opening the cache file whatever state the disk left it in.

At open the file is checked (``PRAGMA quick_check``, read-only). Then:

* **damaged** (truncated, garbage, a zeroed header, "file is not a database", an
  integrity check that fails): the file and its -wal/-shm are renamed next to it with a
  timestamp (``console.sqlite3.damaged-20261128-210501``), a new empty cache is made in
  its place, and the commands still unanswered that can be read from the damaged file
  are copied into the new outbox (and audited), so they are sent again: state
  ``recreated``;
* **full** (the disk has no room): ``full``. The file is opened as usual if it can be
  (writes fail until room is made), else read-only; either way
  :meth:`~services.cache.Cache.check_writable`, which the feed client calls every few
  seconds while writes fail, finds out when there is room again;
* **not writable** (a read-only file, folder or disk, no permission, no room to even
  make the file): the file is opened read-only when it can be read (the last picture
  and the unanswered commands are still there; nothing new is saved): ``read_only``;
  otherwise the cache lives in memory for this run: ``unavailable``;
* otherwise ``ok``.

Nothing here raises for a disk fault: the console always starts, and
:class:`CacheOpening` says what happened, for the console to say once.
"""

from __future__ import annotations

import contextlib
import logging
import shutil
import sqlite3
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import MetaData, create_engine
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import StaticPool

from services.cache.faults import (
    disk_is_full,
    is_corruption,
    is_disk_fault,
    is_disk_full,
    reason_of,
    why_not_writable,
)
from services.sqlite import wal_engine

log = logging.getLogger(__name__)

OpeningState = Literal["ok", "recreated", "full", "read_only", "unavailable"]
_UNANSWERED = ("queued", "sent")
_OUTBOX_COLUMNS = (
    "id",
    "service",
    "type",
    "data",
    "target",
    "created",
    "status",
    "attempts",
    "sent_at",
    "operator",
    "workstation",
)
_SALVAGE_ROWID_SPAN = 200_000  # rows probed one by one when the outbox cannot be scanned
_PAGE_SIZES = (4096, 1024, 2048, 8192, 16384, 32768, 65536, 512)
FULL_CHECK_MAX_BYTES = 128 * 1024 * 1024
_AT_START = ("entities", "cursors", "outbox", "audit")  # what a large file is checked for


@dataclass(frozen=True, slots=True)
class CacheOpening:
    """How the cache was opened; anything but ``ok`` is worth one line on screen."""

    state: OpeningState
    path: Path
    reason: str = ""  # what was wrong, in the system's words
    moved_to: Path | None = None  # where the damaged file went
    salvaged: int = 0  # unanswered commands copied from the damaged file


@dataclass(slots=True)
class OpenedCache:
    engine: Engine
    opening: CacheOpening
    writable: bool
    salvaged_rows: list[dict[str, Any]] = field(default_factory=list)


def open_cache(path: Path, metadata: MetaData) -> OpenedCache:
    """Open (or make) the cache at ``path``; see the module docstring. Never raises for
    a disk fault."""
    damage = damage_of(path)
    if damage is not None:
        return _replace_damaged(path, metadata, damage)
    try:
        engine, full = open_writable(path, metadata)
    except (DBAPIError, OSError) as exc:
        if is_corruption(exc):  # missed by the check (e.g. a schema it could not read)
            return _replace_damaged(path, metadata, reason_of(exc))
        if not is_disk_fault(exc):
            raise
        reason = why_not_writable(path, reason_of(exc))
        state: OpeningState = "full" if disk_is_full(path) else "read_only"
        return _open_without_writing(path, metadata, reason, state)
    if full is not None:
        log.error("the disk of the cache %s is full (%s)", path, full)
        return OpenedCache(engine, CacheOpening("full", path, full), writable=True)
    return OpenedCache(engine, CacheOpening("ok", path), writable=True)


def damage_of(path: Path) -> str | None:
    """Why the file at ``path`` is damaged, or None (also when it cannot be read at all:
    that is for the writable/read-only decision, not a reason to move it aside).

    ``PRAGMA quick_check`` reads the whole file (about 1 GB/s from the page cache). Past
    FULL_CHECK_MAX_BYTES only the tables the console needs at start are checked (state,
    cursors, outbox, audit; not the journal), unless the last run met a damaged page
    (see :func:`note_damage_seen`)."""
    try:
        if not path.is_file():
            return None
        size = path.stat().st_size
    except OSError:
        return None
    if size == 0:
        return None
    marker = damage_seen_marker(path)
    whole = size <= FULL_CHECK_MAX_BYTES or marker.exists()
    checks = ["PRAGMA quick_check"] if whole else [f"PRAGMA quick_check({t})" for t in _AT_START]
    try:
        connection = _read_only_connection(path)
    except sqlite3.Error as exc:
        return reason_of(exc) if is_corruption(exc) else None
    try:
        rows = [str(row[0]) for check in checks for row in connection.execute(check)]
    except sqlite3.Error as exc:
        return reason_of(exc) if is_corruption(exc) else None
    finally:
        connection.close()
    if any(row != "ok" for row in rows):
        return "integrity check failed: " + "; ".join(r for r in rows if r != "ok")[:300]
    if whole:
        with contextlib.suppress(OSError):  # checked whole and sound: no need next time
            marker.unlink(missing_ok=True)
    return None


def damage_seen_marker(path: Path) -> Path:
    return path.with_name(path.name + ".check-at-start")


def note_damage_seen(path: Path) -> None:
    """A damaged page was met while running: check the whole file at the next start."""
    try:
        damage_seen_marker(path).touch()
    except OSError as exc:
        log.error("could not ask for a full check of %s at the next start: %s", path, exc)


def _read_only_connection(path: Path, *, salvage: bool = False) -> sqlite3.Connection:
    """A read-only connection that changes nothing on disk (no checkpoint, no recovery
    write). On a read-only folder a WAL database without its -shm file can only be
    read as immutable, which ignores a -wal file: said in the log.

    ``salvage`` lets SQLite read a file shorter than its header says (truncated):
    ``writable_schema`` skips that check, and the connection cannot write anyway."""
    uri = f"file:{path}?mode=ro"
    try:
        return _connect_read_only(uri, salvage)
    except sqlite3.DatabaseError as exc:
        name = getattr(exc, "sqlite_errorname", "")
        if name != "SQLITE_CANTOPEN" and not name.startswith("SQLITE_IOERR_SHM"):
            raise  # (no -shm can be made on a read-only or full disk)
        wal = path.with_name(path.name + "-wal")
        if wal.exists() and wal.stat().st_size > 0:
            log.warning("%s: read as immutable; its -wal file cannot be read", path)
        return _connect_read_only(uri + "&immutable=1", salvage)


def _connect_read_only(uri: str, salvage: bool) -> sqlite3.Connection:
    connection = sqlite3.connect(uri, uri=True, check_same_thread=False)
    try:
        if salvage:
            connection.execute("PRAGMA writable_schema=ON")
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except BaseException:
        connection.close()
        raise
    return connection


def open_writable(path: Path, metadata: MetaData) -> tuple[Engine, str | None]:
    """The read-write engine, and why its disk is full (None if it is not): a full disk
    may be freed while the console runs, so the engine is kept."""
    engine = wal_engine(path)
    try:
        metadata.create_all(engine)
        with engine.connect() as conn:  # a real write: a full or read-only disk fails here
            version = int(conn.exec_driver_sql("PRAGMA user_version").scalar() or 0)
            try:
                conn.exec_driver_sql(f"PRAGMA user_version={version}")
                conn.commit()
                add_missing_indexes(conn, metadata)
            except DBAPIError as exc:
                if not is_disk_full(exc):
                    raise
                conn.rollback()
                return engine, reason_of(exc)
    except BaseException:
        engine.dispose()
        raise
    return engine, None


def add_missing_indexes(conn: Connection, metadata: MetaData) -> None:
    """Create the indexes the schema gained since the file was made (``create_all`` only
    adds missing tables); a one-off cost on the first start after an upgrade."""
    for table in metadata.sorted_tables:
        for index in table.indexes:
            index.create(conn, checkfirst=True)
    conn.commit()


def _open_without_writing(
    path: Path, metadata: MetaData, reason: str, state: OpeningState
) -> OpenedCache:
    """Read-only on the file if it can be read (``state``), else in memory."""
    log.error("the cache %s cannot be written (%s): nothing new will be saved", path, reason)
    if path.is_file():
        engine = create_engine(
            "sqlite://", creator=lambda: _read_only_connection(path), poolclass=StaticPool
        )
        try:
            with engine.connect() as conn:
                missing = [t for t in metadata.tables if not engine.dialect.has_table(conn, t)]
            if not missing:
                return OpenedCache(engine, CacheOpening(state, path, reason), False)
            reason = f"{reason}; the file holds no cache"
        except (DBAPIError, sqlite3.Error) as exc:
            reason = f"{reason}; {reason_of(exc)}"
        engine.dispose()
    return OpenedCache(_memory_engine(metadata), CacheOpening("unavailable", path, reason), False)


def _memory_engine(metadata: MetaData) -> Engine:
    """A cache in memory for this run (the schema, no rows): reads work, nothing lasts."""
    engine = create_engine(
        "sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False}
    )
    metadata.create_all(engine)
    return engine


def _replace_damaged(path: Path, metadata: MetaData, damage: str) -> OpenedCache:
    log.error("the cache %s is damaged (%s)", path, damage)
    try:
        moved: Path | None = move_aside(path)
    except OSError as exc:
        log.error("the damaged cache %s could not be moved aside: %s", path, exc)
        moved = None
    rows = salvage_outbox(moved or path)
    if moved is None:
        opened = OpenedCache(
            _memory_engine(metadata),
            CacheOpening("unavailable", path, f"{damage}; it could not be moved aside"),
            writable=False,
        )
    else:
        try:
            opened = OpenedCache(
                open_writable(path, metadata)[0],
                CacheOpening("recreated", path, damage, moved),
                writable=True,
            )
        except (DBAPIError, OSError) as exc:
            if not is_disk_fault(exc):
                raise
            opened = OpenedCache(
                _memory_engine(metadata),
                CacheOpening("unavailable", path, f"{damage}; {reason_of(exc)}", moved),
                writable=False,
            )
    with contextlib.suppress(OSError):  # the new file needs no full check
        damage_seen_marker(path).unlink(missing_ok=True)
    _restore_outbox(opened.engine, metadata, rows, damage)
    opened.salvaged_rows = rows
    opened.opening = CacheOpening(
        opened.opening.state, path, opened.opening.reason, moved, salvaged=len(rows)
    )
    log.warning(
        "started with a new cache; %d unanswered command(s) recovered from %s",
        len(rows),
        moved or path,
    )
    return opened


def move_aside(path: Path, now: float | None = None) -> Path:
    """Rename ``path`` (and its -wal and -shm, first) to ``<name>.damaged-<time>``."""
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(time.time() if now is None else now))
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    counter = 1
    while target.exists():
        counter += 1
        target = path.with_name(f"{path.name}.damaged-{stamp}-{counter}")
    moved: list[tuple[Path, Path]] = []
    try:
        # The -wal goes first: left behind, it would be replayed into the new file.
        for suffix in ("-wal", "-shm", ""):
            source = path.with_name(path.name + suffix)
            if source.exists():
                destination = target.with_name(target.name + suffix)
                source.rename(destination)
                moved.append((destination, source))
    except OSError:
        for destination, source in reversed(moved):
            with contextlib.suppress(OSError):  # best effort; the first error is raised
                destination.rename(source)
        raise
    return target


def salvage_outbox(path: Path) -> list[dict[str, Any]]:
    """The unanswered outbox rows that can still be read from a damaged file.

    Nothing is written to the damaged file. If its header is unreadable ("file is not
    a database", e.g. zeroed), a copy with a rebuilt header is read instead."""
    try:
        return _salvage_from(path)
    except sqlite3.DatabaseError as exc:
        if getattr(exc, "sqlite_errorname", "") != "SQLITE_NOTADB":
            log.warning("nothing can be read from %s: %s", path, exc)
            return []
    with tempfile.TemporaryDirectory(prefix="cache-salvage-") as folder:
        copy = Path(folder) / "salvage.sqlite3"
        wal = path.with_name(path.name + "-wal")
        try:
            shutil.copyfile(path, copy)
            if wal.exists():
                shutil.copyfile(wal, copy.with_name(copy.name + "-wal"))
        except OSError as exc:
            log.warning("%s could not be copied to rebuild its header: %s", path, exc)
            return []
        for page_size in _PAGE_SIZES:
            try:
                _write_header(copy, page_size, wal=wal.exists())
                return _salvage_from(copy)
            except (sqlite3.DatabaseError, OSError) as exc:
                log.debug("salvage with a %d-byte page header failed: %s", page_size, exc)
    log.warning("nothing can be read from %s: its header cannot be rebuilt", path)
    return []


def _write_header(copy: Path, page_size: int, *, wal: bool) -> None:
    """Give ``copy`` a plausible header (the 100 bytes before page 1's own content)."""
    header = bytearray(100)
    header[0:16] = b"SQLite format 3\x00"
    header[16:18] = (1 if page_size == 65536 else page_size).to_bytes(2, "big")
    header[18:20] = b"\x02\x02" if wal else b"\x01\x01"
    header[21:24] = bytes([64, 32, 32])  # payload fractions, fixed by the format
    header[40:44] = (1).to_bytes(4, "big")  # schema cookie
    header[44:48] = (4).to_bytes(4, "big")  # schema format
    header[56:60] = (1).to_bytes(4, "big")  # UTF-8
    with copy.open("r+b") as file:
        file.write(header)


def _salvage_from(path: Path) -> list[dict[str, Any]]:
    connection = _read_only_connection(path, salvage=True)
    columns = ", ".join(_OUTBOX_COLUMNS)
    where = f"status IN {_UNANSWERED!r}"
    try:
        try:
            rows = connection.execute(
                f"SELECT {columns} FROM outbox WHERE {where} ORDER BY created"  # noqa: S608
            ).fetchall()
            return [dict(zip(_OUTBOX_COLUMNS, row, strict=True)) for row in rows]
        except sqlite3.Error as exc:
            if not is_corruption(exc):
                log.warning("the outbox of %s cannot be read: %s", path, exc)
                return []
        return _salvage_row_by_row(connection, columns, where)
    finally:
        connection.close()


def _salvage_row_by_row(connection: sqlite3.Connection, columns: str, where: str) -> list:
    """Read the outbox one rowid at a time, skipping the rows on damaged pages."""
    try:
        low, high = connection.execute("SELECT min(rowid), max(rowid) FROM outbox").fetchone()
    except sqlite3.Error:
        low, high = 1, _SALVAGE_ROWID_SPAN
    if low is None:
        return []
    found = []
    query = f"SELECT {columns} FROM outbox WHERE rowid = ? AND {where}"  # noqa: S608
    for rowid in range(int(low), min(int(high), int(low) + _SALVAGE_ROWID_SPAN) + 1):
        try:
            row = connection.execute(query, (rowid,)).fetchone()
        except sqlite3.Error:
            continue
        if row is not None:
            found.append(dict(zip(_OUTBOX_COLUMNS, row, strict=True)))
    return sorted(found, key=lambda r: r["created"])


def _restore_outbox(
    engine: Engine, metadata: MetaData, rows: list[dict[str, Any]], damage: str
) -> None:
    """Copy salvaged rows into the new outbox (still unanswered) and audit the copy."""
    if not rows:
        return
    outbox, audit = metadata.tables["outbox"], metadata.tables["audit"]
    now = time.time()
    try:
        with engine.begin() as conn:
            for row in rows:
                conn.execute(outbox.insert().prefix_with("OR IGNORE").values(**row))
                conn.execute(
                    audit.insert().values(
                        ts=now,
                        operator=row["operator"],
                        workstation=row["workstation"],
                        action=row["type"],
                        target=row["target"] or "",
                        command_id=row["id"],
                        result="recovered from a damaged cache",
                        detail=damage,
                    )
                )
    except (DBAPIError, OSError) as exc:
        if not is_disk_fault(exc):
            raise
        log.error("recovered commands could not be written to the new cache: %s", exc)


__all__ = ["CacheOpening", "OpenedCache", "damage_of", "move_aside", "open_cache"]
