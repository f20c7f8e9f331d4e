"""The console core end to end: real hub, feed client, cache, bridge, store and controller."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path

import msgspec

from console.bridge import FeedBridge
from console.controller import CommandController
from console.state import SituationStore
from services.backend.config import HubConfig
from services.backend.runner import BackendThread
from services.cache import Cache
from services.client.batch import IngestBatch, TopicReset
from services.client.feed import FeedClient
from services.protocol.codec import decode_entity
from services.protocol.times import format_ts
from tests.services.backend.wsclient import TOKENS
from tests.services.client.helpers import client_config, free_port


def test_dispatch_from_the_controller_is_accepted_and_reaches_the_store(qtbot, tmp_path):
    port = free_port()
    hub = BackendThread(
        HubConfig(data_dir=tmp_path / "hub", port=port, tokens=TOKENS, speed=5.0)
    ).start()
    store = SituationStore()
    bridge = FeedBridge(store)
    feed = FeedClient(client_config(port), Cache(tmp_path / "console.db"), bridge.sink)
    feed.start()
    try:
        qtbot.waitUntil(
            lambda: all(
                (store.service_status(s) or None) and store.service_status(s).state == "live"
                for s in ("cad", "avl", "video", "opinion")
            ),
            timeout=20000,
        )
        assert len(store.units) >= 100
        assert len(store.cameras) >= 100
        qtbot.waitUntil(
            lambda: any(i.status == "new" for i in store.incidents.values()), timeout=30000
        )
        incident = next(i for i in store.incidents.values() if i.status == "new")
        unit = next(u for u in store.units.values() if u.status == "available")
        command_id = CommandController(feed, store).dispatch(incident.id, [unit.id])
        assert store.command(command_id).state in ("queuing", "queued", "sent")
        qtbot.waitUntil(
            lambda: store.command(command_id).state in ("accepted", "refused"), timeout=20000
        )
        record = store.command(command_id)
        if record.state == "refused":  # the incident changed under us: shown, not retried
            assert record.error_code == "conflict"
        else:
            qtbot.waitUntil(lambda: store.units[unit.id].incident == incident.id, timeout=20000)
            assert store.units[unit.id].dispatched_at is not None
    finally:
        feed.stop()
        bridge.stop()
        hub.stop()


def synthetic_picture(units: int, incidents: int) -> IngestBatch:
    ts = format_ts(datetime(2026, 11, 28, 8, 0, tzinfo=UTC))
    batch = IngestBatch()
    unit_items, unit_raw = {}, {}
    for index in range(units):
        raw = msgspec.json.encode(
            {
                "id": f"U-{index:05d}",
                "callsign": f"C{index}",
                "kind": "patrol_car",
                "station": "S-1",
                "status": "available",
                "version": 1,
            }
        )
        unit_items[f"U-{index:05d}"] = decode_entity("units", raw)
        unit_raw[f"U-{index:05d}"] = raw
    incident_items, incident_raw = {}, {}
    for index in range(incidents):
        key = f"I-20261128-{index:04d}"
        raw = msgspec.json.encode(
            {
                "id": key,
                "category": "theft",
                "priority": 3,
                "status": "new",
                "summary": "<b>stolen</b> bike",
                "location": {"lat": 31.3, "lon": 120.6},
                "reported_at": ts,
                "updated_at": ts,
                "version": 1,
            }
        )
        incident_items[key] = decode_entity("incidents", raw)
        incident_raw[key] = raw
    batch.reset(TopicReset("units", "e-old", 9000, unit_items, unit_raw))
    batch.reset(TopicReset("incidents", "e-old", 4000, incident_items, incident_raw))
    batch.received = {"units": time.time() - 600, "incidents": time.time() - 600}
    return batch


def test_with_the_backend_down_the_cached_picture_loads_marked_stale(qtbot, tmp_path: Path):
    cache = Cache(tmp_path / "console.db")
    cache.commit(synthetic_picture(5000, 2000))
    cache.close()
    store = SituationStore()
    bridge = FeedBridge(store)
    dead_port = free_port()  # nothing listens here
    feed = FeedClient(client_config(dead_port), Cache(tmp_path / "console.db"), bridge.sink)
    feed.start()
    try:
        qtbot.waitUntil(
            lambda: len(store.units) == 5000 and len(store.incidents) == 2000, timeout=10000
        )
        assert store.layer_stale("units")
        assert store.layer_stale("incidents")
        assert store.picture_age() >= 600
        assert store.service_status("cad").state in ("offline", "connecting")
        assert store.is_stale("incidents", "I-20261128-0001")
        assert store.incidents["I-20261128-0001"].summary == "<b>stolen</b> bike"
    finally:
        feed.stop()
        bridge.stop()


def test_heads_keep_a_quiet_layer_fresh(qtbot, tmp_path: Path) -> None:
    """A topic with no events (the city is frozen) stays fresh while the server's heads
    keep arriving, though its data is older than the quiet threshold."""
    from console.state import StatePolicy  # noqa: PLC0415

    port = free_port()
    hub = BackendThread(
        HubConfig(
            data_dir=tmp_path / "hub",
            port=port,
            tokens=TOKENS,
            simulate=False,
            heads_interval_s=0.2,
        )
    ).start()
    store = SituationStore(policy=StatePolicy(layer_quiet_s=1.0))
    bridge = FeedBridge(store)
    feed = FeedClient(client_config(port), Cache(tmp_path / "console.db"), bridge.sink)
    feed.start()
    try:
        qtbot.waitUntil(lambda: (store.layer_age("cameras") or 0) > 1.5, timeout=20000)
        assert store.service_status("video").state == "live"
        assert not store.layer_stale("cameras"), "heads vouch for the quiet topic"
        hub.stop()
        qtbot.waitUntil(lambda: store.layer_stale("cameras"), timeout=20000)
    finally:
        feed.stop()
        bridge.stop()
        hub.stop()
