"""The hub's durable memory: per-topic event log, current entities and command acks.

SQLAlchemy Core on SQLite in WAL mode, in the backend's data directory. One
:meth:`EventLog.commit` is one transaction holding a group of events, the entity state
they produce and the acks of the commands that caused them — so a hub killed at any
instant restarts with log, state and acks in step, keeps its epoch, and never reuses a
seq for a different event. A wiped data directory means a new epoch.

Acks are keyed by (issuer, command id), the issuer being the digest of the token the
command came with (:mod:`services.backend.tokens`). The database file is created 0600
in a 0700 folder before SQLite opens it (its -wal and -shm files inherit the mode).

Thread: every method runs on the caller's thread; the hub calls them only from its single
"hub-eventlog" worker thread, so SQLite sees one connection at a time.
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import (
    Column,
    Float,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    bindparam,
    delete,
    func,
    select,
)
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection, Engine

from services.backend.private_files import make_private, private_dir
from services.backend.topics import within_budget
from services.sqlite import wal_engine

metadata = MetaData()

meta_table = Table(
    "meta",
    metadata,
    Column("key", String, primary_key=True),
    Column("value", String, nullable=False),
)

events_table = Table(
    "events",
    metadata,
    Column("topic", String, primary_key=True),
    Column("seq", Integer, primary_key=True),
    Column("received", Float, nullable=False),  # wall-clock seconds when committed
    Column("frame", LargeBinary, nullable=False),  # the encoded event frame, as sent
    sqlite_with_rowid=False,
)

entities_table = Table(
    "entities",
    metadata,
    Column("topic", String, primary_key=True),
    Column("key", String, primary_key=True),
    Column("payload", LargeBinary, nullable=False),
    sqlite_with_rowid=False,
)

acks_table = Table(
    "command_acks",
    metadata,
    # The SHA-256 digest of the token the command came with ("" for acks written before
    # acks had issuers: they belong to no one), then the client's command id.
    Column("issuer", String, primary_key=True),
    Column("id", String, primary_key=True),
    Column("service", String, nullable=False),
    Column("frame", LargeBinary, nullable=False),  # the encoded ack frame, resent verbatim
    Column("created", Float, nullable=False, index=True),
)

ACK_MEMORY_S = 48 * 3600.0  # the protocol asks for >= 24 h


@dataclass
class CommitGroup:
    """Everything one transaction writes."""

    events: list[tuple[str, int, bytes]] = field(default_factory=list)  # topic, seq, frame
    upserts: list[tuple[str, str, bytes]] = field(default_factory=list)  # topic, key, payload
    removals: list[tuple[str, str]] = field(default_factory=list)  # topic, key
    #: issuer, command id, service, ack frame
    acks: list[tuple[str, str, str, bytes]] = field(default_factory=list)


@dataclass
class Recovered:
    """What a reopened data directory holds."""

    epoch: str
    fresh: bool
    heads: dict[str, int]
    oldest: dict[str, int]  # the oldest seq still held per topic
    entities: dict[str, dict[str, bytes]]
    recent: dict[str, list[tuple[int, bytes]]]
    acks: list[tuple[tuple[str, str], bytes]]  # ((issuer, id), frame), newest first
    more_acks: bool  # the log holds acks younger than ACK_MEMORY_S beyond ``acks``


class EventLog:
    """Durable log of one backend instance (see module docstring)."""

    def __init__(
        self,
        path: Path,
        *,
        retention_events: int = 500_000,
        retention_s: float = 24 * 3600.0,
    ) -> None:
        self.path = path
        self.retention_events = retention_events
        self.retention_s = retention_s
        private_dir(path.parent)
        make_private(path)  # SQLite gives its -wal and -shm files the database's mode
        # FULL: every commit precedes an ack, so it must survive a power cut.
        self._engine: Engine = wal_engine(path, synchronous="FULL")
        with self._engine.begin() as conn:
            _add_ack_issuers(conn)
            metadata.create_all(conn)

    def recover(self, recent_per_topic: int, ack_limit: int = 100_000) -> Recovered:
        """Load epoch, heads, entity state, the newest events and the newest acks (at most
        ``ack_limit`` of those younger than ``ACK_MEMORY_S``)."""
        with self._engine.begin() as conn:
            epoch = conn.scalar(select(meta_table.c.value).where(meta_table.c.key == "epoch"))
            fresh = epoch is None
            if epoch is None:
                epoch = "e-" + secrets.token_hex(4)
                conn.execute(meta_table.insert().values(key="epoch", value=epoch))
            heads: dict[str, int] = {}
            oldest: dict[str, int] = {}
            for topic, low, high in conn.execute(
                select(
                    events_table.c.topic, func.min(events_table.c.seq), func.max(events_table.c.seq)
                ).group_by(events_table.c.topic)
            ):
                heads[topic], oldest[topic] = high, low
            for key, value in conn.execute(select(meta_table.c.key, meta_table.c.value)):
                # Heads survive pruning of every event of a topic.
                if key.startswith("head:"):
                    topic = key[5:]
                    heads[topic] = max(heads.get(topic, 0), int(value))
            entities: dict[str, dict[str, bytes]] = {}
            for topic, key, payload in conn.execute(select(entities_table)):
                entities.setdefault(topic, {})[key] = payload
            recent: dict[str, list[tuple[int, bytes]]] = {}
            for topic in heads:
                rows = conn.execute(
                    select(events_table.c.seq, events_table.c.frame)
                    .where(events_table.c.topic == topic)
                    .order_by(events_table.c.seq.desc())
                    .limit(recent_per_topic)
                ).all()
                recent[topic] = [(seq, frame) for seq, frame in reversed(rows)]
            ack_rows = conn.execute(
                select(acks_table.c.issuer, acks_table.c.id, acks_table.c.frame)
                .where(acks_table.c.created >= time.time() - ACK_MEMORY_S)
                .order_by(acks_table.c.created.desc())
                .limit(ack_limit + 1)
            ).all()
        acks = [((issuer, command_id), frame) for issuer, command_id, frame in ack_rows]
        more = len(acks) > ack_limit
        return Recovered(epoch, fresh, heads, oldest, entities, recent, acks[:ack_limit], more)

    def find_ack(self, issuer: str, command_id: str) -> bytes | None:
        """The remembered ack of ``issuer``'s command ``command_id``, if younger than
        ``ACK_MEMORY_S``."""
        with self._engine.connect() as conn:
            return conn.scalar(
                select(acks_table.c.frame).where(
                    acks_table.c.issuer == issuer,
                    acks_table.c.id == command_id,
                    acks_table.c.created >= time.time() - ACK_MEMORY_S,
                )
            )

    def commit(self, group: CommitGroup) -> None:
        """Write one group in one transaction."""
        now = time.time()
        with self._engine.begin() as conn:
            if group.events:
                conn.execute(
                    events_table.insert(),
                    [
                        {"topic": t, "seq": s, "received": now, "frame": f}
                        for t, s, f in group.events
                    ],
                )
                last: dict[str, int] = {}
                for topic, seq, _ in group.events:
                    last[topic] = seq
                upsert_head = sqlite_insert(meta_table)
                conn.execute(
                    upsert_head.on_conflict_do_update(
                        index_elements=["key"], set_={"value": upsert_head.excluded.value}
                    ),
                    [{"key": f"head:{t}", "value": str(s)} for t, s in last.items()],
                )
            if group.upserts:
                upsert = sqlite_insert(entities_table)
                conn.execute(
                    upsert.on_conflict_do_update(
                        index_elements=["topic", "key"], set_={"payload": upsert.excluded.payload}
                    ),
                    [{"topic": t, "key": k, "payload": p} for t, k, p in group.upserts],
                )
            if group.removals:
                conn.execute(
                    delete(entities_table).where(
                        entities_table.c.topic == bindparam("b_topic"),
                        entities_table.c.key == bindparam("b_key"),
                    ),
                    [{"b_topic": t, "b_key": k} for t, k in group.removals],
                )
            if group.acks:
                conn.execute(
                    sqlite_insert(acks_table).on_conflict_do_nothing(
                        index_elements=["issuer", "id"]
                    ),
                    [
                        {"issuer": who, "id": i, "service": s, "frame": f, "created": now}
                        for who, i, s, f in group.acks
                    ],
                )

    def read_events(self, topic: str, after: int, limit: int) -> list[tuple[int, bytes]]:
        """Events of ``topic`` with seq > ``after``, oldest first, at most ``limit`` and
        together small enough for one batch frame (``topics.within_budget``)."""
        with self._engine.connect() as conn:
            rows = conn.execute(
                select(events_table.c.seq, events_table.c.frame)
                .where(events_table.c.topic == topic, events_table.c.seq > after)
                .order_by(events_table.c.seq)
                .limit(limit)
            ).all()
        return within_budget([(seq, frame) for seq, frame in rows])

    def prune(self, heads: dict[str, int]) -> dict[str, int]:
        """Drop events past retention and old acks; returns the oldest seq now held."""
        cutoff = time.time() - self.retention_s
        oldest: dict[str, int] = {}
        with self._engine.begin() as conn:
            for topic, head in heads.items():
                keep_from = head - self.retention_events + 1
                conn.execute(
                    delete(events_table).where(
                        events_table.c.topic == topic,
                        (events_table.c.seq < keep_from) | (events_table.c.received < cutoff),
                    )
                )
                low = conn.scalar(
                    select(func.min(events_table.c.seq)).where(events_table.c.topic == topic)
                )
                oldest[topic] = head + 1 if low is None else low
            conn.execute(
                delete(acks_table).where(acks_table.c.created < time.time() - ACK_MEMORY_S)
            )
        return oldest

    def close(self) -> None:
        self._engine.dispose()


def _add_ack_issuers(conn: Connection) -> None:
    """Bring a log made before acks had issuers (primary key ``id`` alone) to the current
    table: its acks are kept with issuer "", which no token has, so they answer no one
    (a command resent across the upgrade is judged afresh) and age out after 48 h."""
    columns = [row[1] for row in conn.exec_driver_sql("PRAGMA table_info(command_acks)")]
    if not columns or "issuer" in columns:
        return
    conn.exec_driver_sql("ALTER TABLE command_acks RENAME TO command_acks_before_issuers")
    conn.exec_driver_sql("DROP INDEX IF EXISTS ix_command_acks_created")
    acks_table.create(conn)
    conn.exec_driver_sql(
        "INSERT INTO command_acks (issuer, id, service, frame, created) "
        "SELECT '', id, service, frame, created FROM command_acks_before_issuers"
    )
    conn.exec_driver_sql("DROP TABLE command_acks_before_issuers")
