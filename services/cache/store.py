"""The console's local cache: SQLAlchemy 2 on SQLite (WAL).

Tables: current entity state per topic, per-topic cursor (epoch, seq), an append-only
journal of every received frame (the basis of replay; positions kept packed, snapshots
compressed, each read back exactly as received: services/cache/frames.py), the command
outbox, and an audit log of operator actions.

Size. History (journal and replay checkpoints) is pruned oldest first past the age
limit (``journal_retention_s``, hourly by the feed client) and past the size cap
(``max_bytes`` of pages in use, checked after commits at most once a second), always
at a checkpoint so that a replay of what is kept stays exact (services/cache/pruning.py).
:attr:`Cache.size_status` says what the cap did, for the console to show.

Durability. Journal and state batches commit with ``synchronous=NORMAL``: they survive
the process being killed, and what a power cut undoes is fetched again (the cursor moves
in the same transaction). An outbox row is different: once it is committed the operator
is told the command is queued, so :meth:`Cache.enqueue_command` commits it with
``synchronous=FULL`` (the WAL is synced: it survives a power cut) and then runs
``PRAGMA wal_checkpoint(FULL)``, which copies it into the database file itself and syncs
that. A -wal file lost after a SIGKILL (deleted by hand, or copied without it) therefore
never takes a queued command with it: at worst the state, journal and "sent"/"answered"
marks written since fall back, and an unanswered command is sent again with the same
id, which the server answers from its memory without applying it twice. (Chosen over a
separate rollback-journal file for the outbox: one file, one schema, acks recorded in
the same transaction as the batch that carried them; an outbox write is an operator
action, so the cost of a checkpoint, a few ms, is paid rarely.)

Faults. Opening never fails for a damaged, read-only or full disk
(:mod:`services.cache.opening`: a damaged file is moved aside and its unanswered
commands salvaged; a read-only one is read; ``opening`` says what happened). After
that, every method raises :class:`~services.cache.faults.CacheError` (with a short
reason) for a fault of the disk or the file, and every write raises it at once when the
cache was opened without write access (``writable`` is False).

Thread: a :class:`Cache` is used from one thread at a time. The feed client uses it only
on its "cache-writer" thread; start-up reads it before that thread starts. The UI thread
never touches it.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError

from services.cache.checkpoints import (
    Checkpoint,
    checkpoint_count,
    insert_checkpoint,
    read_picture,
)
from services.cache.faults import (
    CacheError,
    is_corruption,
    is_disk_fault,
    is_disk_full,
    reason_of,
    why_not_writable,
)
from services.cache.frames import expand_frame, store_form
from services.cache.opening import CacheOpening, note_damage_seen, open_cache, open_writable
from services.cache.outbox import checkpoint, insert_command
from services.cache.pruning import CacheSize, enforce_cap, history_from, prune_by_age
from services.cache.schema import (
    audit,
    cursors,
    entities,
    journal,
    metadata,
    outbox,
    wall_tiles,
)
from services.client.batch import AckResult, IngestBatch, TopicReset
from services.protocol.codec import ProtocolError, decode_entity

log = logging.getLogger(__name__)

DEFAULT_JOURNAL_RETENTION_S = 7 * 24 * 3600.0
DEFAULT_MAX_BYTES = 2048 * 1024 * 1024
#: seconds between two checks of the size cap (each a few PRAGMAs)
SIZE_CHECK_INTERVAL_S = 1.0


_INSERT_JOURNAL = (
    "INSERT INTO journal (received, service, kind, topic, epoch, first_seq, last_seq, frame)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
)
_DELETE_TOPIC = "DELETE FROM entities WHERE topic = ?"
_INSERT_ENTITY = "INSERT INTO entities (topic, key, payload) VALUES (?, ?, ?)"
_UPSERT_ENTITY = (
    "INSERT INTO entities (topic, key, payload) VALUES (?, ?, ?)"
    " ON CONFLICT (topic, key) DO UPDATE SET payload = excluded.payload"
)
_DELETE_ENTITY = "DELETE FROM entities WHERE topic = ? AND key = ?"
_UPSERT_CURSOR = (
    "INSERT INTO cursors (topic, epoch, seq, updated) VALUES (?, ?, ?, ?)"
    " ON CONFLICT (topic) DO UPDATE SET"
    " epoch = excluded.epoch, seq = excluded.seq, updated = excluded.updated"
)


@dataclass(frozen=True, slots=True)
class OutboxRow:
    id: str
    service: str
    type: str
    data: bytes
    created: float
    status: str  # queued | sent | accepted | refused
    attempts: int
    operator: str
    workstation: str
    target: str = ""


class Cache:
    def __init__(
        self,
        path: Path,
        *,
        journal_retention_s: float = DEFAULT_JOURNAL_RETENTION_S,
        max_bytes: int | None = DEFAULT_MAX_BYTES,
    ) -> None:
        self.path = path
        self.journal_retention_s = journal_retention_s
        #: the size cap of the file's pages in use (None: no cap); see services/cache/pruning
        self.max_bytes = max_bytes
        #: the size against the cap, and whether history was pruned for it (any thread
        #: may read it: the writer replaces it whole)
        self.size_status = CacheSize(cap_bytes=max_bytes)
        self._size_checked = 0.0
        opened = open_cache(path, metadata)
        self.engine: Engine = opened.engine
        #: how the file was found at start (ok, recreated, read_only, unavailable)
        self.opening: CacheOpening = opened.opening
        #: False when opened read-only or in memory: every write raises CacheError
        self.writable = opened.writable

    def close(self) -> None:
        self.engine.dispose()

    @property
    def may_recover(self) -> bool:
        """Could writes work again in this run (a full disk may be freed; a read-only or
        missing cache stays so until the console restarts)?"""
        return self.writable or self.opening.state == "full"

    def check_writable(self) -> None:
        """Write to the file (its header); raises CacheError if that fails. A cache opened
        read-only because its disk was full is reopened for writing once there is room."""
        if not self.writable and self.opening.state == "full":
            with self._disk():
                engine, full = open_writable(self.path, metadata)
            if full is not None:
                engine.dispose()
                raise CacheError(full)
            self.engine.dispose()
            self.engine, self.writable = engine, True
            log.warning("the cache %s is writable again (room was made)", self.path)
        with self._disk(write=True), self.engine.connect() as conn:
            version = int(conn.exec_driver_sql("PRAGMA user_version").scalar() or 0)
            conn.exec_driver_sql(f"PRAGMA user_version={version}")
            conn.commit()

    @contextmanager
    def _disk(self, *, write: bool = False) -> Iterator[None]:
        """Turn a fault of the disk or the file into a CacheError with a short reason."""
        if write and not self.writable:
            raise CacheError(self.opening.reason or "the cache is read-only")
        try:
            yield
        except (DBAPIError, OSError) as exc:
            if not is_disk_fault(exc):
                raise
            reason = reason_of(exc)
            if is_corruption(exc):
                note_damage_seen(self.path)
            if write:
                # SQLite may keep a connection read-only after a failed write: start the
                # next attempt on fresh ones.
                self.engine.dispose()
                if not is_disk_full(exc):  # "disk I/O error" says little
                    reason = why_not_writable(self.path, reason)
            raise CacheError(reason) from exc

    # --- the picture ------------------------------------------------------------------

    def load_picture(self) -> IngestBatch:
        """The last known picture as a batch of resets (one per cached topic).

        ``received`` holds each topic's last update time, so the store can tell its age.
        Rows that no longer validate are skipped and counted in ``rejected["cache"]``.
        """
        batch = IngestBatch()
        with self._disk(), self.engine.connect() as conn:
            known = {row.topic: row for row in conn.execute(select(cursors))}
            items: dict[str, dict[str, Any]] = {topic: {} for topic in known}
            raw: dict[str, dict[str, bytes]] = {topic: {} for topic in known}
            for topic, key, payload in conn.execute(
                select(entities.c.topic, entities.c.key, entities.c.payload)
            ):
                if topic not in known:
                    continue
                try:
                    items[topic][key] = decode_entity(topic, payload)
                except ProtocolError:
                    batch.rejected["cache"] = batch.rejected.get("cache", 0) + 1
                    continue
                raw[topic][key] = payload
        for topic, row in known.items():
            batch.resets.append(TopicReset(topic, row.epoch, row.seq, items[topic], raw[topic]))
            batch.cursors[topic] = (row.epoch, row.seq)
            batch.received[topic] = row.updated
        return batch

    def cursors(self) -> dict[str, tuple[str, int]]:
        with self._disk(), self.engine.connect() as conn:
            return {r.topic: (r.epoch, r.seq) for r in conn.execute(select(cursors))}

    def commit(self, batch: IngestBatch) -> None:
        """One transaction: journal, resets, upserts, removals, cursors, acks.

        A batch with nothing to store (statuses, sent marks) touches no disk."""
        if not batch.needs_commit():
            return
        now = time.time()
        with self._disk(write=True), self.engine.begin() as conn:
            # Plain DBAPI executemany on the transaction's connection: SQLAlchemy Core's
            # per-row parameter processing cost three times SQLite's own work here.
            if batch.journal:
                conn.exec_driver_sql(
                    _INSERT_JOURNAL,
                    [
                        (
                            j.received_at,
                            j.service,
                            j.kind,
                            j.topic,
                            j.epoch,
                            j.first_seq,
                            j.last_seq,
                            store_form(j.frame, j.kind, j.topic),
                        )
                        for j in batch.journal
                    ],
                )
            for reset in batch.resets:
                conn.exec_driver_sql(_DELETE_TOPIC, (reset.topic,))
                if reset.raw:
                    topic = reset.topic
                    conn.exec_driver_sql(
                        _INSERT_ENTITY, [(topic, k, p) for k, p in reset.raw.items()]
                    )
            rows = [
                (topic, key, payload)
                for topic, by_key in batch.upsert_raw.items()
                for key, payload in by_key.items()
            ]
            if rows:
                conn.exec_driver_sql(_UPSERT_ENTITY, rows)
            removals = [(topic, key) for topic, keys in batch.removals.items() for key in keys]
            if removals:
                conn.exec_driver_sql(_DELETE_ENTITY, removals)
            if batch.cursors:
                conn.exec_driver_sql(
                    _UPSERT_CURSOR,
                    [(t, e, s, batch.received.get(t, now)) for t, (e, s) in batch.cursors.items()],
                )
            for ack in batch.acks:
                self._record_ack(conn, ack)
        self._keep_under_cap()

    def _keep_under_cap(self, *, now: float | None = None) -> None:
        """(writer) prune the oldest history when the cap is passed (at most once a
        SIZE_CHECK_INTERVAL_S, unless ``now`` forces a check)."""
        if self.max_bytes is None:
            return
        moment = time.monotonic()
        if now is None and moment - self._size_checked < SIZE_CHECK_INTERVAL_S:
            return
        self._size_checked = moment
        try:
            with self._disk(write=True), self.engine.begin() as conn:
                self.size_status = enforce_cap(conn, self.max_bytes, self.size_status)
        except CacheError as exc:
            if now is not None:
                raise
            # The batch itself is committed: only the pruning waits for the next check.
            log.error("the cache's size cap could not be enforced: %s", exc.reason)

    def check_size(self) -> CacheSize:
        """(writer) measure the cache against its cap now, pruning if it is over."""
        if self.max_bytes is None:
            return self.size_status
        self._keep_under_cap(now=time.monotonic())
        return self.size_status

    # --- the outbox and the audit log -------------------------------------------------

    def enqueue_command(
        self,
        command_id: str,
        service: str,
        command_type: str,
        data: bytes,
        *,
        operator: str,
        workstation: str,
        target: str = "",
        at: float | None = None,
    ) -> None:
        """Commit a command to the outbox (and audit it) before anything is sent; ``at``
        (default: now) is its ``created`` time, the one the console shows.

        Synced and checkpointed into the database file (see the module docstring);
        raises CacheError if the row could not be committed."""
        now = time.time() if at is None else at
        with self._disk(write=True), self.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA synchronous=FULL")
            conn.commit()
            try:
                with conn.begin():
                    inserted = insert_command(
                        conn,
                        command_id,
                        service,
                        command_type,
                        data,
                        now=now,
                        operator=operator,
                        workstation=workstation,
                        target=target,
                    )
                if inserted:
                    checkpoint(conn, command_id)
                conn.exec_driver_sql("PRAGMA synchronous=NORMAL")
                conn.commit()
            except BaseException:
                conn.invalidate()  # never back in the pool with synchronous=FULL
                raise

    def unacknowledged(self, service: str | None = None) -> list[OutboxRow]:
        """Commands queued or sent but not yet answered, oldest first."""
        query = (
            select(outbox)
            .where(outbox.c.status.in_(("queued", "sent")))
            .order_by(outbox.c.created, outbox.c.id)
        )
        if service is not None:
            query = query.where(outbox.c.service == service)
        with self._disk(), self.engine.connect() as conn:
            return [
                OutboxRow(
                    r.id,
                    r.service,
                    r.type,
                    r.data,
                    r.created,
                    r.status,
                    r.attempts,
                    r.operator,
                    r.workstation,
                    r.target,
                )
                for r in conn.execute(query)
            ]

    def mark_sent(self, command_ids: list[str], at: float | None = None) -> None:
        """The commands went on the wire at ``at`` (default: now); ``sent_at`` keeps the
        first time (a resend after a reconnect only counts an attempt)."""
        if not command_ids:
            return
        at = time.time() if at is None else at
        with self._disk(write=True), self.engine.begin() as conn:
            conn.execute(
                update(outbox)
                .where(outbox.c.id.in_(command_ids), outbox.c.status.in_(("queued", "sent")))
                .values(
                    status="sent",
                    sent_at=func.coalesce(outbox.c.sent_at, at),
                    attempts=outbox.c.attempts + 1,
                )
            )

    def _record_ack(self, conn: Connection, ack: AckResult) -> None:
        row = conn.execute(select(outbox).where(outbox.c.id == ack.command_id)).first()
        if row is None or row.status in ("accepted", "refused"):
            return  # not ours, or already answered (a duplicate ack changes nothing)
        status = "accepted" if ack.ok else "refused"
        conn.execute(
            update(outbox)
            .where(outbox.c.id == ack.command_id)
            .values(
                status=status,
                acked_at=ack.received_at,
                error_code=ack.error_code,
                error_message=ack.error_message,
            )
        )
        result = status if ack.ok else f"refused: {ack.error_code}: {ack.error_message}"
        conn.execute(
            audit.insert().values(
                ts=ack.received_at,
                operator=row.operator,
                workstation=row.workstation,
                action=row.type,
                target=row.target,
                command_id=ack.command_id,
                result=result,
                detail="",
            )
        )

    def outbox_status(self, command_id: str) -> str | None:
        with self._disk(), self.engine.connect() as conn:
            return conn.scalar(select(outbox.c.status).where(outbox.c.id == command_id))

    def audit_rows(self, command_id: str | None = None) -> list[dict[str, Any]]:
        query = select(audit).order_by(audit.c.id)
        if command_id is not None:
            query = query.where(audit.c.command_id == command_id)
        with self._disk(), self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(query)]

    # --- the journal ------------------------------------------------------------------

    def journal_frames(
        self, *, since: float | None = None, topic: str | None = None
    ) -> Iterator[tuple[float, str, str, str | None, bytes]]:
        """(received, service, kind, topic, frame), oldest first; each frame as it was
        received, whatever form the journal keeps it in (services/cache/frames.py)."""
        query = select(
            journal.c.received, journal.c.service, journal.c.kind, journal.c.topic, journal.c.frame
        ).order_by(journal.c.id)
        if since is not None:
            query = query.where(journal.c.received >= since)
        if topic is not None:
            query = query.where(journal.c.topic == topic)
        with self._disk(), self.engine.connect() as conn:
            for row in conn.execute(query):
                yield row.received, row.service, row.kind, row.topic, expand_frame(row.frame)

    def journal_ranges(self, topic: str) -> list[tuple[str, str, int, int]]:
        """(kind, epoch, first_seq, last_seq) of every snapshot and applied event frame.

        Events frames record the seq range they *applied* (duplicates excluded); a
        snapshot frame records its seq. Read in order, the ranges of a healthy client
        continue each other exactly: the basis of the "0 lost, 0 applied twice" check.
        """
        query = (
            select(journal.c.kind, journal.c.epoch, journal.c.first_seq, journal.c.last_seq)
            .where(
                journal.c.topic == topic,
                journal.c.kind.in_(("event", "batch", "snapshot")),
                journal.c.first_seq.is_not(None),
            )
            .order_by(journal.c.id)
        )
        with self._disk(), self.engine.connect() as conn:
            return [(r.kind, r.epoch, r.first_seq, r.last_seq) for r in conn.execute(query)]

    def prune_journal(self, now: float | None = None) -> int:
        """Drop history past the age limit (services/cache/pruning.py); the journal rows
        dropped."""
        cutoff = (now if now is not None else time.time()) - self.journal_retention_s
        with self._disk(write=True), self.engine.begin() as conn:
            dropped = prune_by_age(conn, cutoff)
            kept_from = history_from(conn)
        self.size_status = dataclasses.replace(self.size_status, history_from=kept_from)
        return dropped

    def entity_count(self, topic: str) -> int:
        with self._disk(), self.engine.connect() as conn:
            return int(conn.scalar(select(func.count()).where(entities.c.topic == topic)) or 0)

    # --- the video wall (widgets/video) ------------------------------------------------

    def record_tile_changes(
        self, changes: Sequence[tuple[float, str, int, str | None, str]]
    ) -> None:
        """Append what video-wall tiles show: (time, workstation, tile, camera or None,
        trigger) per change, in one transaction (cache-writer thread)."""
        if not changes:
            return
        rows = [
            {"ts": ts, "workstation": ws, "tile": tile, "camera": camera, "trigger": trigger}
            for ts, ws, tile, camera, trigger in changes
        ]
        with self._disk(write=True), self.engine.begin() as conn:
            conn.execute(wall_tiles.insert(), rows)

    def tile_changes(self, since: float = 0.0) -> list[dict[str, Any]]:
        """The recorded tile changes from ``since`` on, oldest first."""
        query = select(wall_tiles).where(wall_tiles.c.ts >= since).order_by(wall_tiles.c.id)
        with self._disk(), self.engine.connect() as conn:
            return [dict(row._mapping) for row in conn.execute(query)]

    # --- replay checkpoints (services/cache/checkpoints.py) ----------------------------

    def write_checkpoint(self) -> Checkpoint:
        """Store the whole cached picture as of the newest journal row (writer thread)."""
        with self._disk(write=True), self.engine.begin() as conn:
            picture = read_picture(conn)
            insert_checkpoint(conn, picture)
        return picture

    def checkpoint_count(self) -> int:
        with self._disk(), self.engine.connect() as conn:
            return checkpoint_count(conn)


def continuity(ranges: list[tuple[str, str, int, int]]) -> tuple[int, int]:
    """(events lost, events applied twice) in a topic's journal ranges (see journal_ranges)."""
    lost = duplicated = 0
    expected: tuple[str, int] | None = None
    for kind, epoch, first, last in ranges:
        if kind == "snapshot":
            expected = (epoch, last + 1)
            continue
        if expected is not None and expected[0] == epoch:
            if first > expected[1]:
                lost += first - expected[1]
            elif first < expected[1]:
                duplicated += expected[1] - first
        expected = (epoch, last + 1)
    return lost, duplicated
