"""Checkpoints of the cached picture: what lets a replay seek without starting over.

The cache journal is the recording: every received frame, verbatim, in order. Replaying
it from its first row to any moment rebuilds the picture of that moment, but a long
recording would make every seek slower. A checkpoint is the whole cached picture (every
entity payload as received, every topic's cursor) as of one journal row, written in one
read transaction on the cache-writer thread, so it agrees exactly with the journal: a
replay starts from the newest checkpoint at or before the moment it wants and applies
only the journal rows after that checkpoint's ``journal_id``.

:class:`CheckpointRecorder` wraps the feed client's sink: after a batch with journal
rows was committed, it writes a checkpoint when none was written for ``interval_s`` or
``max_events`` events arrived since the last one (and after the first such batch of a
run, so every run has one to start from).
"""

from __future__ import annotations

import logging
import sqlite3
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field

import msgspec
from sqlalchemy import func, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

from services.cache.faults import CacheError
from services.cache.schema import checkpoints, cursors, journal

log = logging.getLogger(__name__)

DEFAULT_CHECKPOINT_INTERVAL_S = 300.0
#: a busy city writes one sooner: a seek replays at most about this many events
DEFAULT_CHECKPOINT_EVENTS = 50_000
_ALL_ENTITIES = "SELECT topic, payload FROM entities"


class CheckpointData(msgspec.Struct):
    """A checkpoint's content: cursors (epoch, seq, updated) and raw entity payloads."""

    cursors: dict[str, tuple[str, int, float]] = msgspec.field(default_factory=dict)
    entities: dict[str, list[msgspec.Raw]] = msgspec.field(default_factory=dict)


@dataclass(frozen=True)
class Checkpoint:
    """The cached picture as of journal row ``journal_id`` (received at ``ts``)."""

    ts: float
    journal_id: int
    cursors: dict[str, tuple[str, int, float]] = field(default_factory=dict)
    entities: dict[str, list[bytes]] = field(default_factory=dict)


def encode_checkpoint(checkpoint: Checkpoint) -> bytes:
    data = CheckpointData(
        dict(checkpoint.cursors),
        {t: [msgspec.Raw(p) for p in items] for t, items in checkpoint.entities.items()},
    )
    return zlib.compress(msgspec.json.encode(data), 6)


def decode_checkpoint(ts: float, journal_id: int, blob: bytes) -> Checkpoint:
    data = msgspec.json.decode(zlib.decompress(blob), type=CheckpointData)
    return Checkpoint(
        ts,
        journal_id,
        {t: (e, int(s), float(u)) for t, (e, s, u) in data.cursors.items()},
        {t: [bytes(p) for p in items] for t, items in data.entities.items()},
    )


def read_picture(conn: Connection) -> Checkpoint:
    """The cached picture now, as of the newest journal row (inside one transaction)."""
    last = conn.execute(
        select(journal.c.id, journal.c.received).order_by(journal.c.id.desc()).limit(1)
    ).first()
    journal_id, ts = (int(last.id), float(last.received)) if last else (0, 0.0)
    known = {
        r.topic: (r.epoch, int(r.seq), float(r.updated)) for r in conn.execute(select(cursors))
    }
    items: dict[str, list[bytes]] = {topic: [] for topic in known}
    for topic, payload in _all_entities(conn):
        if topic in items:
            items[topic].append(bytes(payload))
    return Checkpoint(ts, journal_id, known, items)


def _all_entities(conn: Connection) -> list[tuple[str, bytes]]:
    """(topic, payload) of every entity row (a busy city has tens of thousands), read by
    the driver on the transaction's connection: SQLAlchemy's row objects cost as much as
    the read itself. A driver error is raised as SQLAlchemy's (as any other query's)."""
    driver = conn.connection.driver_connection
    if driver is None:
        raise RuntimeError("the cache connection is closed")
    try:
        rows: list[tuple[str, bytes]] = driver.execute(_ALL_ENTITIES).fetchall()
    except sqlite3.Error as exc:
        raise DBAPIError.instance(_ALL_ENTITIES, (), exc, sqlite3.Error) from exc
    return rows


def insert_checkpoint(conn: Connection, checkpoint: Checkpoint) -> None:
    conn.execute(
        checkpoints.insert().values(
            ts=checkpoint.ts, journal_id=checkpoint.journal_id, data=encode_checkpoint(checkpoint)
        )
    )


def checkpoint_count(conn: Connection) -> int:
    return int(conn.scalar(select(func.count()).select_from(checkpoints)) or 0)


class CheckpointRecorder:
    """Wraps a feed sink (cache-writer thread) to write a checkpoint now and then.

    ``write`` is the cache's :meth:`~services.cache.Cache.write_checkpoint`. A checkpoint
    that cannot be written (a full or read-only disk) is logged: the journal still
    records everything, seeking is only slower."""

    def __init__(
        self,
        write: Callable[[], object],
        sink: Callable[..., None],
        *,
        interval_s: float | None = None,
        max_events: int | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._write = write
        self._sink = sink
        #: seconds between checkpoints (default: the module's DEFAULT_CHECKPOINT_INTERVAL_S)
        self.interval_s = DEFAULT_CHECKPOINT_INTERVAL_S if interval_s is None else interval_s
        self.max_events = DEFAULT_CHECKPOINT_EVENTS if max_events is None else max_events
        self._events = 0
        self._clock = clock
        self._last: float | None = None
        self.written = 0

    def __call__(self, batch: object) -> None:
        self._sink(batch)
        if not getattr(batch, "journal", None):
            return
        now = self._clock()
        self._events += int(getattr(batch, "events", 0))
        due = self._last is None or now - self._last >= self.interval_s
        if not due and self._events < self.max_events:
            return
        self._last, self._events = now, 0
        try:
            self._write()
        except CacheError as exc:
            log.warning("no replay checkpoint written: %s", exc.reason)
        else:
            self.written += 1
