"""Checkpoints: when the recorder writes them, and that one holds the cached picture."""

from __future__ import annotations

from sqlalchemy import select

from services.cache import Cache
from services.cache.checkpoints import CheckpointRecorder, decode_checkpoint
from services.cache.schema import checkpoints
from services.client.batch import IngestBatch, JournalEntry, TopicReset


def batch_with(events: int, key: str = "") -> IngestBatch:
    batch = IngestBatch(events=events)
    batch.journal.append(JournalEntry("cad", 1.0, b"{}", "event"))
    if key:
        payload = b'{"id":"%s"}' % key.encode()
        batch.reset(TopicReset("cameras", "e-1", 3, {key: object()}, {key: payload}))
        batch.received["cameras"] = 5.0
    return batch


def test_the_recorder_writes_at_start_then_by_time_or_by_events() -> None:
    written: list[float] = []
    now = [0.0]
    delivered: list[IngestBatch] = []
    recorder = CheckpointRecorder(
        lambda: written.append(now[0]), delivered.append, interval_s=300, max_events=1000,
        clock=lambda: now[0],
    )  # fmt: skip
    recorder(batch_with(10))  # the first batch of a run
    recorder(IngestBatch(queued=["c"]))  # no journal rows: never a checkpoint
    now[0] = 100.0
    recorder(batch_with(500))
    now[0] = 200.0
    recorder(batch_with(600))  # 1100 events since the last one
    now[0] = 450.0
    recorder(batch_with(1))
    now[0] = 501.0
    recorder(batch_with(1))  # 301 s since the last one
    assert written == [0.0, 200.0, 501.0]
    assert len(delivered) == 6  # every batch still reaches the sink, first


def test_a_checkpoint_holds_the_cached_picture(tmp_path) -> None:
    cache = Cache(tmp_path / "cache.sqlite3")
    cache.commit(batch_with(1, key="C-1"))
    picture = cache.write_checkpoint()
    assert picture.journal_id == 1
    with cache.engine.connect() as conn:
        row = conn.execute(select(checkpoints)).one()
    stored = decode_checkpoint(row.ts, row.journal_id, row.data)
    assert stored.entities == {"cameras": [b'{"id":"C-1"}']}
    assert stored.cursors == {"cameras": ("e-1", 3, 5.0)}
    assert cache.checkpoint_count() == 1
    cache.close()
