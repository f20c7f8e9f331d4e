"""Tables of the console's local cache (SQLAlchemy Core)."""

from __future__ import annotations

from sqlalchemy import Column, Float, Index, Integer, LargeBinary, MetaData, String, Table, Text

metadata = MetaData()

#: Current state: one row per entity, its JSON exactly as the service sent it.
entities = Table(
    "entities",
    metadata,
    Column("topic", String, primary_key=True),
    Column("key", String, primary_key=True),
    Column("payload", LargeBinary, nullable=False),
    sqlite_with_rowid=False,
)

#: Where each topic's state stands in its service's sequence; moves with the state.
cursors = Table(
    "cursors",
    metadata,
    Column("topic", String, primary_key=True),
    Column("epoch", String, nullable=False),
    Column("seq", Integer, nullable=False),
    Column("updated", Float, nullable=False),  # wall clock of the newest data received
)

#: Every received text frame, verbatim, with the seq range it applied (append-only).
journal = Table(
    "journal",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("received", Float, nullable=False),
    Column("service", String, nullable=False),
    Column("kind", String, nullable=False),
    Column("topic", String),
    Column("epoch", String),
    Column("first_seq", Integer),
    Column("last_seq", Integer),
    Column("frame", LargeBinary, nullable=False),
    Index("journal_received", "received"),
    # one topic's rows without reading the others' (services/cache/history.py at start)
    Index("journal_topic", "topic", "id"),
)

#: Commands: committed here before they are sent; resent with the same id until answered.
outbox = Table(
    "outbox",
    metadata,
    Column("id", String, primary_key=True),
    Column("service", String, nullable=False),
    Column("type", String, nullable=False),
    Column("data", LargeBinary, nullable=False),
    Column("target", String, nullable=False, default=""),
    Column("created", Float, nullable=False),
    Column("status", String, nullable=False),  # queued | sent | accepted | refused
    Column("attempts", Integer, nullable=False, default=0),
    Column("sent_at", Float),
    Column("acked_at", Float),
    Column("error_code", String),
    Column("error_message", Text),
    Column("operator", String, nullable=False),
    Column("workstation", String, nullable=False),
    Index("outbox_status", "status", "created"),
)

#: Who did what, when, and what came of it.
audit = Table(
    "audit",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("ts", Float, nullable=False),
    Column("operator", String, nullable=False),
    Column("workstation", String, nullable=False),
    Column("action", String, nullable=False),
    Column("target", String, nullable=False, default=""),
    Column("command_id", String),
    Column("result", Text, nullable=False),
    Column("detail", Text, nullable=False, default=""),
)

#: What each video-wall tile showed and why it changed (after-action review, replay):
#: one row per change; ``camera`` is NULL when the tile went empty or out of view.
wall_tiles = Table(
    "wall_tiles",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("ts", Float, nullable=False),
    Column("workstation", String, nullable=False),
    Column("tile", Integer, nullable=False),
    Column("camera", String),
    Column("trigger", String, nullable=False),
    Index("wall_tiles_ts", "ts"),
)

#: The whole cached picture at a moment (replay seeks from the nearest one instead of
#: replaying the journal from its start): every entity and cursor as of journal row
#: ``journal_id`` (received at ``ts``), as zlib-compressed JSON (services/cache/checkpoints.py).
checkpoints = Table(
    "checkpoints",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("ts", Float, nullable=False),
    Column("journal_id", Integer, nullable=False),
    Column("data", LargeBinary, nullable=False),
    Index("checkpoints_ts", "ts"),
)
