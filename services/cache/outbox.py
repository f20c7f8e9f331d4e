"""Writing one command to the outbox so that it lasts (see :mod:`services.cache.store`).

The row and its audit row are inserted in one transaction that the caller commits with
``synchronous=FULL``; :func:`checkpoint` then copies the WAL into the database file, so
the row survives a power cut and the loss of the -wal file.
"""

from __future__ import annotations

import logging

from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

from services.cache.faults import is_disk_fault, reason_of
from services.cache.schema import audit, outbox

log = logging.getLogger(__name__)


def checkpoint(conn: Connection, command_id: str) -> None:
    """Copy the WAL into the database file and sync it (the row no longer depends on
    the -wal file). The row is committed and synced whatever happens here."""
    try:
        busy, frames, copied = conn.exec_driver_sql("PRAGMA wal_checkpoint(FULL)").one()
        conn.commit()
    except (DBAPIError, OSError) as exc:
        if not is_disk_fault(exc):
            raise
        log.error(
            "outbox row %s is committed but not checkpointed (%s): it survives a "
            "crash, not the loss of the -wal file",
            command_id,
            reason_of(exc),
        )
        return
    if busy or copied < frames:
        log.warning(
            "outbox row %s: checkpoint incomplete (%s of %s WAL frames copied)",
            command_id,
            copied,
            frames,
        )


def insert_command(
    conn: Connection,
    command_id: str,
    service: str,
    command_type: str,
    data: bytes,
    *,
    now: float,
    operator: str,
    workstation: str,
    target: str,
) -> bool:
    """Insert the outbox row and its audit row; False if the id was there already."""
    inserted = conn.execute(
        sqlite_insert(outbox)
        .values(
            id=command_id,
            service=service,
            type=command_type,
            data=data,
            created=now,
            status="queued",
            attempts=0,
            operator=operator,
            workstation=workstation,
            target=target,
        )
        .on_conflict_do_nothing(index_elements=["id"])
    )
    if not inserted.rowcount:
        return False  # the same id again: already in the outbox (and audited)
    conn.execute(
        audit.insert().values(
            ts=now,
            operator=operator,
            workstation=workstation,
            action=command_type,
            target=target,
            command_id=command_id,
            result="queued",
            detail=data.decode("utf-8", "replace"),
        )
    )
    return True
