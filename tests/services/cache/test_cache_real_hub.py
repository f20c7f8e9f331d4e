"""The cache of a feed client on a real hub (the load city, smaller): bytes per journalled
event, packed positions, and a replay of the journal ending on the cached picture.

Deterministic by size, not by time: the run lasts until a set number of events has been
journalled, however long the shared machine takes for it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from console.replay.rebuild import Replayer
from console.replay.recording import Recording
from services.backend.config import HubConfig
from services.backend.runner import BackendThread
from services.cache import Cache
from services.cache.checkpoints import CheckpointRecorder
from services.cache.frames import PACKED_POSITIONS, expand_frame
from services.client.feed import FeedClient
from tests.services.backend.wsclient import TOKENS
from tests.services.client.helpers import Mirror, client_config

EVENTS = 40_000
#: the load city at a sixth of its size: ≈ 400 position fixes per simulated second
CITY = {"units": 1000, "cameras": 150, "initial_incidents": 10, "initial_alerts": 5}


def file_bytes(path: Path) -> int:
    wal = path.with_name(path.name + "-wal")
    return sum(p.stat().st_size for p in (path, wal) if p.exists())


def journalled_events(path: Path) -> tuple[int, int, int]:
    """(events journalled, positions rows, positions rows kept packed)."""
    with sqlite3.connect(path) as connection:
        ranged = connection.execute(
            "SELECT sum(last_seq - first_seq + 1) FROM journal "
            "WHERE kind IN ('event', 'batch') AND first_seq IS NOT NULL"
        ).fetchone()[0]
        mixed = connection.execute(
            "SELECT frame FROM journal WHERE kind IN ('event', 'batch') AND first_seq IS NULL"
        ).fetchall()
        positions = connection.execute(
            "SELECT frame FROM journal WHERE topic = 'positions' AND kind IN ('event', 'batch')"
        ).fetchall()
    events = int(ranged or 0) + sum(expand_frame(f).count(b'"op":"event"') for (f,) in mixed)
    packed = sum(bytes(f).startswith(PACKED_POSITIONS) for (f,) in positions)
    return events, len(positions), packed


def test_a_run_on_a_real_hub_costs_well_under_80_bytes_an_event(tmp_path: Path) -> None:
    empty = tmp_path / "empty.db"
    Cache(empty).close()
    hub = BackendThread(
        HubConfig(
            data_dir=tmp_path / "hub",
            port=0,
            tokens=TOKENS,
            profile="load",
            profile_overrides=CITY,
            speed=3.0,
        )
    ).start()
    path = tmp_path / "console.db"
    cache = Cache(path)
    mirror = Mirror()
    feed = FeedClient(
        client_config(hub.port), cache, CheckpointRecorder(cache.write_checkpoint, mirror), seed=1
    )
    feed.start()
    try:
        mirror.wait(lambda m: m.events >= EVENTS, timeout=240)
    finally:
        feed.stop()
        hub.stop()
    events, positions_rows, packed = journalled_events(path)
    assert events >= EVENTS
    # every positions frame of the reference backend is kept packed
    assert positions_rows > 0
    assert packed == positions_rows
    per_event = (file_bytes(path) - file_bytes(empty)) / events
    # everything counts: journal, snapshots, checkpoints, the current picture (it was ≈ 250)
    assert per_event <= 80, f"{per_event:.1f} bytes per journalled event"
    # replaying the whole journal ends on exactly the positions the cache holds
    reopened = Cache(path)
    cached = next(r for r in reopened.load_picture().resets if r.topic == "positions").raw
    reopened.close()
    recording = Recording(path)
    try:
        picture = Replayer(recording).seek(recording.end)
    finally:
        recording.close()
    replayed = next(r for r in picture.resets if r.topic == "positions").raw
    assert len(replayed) == CITY["units"]
    assert replayed == cached
