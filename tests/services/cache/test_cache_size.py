"""The cache within its size cap and age limit (services/cache/pruning.py), and a cache
file written before packed frames existed."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import func, select

from console.config import ConfigError
from console.config import parse_config as parse_document
from console.replay.rebuild import Replayer
from console.replay.recording import Recording
from services.cache import Cache
from services.cache.frames import PACKED_POSITIONS
from services.cache.schema import journal, metadata
from services.cache.store import continuity
from tests.services.cache.journal_frames import Fleet

T0 = 1_795_000_000.0
CAP = 1024 * 1024


def positions_in(batch) -> dict[str, bytes]:
    return {
        k: raw
        for reset in batch.resets
        if reset.topic == "positions"
        for k, raw in reset.raw.items()
    }


def replayed_positions(path: Path, moment: float | None = None) -> dict[str, bytes]:
    recording = Recording(path)
    try:
        replayer = Replayer(recording)
        picture = replayer.seek(recording.end if moment is None else moment)
    finally:
        recording.close()
    return positions_in(picture)


def journal_rows(cache: Cache) -> list[tuple[int, float]]:
    with cache.engine.connect() as conn:
        return [(r.id, r.received) for r in conn.execute(select(journal.c.id, journal.c.received))]


def test_over_the_cap_the_oldest_history_goes_first_with_a_warning(tmp_path: Path, caplog) -> None:
    path = tmp_path / "c.db"
    cache = Cache(path, max_bytes=CAP)
    fleet = Fleet()
    caplog.set_level(logging.WARNING, logger="services.cache.pruning")
    received = []
    for i in range(600):
        moment = T0 + i
        cache.commit(fleet.batch(moment))
        received.append(moment)
        if i % 25 == 0:
            cache.write_checkpoint()
        cache.check_size()
    status = cache.size_status
    assert status.pruned_at is not None
    assert status.pruned_rows > 0
    assert status.used_bytes <= CAP
    assert [r.getMessage() for r in caplog.records if "size cap" in r.getMessage()]
    rows = journal_rows(cache)
    ids = [i for i, _ in rows]
    # what is kept is the newest history, without a hole: pruned from the oldest end
    assert ids == list(range(ids[0], ids[0] + len(ids)))
    assert ids[0] > 1
    assert rows[-1][1] == received[-1]
    assert status.history_from is not None
    assert status.history_from > T0
    assert min(t for _, t in rows) >= status.history_from
    # the events kept still continue each other
    assert continuity(cache.journal_ranges("positions")) == (0, 0)
    picture = positions_in(cache.load_picture())
    cache.close()
    assert len(picture) == len(fleet.latest)
    # a replay of what is left starts at the oldest checkpoint kept and ends on the picture
    recording = Recording(path)
    assert recording.start == status.history_from
    recording.close()
    assert replayed_positions(path) == picture == fleet.latest


def test_only_the_current_picture_left_is_reported_over_the_cap(tmp_path: Path, caplog) -> None:
    cache = Cache(tmp_path / "c.db", max_bytes=64 * 1024)
    fleet = Fleet(units=2000)
    with caplog.at_level(logging.WARNING, logger="services.cache.pruning"):
        for i in range(12):
            cache.commit(fleet.batch(T0 + i, count=400))
            cache.check_size()
    assert cache.size_status.over_cap
    assert journal_rows(cache) == []  # every row went; the picture stays
    assert len(positions_in(cache.load_picture())) == len(fleet.latest)
    assert any("only the current picture" in r.getMessage() for r in caplog.records)
    cache.close()


def test_age_limit_cuts_history_at_a_checkpoint_so_replay_stays_exact(tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    cache = Cache(path, journal_retention_s=100.0)
    fleet = Fleet()
    pictures = {}
    for i in range(300):
        cache.commit(fleet.batch(T0 + i, count=20))
        pictures[T0 + i] = dict(fleet.latest)
        if i % 40 == 0:
            cache.write_checkpoint()
    dropped = cache.prune_journal(now=T0 + 299)
    rows = journal_rows(cache)
    # the cutoff is T0+199; the newest checkpoint at or before it was written at T0+160
    assert dropped == 161
    assert rows[0][1] == T0 + 161
    assert cache.size_status.history_from == T0 + 160
    cache.close()
    recording = Recording(path)
    assert recording.start == T0 + 160
    recording.close()
    for moment in (T0 + 160, T0 + 170.5, T0 + 250, T0 + 299):
        assert replayed_positions(path, moment) == pictures[int(moment - T0) + T0], moment


def old_cache(path: Path, fleet: Fleet, frames: int) -> None:
    """A cache as an earlier console wrote it: every frame verbatim, and neither the
    checkpoints nor the video-wall table nor the journal's topic index (added later)."""
    cache = Cache(path, max_bytes=None)
    cache.close()
    connection = sqlite3.connect(path)
    connection.execute("DROP TABLE checkpoints")
    connection.execute("DROP TABLE wall_tiles")
    connection.execute("DROP INDEX journal_topic")
    for i in range(frames):
        batch = fleet.batch(T0 + i)
        (entry,) = batch.journal
        connection.execute(
            "INSERT INTO journal (received, service, kind, topic, epoch, first_seq, last_seq,"
            " frame) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                entry.received_at,
                "avl",
                entry.kind,
                "positions",
                entry.epoch,
                entry.first_seq,
                entry.last_seq,
                entry.frame,
            ),
        )
        for key, raw in batch.upsert_raw["positions"].items():
            connection.execute(
                "INSERT OR REPLACE INTO entities (topic, key, payload) VALUES (?, ?, ?)",
                ("positions", key, raw),
            )
        connection.execute(
            "INSERT OR REPLACE INTO cursors (topic, epoch, seq, updated) VALUES (?, ?, ?, ?)",
            ("positions", entry.epoch, entry.last_seq, entry.received_at),
        )
    connection.commit()
    connection.close()


