"""Trainee actions: what an operator did in a replay, kept apart from every real record.

In replay no command leaves the console: there is no outbox and no connection. Each
command the console would have sent is written here instead — its own SQLite file
beside (never inside) the recording — with the replay clock's moment, so the
after-action report can set what the trainee did beside what actually happened.
"""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path
from typing import Any

from sqlalchemy import Column, Float, Integer, MetaData, String, Table, Text, select

from services.sqlite import wal_engine

metadata = MetaData()

trainee_actions = Table(
    "trainee_actions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("command_id", String, nullable=False),
    Column("replay_ts", Float, nullable=False),  # the replay clock when it was issued
    Column("wall_ts", Float, nullable=False),
    Column("recording", String, nullable=False),
    Column("operator", String, nullable=False),
    Column("workstation", String, nullable=False),
    Column("service", String, nullable=False),
    Column("type", String, nullable=False),
    Column("target", String, nullable=False),
    Column("data", Text, nullable=False),
)


def trainee_path_for(recording: Path, folder: Path) -> Path:
    """Where the trainee actions on ``recording`` are kept by default."""
    return folder / f"{recording.stem}-trainee.sqlite3"


class TraineeLog:
    """The trainee-actions table in its own file (any thread; writes are serialised)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.engine = wal_engine(path)
        metadata.create_all(self.engine)
        self._lock = threading.Lock()

    def record(
        self,
        command_id: str,
        *,
        replay_ts: float,
        recording: str,
        operator: str,
        workstation: str,
        service: str,
        command_type: str,
        target: str,
        data: dict[str, Any],
    ) -> None:
        with self._lock, self.engine.begin() as conn:
            conn.execute(
                trainee_actions.insert().values(
                    command_id=command_id,
                    replay_ts=replay_ts,
                    wall_ts=time.time(),
                    recording=recording,
                    operator=operator,
                    workstation=workstation,
                    service=service,
                    type=command_type,
                    target=target,
                    data=json.dumps(data, sort_keys=True, default=str),
                )
            )

    def actions(self, since: float = 0.0, until: float = float("inf")) -> list[dict[str, Any]]:
        query = (
            select(trainee_actions)
            .where(trainee_actions.c.replay_ts >= since, trainee_actions.c.replay_ts <= until)
            .order_by(trainee_actions.c.replay_ts, trainee_actions.c.id)
        )
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(query)]

    def close(self) -> None:
        self.engine.dispose()
