"""The Qt bridge: batches from another thread reach the store on the UI thread, <= 10 Hz."""

from __future__ import annotations

import threading
import time

import msgspec

from console.bridge import FeedBridge
from console.state import SituationStore
from services.client.batch import IngestBatch
from services.protocol.codec import decode_entity

TS = "2026-11-28T20:30:00.123Z"


def position_batch(unit: str, lat: float) -> IngestBatch:
    data = {"unit": unit, "lat": lat, "lon": 120.6, "fix_at": TS}
    raw = msgspec.json.encode(data)
    batch = IngestBatch()
    batch.upsert("positions", unit, decode_entity("positions", raw), raw)
    batch.events = 1
    return batch


def test_batches_from_a_thread_are_applied_on_the_ui_thread_at_most_ten_times_a_second(qtbot):
    store = SituationStore()
    bridge = FeedBridge(store)
    applied_on: set[int] = set()
    store.subscribe(lambda _changes: applied_on.add(threading.get_ident()))

    def produce() -> None:
        # Spread over ~0.6 s, so an unthrottled bridge would apply nearly every batch.
        for index in range(300):
            bridge.sink(position_batch(f"U-{index % 50}", 31.0 + index / 1000))
            time.sleep(0.002)  # paces the load; nothing here waits for a result

    started = time.monotonic()
    producer = threading.Thread(target=produce, name="test-producer")
    producer.start()
    qtbot.waitUntil(lambda: not producer.is_alive(), timeout=10000)  # UI loop runs meanwhile
    qtbot.waitUntil(
        lambda: (
            store.positions.get("U-49") is not None
            and store.positions["U-49"].lat == 31.0 + 299 / 1000
        ),
        timeout=5000,
    )
    elapsed = time.monotonic() - started
    assert applied_on == {threading.get_ident()}, "applied on the UI thread only"
    assert bridge.batches == 300
    assert bridge.applies <= elapsed * 10 + 1
    assert bridge.applies >= 3, "batches were applied while they kept coming, not all at once"
    assert len(store.positions) == 50
    bridge.stop()
