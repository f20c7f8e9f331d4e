"""The local cache on a real SQLite file."""

from __future__ import annotations

import time
from pathlib import Path

import msgspec

from services.cache import Cache
from services.cache.store import continuity
from services.client.batch import AckResult, IngestBatch, JournalEntry
from services.protocol.codec import decode_entity

TS = "2026-11-28T20:30:00.123Z"


def position_batch(unit: str, lat: float, seq: int) -> IngestBatch:
    raw = msgspec.json.encode({"unit": unit, "lat": lat, "lon": 120.6, "fix_at": TS})
    batch = IngestBatch()
    batch.upsert("positions", unit, decode_entity("positions", raw), raw)
    batch.cursors["positions"] = ("e-1", seq)
    batch.received["positions"] = time.time()
    batch.journal.append(
        JournalEntry("avl", time.time(), b"{}", "event", "positions", "e-1", seq, seq)
    )
    return batch


def test_state_and_cursor_move_together_and_reload(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "c.db")
    cache.commit(position_batch("U-1", 31.1, 1))
    cache.commit(position_batch("U-1", 31.2, 2))
    cache.close()
    picture = Cache(tmp_path / "c.db").load_picture()
    (reset,) = picture.resets
    assert reset.items["U-1"].lat == 31.2
    assert picture.cursors["positions"] == ("e-1", 2)


def test_journal_retention_drops_only_old_rows(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "c.db", journal_retention_s=3600)
    old = position_batch("U-1", 31.1, 1)
    old.journal[0].received_at = time.time() - 7200
    cache.commit(old)
    cache.commit(position_batch("U-1", 31.2, 2))
    assert cache.prune_journal() == 1
    assert [seq for _, _, seq, _ in cache.journal_ranges("positions")] == [2]
    cache.close()


def test_outbox_ack_is_recorded_once_with_audit_rows(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "c.db")
    cache.enqueue_command(
        "c-1",
        "cad",
        "incident.close",
        b'{"incident":"I-1"}',
        operator="duty",
        workstation="ws-1",
        target="I-1",
    )
    cache.enqueue_command(
        "c-1",
        "cad",
        "incident.close",
        b'{"incident":"I-1"}',
        operator="duty",
        workstation="ws-1",
        target="I-1",
    )
    assert [row.id for row in cache.unacknowledged("cad")] == ["c-1"]
    for _ in range(2):  # a duplicate ack changes nothing
        batch = IngestBatch()
        batch.acks.append(
            AckResult("c-1", False, None, "conflict", "version 7 is stale", time.time())
        )
        cache.commit(batch)
    assert cache.outbox_status("c-1") == "refused"
    assert cache.unacknowledged() == []
    results = [row["result"] for row in cache.audit_rows("c-1")]
    assert results == ["queued", "refused: conflict: version 7 is stale"]
    cache.close()


def test_continuity_counts_gaps_and_overlaps() -> None:
    assert continuity(
        [("snapshot", "e", 10, 10), ("batch", "e", 11, 20), ("event", "e", 21, 21)]
    ) == (0, 0)
    assert continuity([("snapshot", "e", 10, 10), ("batch", "e", 13, 20)]) == (2, 0)
    assert continuity(
        [("snapshot", "e", 10, 10), ("batch", "e", 11, 20), ("batch", "e", 18, 25)]
    ) == (0, 3)
    assert continuity([("batch", "e", 5, 9), ("snapshot", "f", 3, 3), ("event", "f", 4, 4)]) == (
        0,
        0,
    )
