"""SQLite engines for the project's stores (the backend's log, the console's cache).

Both run SQLite in WAL mode. How durable a commit is depends on ``synchronous``:

* ``NORMAL``: the WAL is not synced at each commit. A committed transaction survives the
  process being killed, but a power cut (or an OS crash) may undo the last commits. The
  console's cache uses it for its journal and state batches (they are re-fetched).
* ``FULL``: the WAL is synced at every commit, so a commit survives a power cut. The
  backend's event log uses it: its commits precede the acks it sends, and an ack must
  never be sent for a commit that a power cut could undo.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine

Synchronous = Literal["NORMAL", "FULL"]


def _pragmas(synchronous: Synchronous) -> Callable[[Any, object], None]:
    def on_connect(dbapi_connection: Any, _record: object) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA synchronous={synchronous}")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.close()

    return on_connect


def wal_engine(path: Path, *, synchronous: Synchronous = "NORMAL") -> Engine:
    """An engine on the SQLite file ``path`` (made with its folder if missing), in WAL mode.

    ``synchronous`` is ``"NORMAL"`` (survives a killed process) or ``"FULL"`` (survives a
    power cut too; each commit waits for the disk): see the module docstring.
    """
    if synchronous not in ("NORMAL", "FULL"):
        raise ValueError(f"synchronous must be NORMAL or FULL, not {synchronous!r}")
    path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(f"sqlite:///{path}")
    event.listen(engine, "connect", _pragmas(synchronous))
    return engine