def test_a_cache_written_before_packed_frames_opens_and_replays(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    fleet = Fleet()
    old_cache(path, fleet, frames=30)
    with sqlite3.connect(path) as connection:
        verbatim = [bytes(f) for (f,) in connection.execute("SELECT frame FROM journal")]
    cache = Cache(path)
    assert cache.opening.state == "ok"
    assert positions_in(cache.load_picture()) == fleet.latest
    for i in range(30, 60):  # new rows, packed, after the old verbatim ones
        cache.commit(fleet.batch(T0 + i))
    cache.write_checkpoint()  # the checkpoints table the old file lacked
    frames = [frame for _, _, _, _, frame in cache.journal_frames()]
    assert frames[:30] == verbatim
    assert all(f.startswith(b'{"op":"batch"') for f in frames)
    with cache.engine.connect() as conn:
        stored = [bytes(f) for (f,) in conn.execute(select(journal.c.frame))]
        assert conn.scalar(select(func.count()).select_from(metadata.tables["wall_tiles"])) == 0
        indexes = conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'index'")
        assert "journal_topic" in {name for (name,) in indexes}
    assert sum(f.startswith(PACKED_POSITIONS) for f in stored) == 30
    assert continuity(cache.journal_ranges("positions")) == (0, 0)
    cache.close()
    assert replayed_positions(path) == fleet.latest


@pytest.mark.parametrize("cap", [None, CAP])
def test_the_size_status_reports_the_pages_in_use(tmp_path: Path, cap: int | None) -> None:
    cache = Cache(tmp_path / "c.db", max_bytes=cap)
    fleet = Fleet()
    cache.commit(fleet.batch(T0))
    status = cache.check_size()
    assert status.cap_bytes == cap
    if cap is not None:
        assert 0 < status.used_bytes <= status.file_bytes
        assert status.pruned_at is None
        assert not status.over_cap
    cache.close()


SERVICES = {"services": {"avl": {"url": "ws://127.0.0.1:9/avl", "token": "t" * 24}}}


def test_the_cache_table_of_the_configuration(tmp_path: Path) -> None:
    source = tmp_path / "console.toml"

    def parse_config(document, path):
        return parse_document(SERVICES | document, path)

    config = parse_config({"cache": {"max_mb": 512, "retention_days": 2.5}}, source)
    assert (config.cache, config.cache_max_mb, config.cache_retention_days) == (None, 512.0, 2.5)
    config = parse_config({"cache": {"path": str(tmp_path / "ws.db")}}, source)
    assert config.cache == tmp_path / "ws.db"
    assert (config.cache_max_mb, config.cache_retention_days) == (2048.0, 7.0)
    assert parse_config({"cache": str(tmp_path / "a.db")}, source).cache == tmp_path / "a.db"
    for bad, message in (
        ({"max_mb": 0}, "max_mb must be a positive number"),
        ({"retention_days": "7"}, "retention_days must be a positive number"),
        ({"max_gb": 2}, "keys are path, max_mb, retention_days, not max_gb"),
        (3, "cache must be a file path or a [cache] table"),
    ):
        with pytest.raises(ConfigError) as raised:
            parse_config({"cache": bad}, source)
        assert message in str(raised.value)
        assert str(source) in str(raised.value)
