"""A recording: a console cache file, or a window of one exported to its own file.

Both have the cache's schema (``services/cache/schema.py``): the journal of received
frames, checkpoints of the whole picture, the operator audit, the video-wall tile
changes. A recording is opened read-only; nothing here writes to it.

Where the picture at a moment starts from (:meth:`Recording.base_for`): the newest
checkpoint at or before it, or — when the journal was never pruned (its first row is
row 1) — the empty picture before the first frame. An export holds a checkpoint at its
start, so it needs no earlier rows.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, func, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError

from services.cache.checkpoints import Checkpoint, decode_checkpoint
from services.cache.frames import expand_frame
from services.cache.schema import audit, checkpoints, journal, wall_tiles


class RecordingError(ValueError):
    """The file is not a recording (missing, not SQLite, no journal)."""


@dataclass(frozen=True, slots=True)
class Frame:
    id: int
    received: float
    service: str
    kind: str
    topic: str | None
    frame: bytes


class Recording:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        if not self.path.is_file():
            raise RecordingError(f"{self.path}: no such file")
        self.engine: Engine = create_engine(f"sqlite:///file:{self.path}?mode=ro&uri=true")
        try:
            with self.engine.connect() as conn:
                first = conn.execute(
                    select(func.min(journal.c.id), func.min(journal.c.received))
                ).one()
                last = conn.execute(select(func.max(journal.c.received))).scalar()
                has_checkpoints = conn.execute(select(checkpoints.c.id).limit(1)).first()
                first_cp = conn.execute(select(func.min(checkpoints.c.ts))).scalar()
        except DBAPIError as exc:
            self.engine.dispose()
            raise RecordingError(f"{self.path}: not a console recording ({exc.orig})") from exc
        #: the journal holds every frame from the start (never pruned, not an export)
        self.complete = first[0] is None or first[0] == 1
        starts = [t for t in (first[1], first_cp) if t is not None]
        if not starts:
            self.engine.dispose()
            raise RecordingError(f"{self.path}: the recording is empty")
        #: the first and last moments the recording covers
        self.start = float(min(starts)) if self.complete or first_cp is None else float(first_cp)
        self.end = float(max(last or self.start, self.start))
        self.has_checkpoints = has_checkpoints is not None

    def close(self) -> None:
        self.engine.dispose()

    # --- reading the picture --------------------------------------------------------

    def base_for(self, moment: float) -> Checkpoint:
        """Where the picture at ``moment`` starts from (see the module docstring)."""
        query = (
            select(checkpoints.c.ts, checkpoints.c.journal_id, checkpoints.c.data)
            .where(checkpoints.c.ts <= moment)
            .order_by(checkpoints.c.ts.desc(), checkpoints.c.id.desc())
            .limit(1)
        )
        with self.engine.connect() as conn:
            row = conn.execute(query).first()
            if row is None and not self.complete:  # before the export's start: its start
                first = (
                    select(checkpoints.c.ts, checkpoints.c.journal_id, checkpoints.c.data)
                    .order_by(checkpoints.c.ts, checkpoints.c.id)
                    .limit(1)
                )
                row = conn.execute(first).first()
        if row is None:
            return Checkpoint(self.start, 0)
        return decode_checkpoint(float(row.ts), int(row.journal_id), row.data)

    def next_checkpoint_after(self, journal_id: int, moment: float) -> int | None:
        """The journal id of the newest checkpoint in (``journal_id``, ``moment``]."""
        query = (
            select(func.max(checkpoints.c.journal_id))
            .where(checkpoints.c.journal_id > journal_id)
            .where(checkpoints.c.ts <= moment)
        )
        with self.engine.connect() as conn:
            found = conn.execute(query).scalar()
        return None if found is None else int(found)

    def frames(
        self, after_id: int, until: float | None = None, *, limit: int | None = None
    ) -> Iterator[Frame]:
        """Journal rows after row ``after_id`` received at or before ``until``, in order.

        Rows are in receive order (the feed journals frames as they arrive), so the scan
        stops at the first row received after ``until`` (found on the ``received`` index)
        instead of reading the rest of the journal."""
        query = select(
            journal.c.id,
            journal.c.received,
            journal.c.service,
            journal.c.kind,
            journal.c.topic,
            journal.c.frame,
        ).where(journal.c.id > after_id)
        if until is not None:
            query = query.where(journal.c.received <= until)
            stop = self._first_id_after(until)
            if stop is not None:
                query = query.where(journal.c.id < stop)
        query = query.order_by(journal.c.id)
        if limit is not None:
            query = query.limit(limit)
        with self.engine.connect() as conn:
            for row in conn.execute(query):
                frame = expand_frame(row.frame)  # as received, however the cache keeps it
                yield Frame(row.id, row.received, row.service, row.kind, row.topic, frame)

    def _first_id_after(self, moment: float) -> int | None:
        query = (
            select(journal.c.id)
            .where(journal.c.received > moment)
            .order_by(journal.c.received)
            .limit(1)
        )
        with self.engine.connect() as conn:
            found = conn.execute(query).scalar()
        return None if found is None else int(found)

    def next_frame_time(self, after: float) -> float | None:
        """When the first frame after ``after`` was received (None: none is)."""
        with self.engine.connect() as conn:
            found = conn.execute(
                select(func.min(journal.c.received)).where(journal.c.received > after)
            ).scalar()
        return None if found is None else float(found)

    def density(self, buckets: int) -> list[tuple[float, int]]:
        """(bucket start, frames) over the recording in ``buckets`` equal steps."""
        width = max((self.end - self.start) / max(buckets, 1), 1e-6)
        bucket = func.cast((journal.c.received - self.start) / width, type_=journal.c.id.type)
        query = select(bucket.label("b"), func.count()).group_by("b").order_by("b")
        with self.engine.connect() as conn:
            counts = {int(b): int(n) for b, n in conn.execute(query) if b is not None}
        return [(self.start + i * width, counts.get(i, 0)) for i in range(buckets)]

    # --- the rest of the record -------------------------------------------------------

    def audit_rows(self, since: float, until: float) -> list[dict[str, Any]]:
        query = select(audit).where(audit.c.ts >= since, audit.c.ts <= until).order_by(audit.c.id)
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(query)]

    def tile_changes(self, since: float, until: float) -> list[dict[str, Any]]:
        query = (
            select(wall_tiles)
            .where(wall_tiles.c.ts >= since, wall_tiles.c.ts <= until)
            .order_by(wall_tiles.c.id)
        )
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(query)]
