"""Reading the local cache's journal for past incidents, on the planner's own thread.

The cache's writer thread owns its connection; this opens the cache file read-only
(SQLite's WAL lets a reader work beside the writer without holding it up) and takes the
frames that may hold incidents — ``incidents`` frames and batches of several topics —
received since a moment, using the cache's own table definition.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import create_engine, or_, select

from console.state.deployment.history import FrameHistory, incidents_in_frames
from services.cache.frames import expand_frame
from services.cache.schema import journal

HISTORY_S = 30 * 86400.0


def journal_reader(feed: object) -> Callable[[float], FrameHistory] | None:
    """A reader of the feed's cache journal (``None`` for a source without a cache)."""
    path = getattr(getattr(feed, "cache", None), "path", None)
    if path is None:
        return None
    return lambda now: read_journal(Path(path), now - HISTORY_S)


def read_journal(path: Path, since: float) -> FrameHistory:
    """The incidents in the journal frames received since ``since`` (Unix seconds)."""
    if not path.exists():
        return FrameHistory([])
    uri = f"file:{path}?mode=ro"
    engine = create_engine(
        "sqlite://", creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False)
    )
    query = (
        select(journal.c.frame)
        .where(
            journal.c.received >= since,
            journal.c.kind.in_(("event", "batch", "snapshot")),
            or_(journal.c.topic == "incidents", journal.c.topic.is_(None)),
        )
        .order_by(journal.c.id)
    )
    try:
        with engine.connect() as connection:
            frames = [expand_frame(row.frame) for row in connection.execute(query)]
    finally:
        engine.dispose()
    return incidents_in_frames(frames)
