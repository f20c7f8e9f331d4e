"""Keeping the cache within its age limit and its size cap, oldest history first.

History is the journal (every received frame) and the checkpoints replay seeks from
(:mod:`services.cache.checkpoints`). It is cut at a checkpoint: the journal rows up to a
checkpoint's ``journal_id`` and the checkpoints before it go together, so the oldest
checkpoint left is where the recording now starts and a replay from any moment kept
still rebuilds exactly the picture of that moment. The current picture, the cursors,
the outbox, the audit log and the video-wall record are never pruned.

* **Age** (``retention_days``): history received before the cutoff goes, up to the
  newest checkpoint at or before it. A cache without checkpoints (written before they
  existed) loses the rows older than the cutoff, as it always did.
* **Size** (``max_mb``): when the pages in use pass the cap, the oldest history goes,
  a checkpoint's worth at a time, until they are under ``PRUNE_TO`` of the cap (the
  freed pages are reused, so the file stops growing). When one checkpoint is left, a
  new one of the picture now is written and the journal before it goes. Each time is
  logged as a warning and reported in :class:`CacheSize` for the console to show.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.engine import Connection

from services.cache.checkpoints import insert_checkpoint, read_picture
from services.cache.schema import checkpoints, journal

log = logging.getLogger(__name__)

#: after pruning for size, the pages in use are at most this share of the cap
PRUNE_TO = 0.9
#: longest a size pruning may hold the writer thread; the rest waits for the next commit
PRUNE_BUDGET_S = 0.5


@dataclass(frozen=True, slots=True)
class CacheSize:
    """The cache's size against its cap (replaced whole by the writer; read anywhere).

    ``pruned_at`` is set (wall clock) when the size cap last made the oldest history go:
    the console shows that history before ``history_from`` is no longer kept."""

    used_bytes: int = 0
    file_bytes: int = 0
    cap_bytes: int | None = None
    #: receive time of the oldest history kept (None: no history yet)
    history_from: float | None = None
    #: when the size cap last pruned history (None: never in this run)
    pruned_at: float | None = None
    #: journal rows the size cap has pruned in this run
    pruned_rows: int = 0
    #: the cap could not be met: only the current picture is left and it is larger
    over_cap: bool = False
    #: a pruning is under way (the pages in use are not yet under PRUNE_TO of the cap)
    pruning: bool = False


def used_bytes(conn: Connection) -> tuple[int, int]:
    """(bytes in pages in use, bytes of the file's pages) of the database file."""
    page_size = int(conn.exec_driver_sql("PRAGMA page_size").scalar() or 0)
    pages = int(conn.exec_driver_sql("PRAGMA page_count").scalar() or 0)
    free = int(conn.exec_driver_sql("PRAGMA freelist_count").scalar() or 0)
    return (pages - free) * page_size, pages * page_size


def history_from(conn: Connection) -> float | None:
    """When the oldest history kept was received (its first checkpoint or journal row)."""
    first_row = conn.scalar(select(func.min(journal.c.received)))
    first_checkpoint = conn.scalar(select(func.min(checkpoints.c.ts)))
    starts = [float(t) for t in (first_row, first_checkpoint) if t is not None]
    return min(starts) if starts else None


def prune_to_checkpoint(conn: Connection, checkpoint_id: int, journal_id: int) -> int:
    """Drop the journal up to ``journal_id`` and the checkpoints before ``checkpoint_id``
    (which becomes where the recording starts); returns the journal rows dropped."""
    dropped = conn.execute(delete(journal).where(journal.c.id <= journal_id)).rowcount
    conn.execute(
        delete(checkpoints).where(
            checkpoints.c.journal_id <= journal_id, checkpoints.c.id != checkpoint_id
        )
    )
    return int(dropped or 0)


def prune_by_age(conn: Connection, cutoff: float) -> int:
    """Drop history received before ``cutoff`` (see the module docstring)."""
    cut = conn.execute(
        select(checkpoints.c.id, checkpoints.c.journal_id)
        .where(checkpoints.c.ts <= cutoff)
        .order_by(checkpoints.c.ts.desc(), checkpoints.c.id.desc())
        .limit(1)
    ).first()
    if cut is not None:
        return prune_to_checkpoint(conn, int(cut.id), int(cut.journal_id))
    if conn.execute(select(checkpoints.c.id).limit(1)).first() is not None:
        return 0  # history before the first checkpoint waits until one passes the cutoff
    result = conn.execute(delete(journal).where(journal.c.received < cutoff))
    return int(result.rowcount or 0)


def prune_oldest(conn: Connection) -> int | None:
    """Drop the oldest checkpoint's worth of history; the rows dropped, or None when
    nothing is left to drop (no journal row and at most one checkpoint)."""
    oldest_two = conn.execute(
        select(checkpoints.c.id, checkpoints.c.journal_id)
        .order_by(checkpoints.c.ts, checkpoints.c.id)
        .limit(2)
    ).all()
    if len(oldest_two) == 2:
        second = oldest_two[1]
        return prune_to_checkpoint(conn, int(second.id), int(second.journal_id))
    if conn.execute(select(journal.c.id).limit(1)).first() is None:
        return None
    # One checkpoint (or none) and journal rows after it: start the recording now.
    picture = read_picture(conn)
    insert_checkpoint(conn, picture)
    newest = conn.scalar(select(func.max(checkpoints.c.id)))
    return prune_to_checkpoint(conn, int(newest or 0), picture.journal_id)


def enforce_cap(conn: Connection, cap: int, previous: CacheSize) -> CacheSize:
    """Prune the oldest history while the pages in use exceed ``cap``, down to PRUNE_TO
    of it (inside the writer's transaction; at most PRUNE_BUDGET_S of work per call, the
    rest at the next calls). The warning is logged once per pruning."""
    used, file_bytes = used_bytes(conn)
    if used <= cap and not previous.pruning:
        return dataclasses.replace(previous, used_bytes=used, file_bytes=file_bytes, cap_bytes=cap)
    started = time.monotonic()
    dropped = 0
    over_cap = False
    while used > cap * PRUNE_TO:
        if time.monotonic() - started > PRUNE_BUDGET_S:
            break
        step = prune_oldest(conn)
        if step is None:
            over_cap = True
            break
        dropped += step
        used, file_bytes = used_bytes(conn)
    kept_from = history_from(conn)
    if not previous.pruning:
        log.warning(
            "the cache reached its size cap of %.0f MB: the oldest history is pruned; "
            "history kept from %s",
            cap / 2**20,
            time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(kept_from)) if kept_from else "now",
        )
    if over_cap and not previous.over_cap:
        log.warning(
            "the cache holds only the current picture and still uses %.0f MB, over its cap "
            "of %.0f MB",
            used / 2**20,
            cap / 2**20,
        )
    return CacheSize(
        used_bytes=used,
        file_bytes=file_bytes,
        cap_bytes=cap,
        history_from=kept_from,
        pruned_at=time.time(),
        pruned_rows=previous.pruned_rows + dropped,
        over_cap=over_cap,
        pruning=used > cap * PRUNE_TO and not over_cap,
    )
