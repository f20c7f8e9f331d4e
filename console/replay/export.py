"""Exporting a window of a recording to one portable file.

The file has the cache's schema and holds: a checkpoint of the whole picture at the
window's start (rebuilt by the live ingest rules), every journal frame received in the
window (with its original row id, so the checkpoint's ``journal_id`` still points
between them), the checkpoints taken inside the window, and the operator audit, the
outbox rows and the video-wall tile changes of the window. It opens as a replay like
a cache does (``command-centre --replay FILE``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import insert, select

from console.replay.rebuild import Replayer
from console.replay.recording import Recording
from services.cache import Cache
from services.cache.checkpoints import insert_checkpoint
from services.cache.schema import audit, checkpoints, journal, outbox, wall_tiles

COPY_CHUNK = 5000


class ExportError(ValueError):
    """The export cannot be made (a clear sentence for the command line)."""


@dataclass(frozen=True)
class ExportSummary:
    path: Path
    since: float
    until: float
    frames: int
    audit: int
    tiles: int


def parse_moment(text: str) -> float:
    """ISO 8601 (a time without a zone is UTC) or seconds since the epoch."""
    try:
        return float(text)
    except ValueError:
        pass
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise ExportError(f"{text!r} is not an ISO 8601 time") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp()


def export_window(source: Path, since: float, until: float, out: Path) -> ExportSummary:
    """Write ``source``'s window [since, until] to the new file ``out``."""
    if until <= since:
        raise ExportError("the window ends before it starts")
    if out.exists():
        raise ExportError(f"{out} exists already; choose a new file")
    recording = Recording(source)
    try:
        since = max(since, recording.start)
        until = min(until, recording.end)
        if until < since:
            raise ExportError("the recording holds nothing in that window")
        replayer = Replayer(recording)
        replayer.seek(since)
        start = replayer.checkpoint()
        target = Cache(out)
        if not target.writable:
            raise ExportError(f"{out} cannot be written: {target.opening.reason}")
        frames = 0
        with recording.engine.connect() as read, target.engine.begin() as write:
            insert_checkpoint(write, start)
            rows = read.execute(
                select(journal)
                .where(journal.c.id > start.journal_id, journal.c.received <= until)
                .order_by(journal.c.id)
            )
            while chunk := rows.fetchmany(COPY_CHUNK):
                write.execute(insert(journal), [dict(r._mapping) for r in chunk])
                frames += len(chunk)
            inside = read.execute(
                select(checkpoints.c.ts, checkpoints.c.journal_id, checkpoints.c.data).where(
                    checkpoints.c.ts > since, checkpoints.c.ts <= until
                )
            )
            rows_in = [dict(r._mapping) for r in inside]
            if rows_in:
                write.execute(insert(checkpoints), rows_in)
            audited = [
                dict(r._mapping)
                for r in read.execute(select(audit).where(audit.c.ts.between(since, until)))
            ]
            if audited:
                write.execute(insert(audit), audited)
            commands = [
                dict(r._mapping)
                for r in read.execute(select(outbox).where(outbox.c.created.between(since, until)))
            ]
            if commands:
                write.execute(insert(outbox), commands)
            tiles = [
                dict(r._mapping)
                for r in read.execute(
                    select(wall_tiles).where(wall_tiles.c.ts.between(since, until))
                )
            ]
            if tiles:
                write.execute(insert(wall_tiles), tiles)
        target.close()
        return ExportSummary(out, since, until, frames, len(audited), len(tiles))
    finally:
        recording.close()
