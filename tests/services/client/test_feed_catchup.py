"""Catching up after a long time offline: positions come as a snapshot, not a replay.

A real hub (in this process) and the real feed client with its cache: the console stops,
the city moves on for more than twice as many position fixes as it has units, the hub
restarts frozen at that head (same data, same epoch), and a console started on the same
cache resumes from its cursor.
"""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime
from pathlib import Path

import msgspec
import pytest

from console.state import SituationStore
from services.backend import topics
from services.backend.config import HubConfig
from services.backend.runner import BackendThread
from services.cache import Cache
from services.client.batch import IngestBatch
from services.client.config import ClientConfig, Endpoint
from services.client.feed import FeedClient
from tests.services.backend.wsclient import COMMANDER, TOKENS
from tests.services.client.helpers import Mirror, server_state

START = datetime(2026, 11, 28, 8, 0, tzinfo=UTC)
AVL = {"avl": ("positions",)}


def hub_on(data: Path, **options: object) -> BackendThread:
    config = HubConfig(data_dir=data, port=0, tokens=TOKENS, start=START, **options)  # type: ignore[arg-type]
    return BackendThread(config).start()


def feed_on(hub: BackendThread, cache: Path, mirror: Mirror, store: SituationStore) -> FeedClient:
    config = ClientConfig(
        endpoints={"avl": Endpoint("avl", hub.url("avl"), COMMANDER)},
        topics=AVL,
        backoff_base_s=0.1,
        backoff_cap_s=1.0,
    )

    def sink(batch: IngestBatch) -> None:
        store.apply(batch)
        mirror(batch)

    return FeedClient(config, Cache(cache), sink)


def test_far_behind_positions_arrive_as_a_snapshot_and_the_store_holds_the_head(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(topics, "SNAPSHOT_MIN_MISSED", 0)  # the demo city has 120 units
    data, cache = tmp_path / "hub", tmp_path / "console.sqlite3"
    hub = hub_on(data, speed=20.0)
    mirror, store = Mirror(), SituationStore()
    feed = feed_on(hub, cache, mirror, store)
    feed.start()
    mirror.wait(lambda m: "positions" in m.cursors)
    feed.stop()
    epoch, left_at = mirror.cursors["positions"]
    units = len(hub.hub.topics["positions"].entities)
    deadline = time.monotonic() + 60
    while hub.hub.topics["positions"].head <= left_at + 3 * units:
        assert time.monotonic() < deadline, "the city did not move on"
        time.sleep(0.05)
    hub.stop()

    frozen = hub_on(data, simulate=False)  # same log: same epoch, the head it had
    try:
        head = frozen.hub.topics["positions"].head
        assert frozen.hub.epoch == epoch
        assert head > left_at + 2 * units
        mirror, store = Mirror(), SituationStore()
        feed = feed_on(frozen, cache, mirror, store)
        feed.start()
        try:
            mirror.wait(lambda m: m.cursors.get("positions") == (epoch, head))
        finally:
            feed.stop()
        assert store.cursors["positions"] == (epoch, head), "the store is at the server's head"
        _, server = server_state(frozen.url, AVL)
        assert {
            key: json.dumps(json.loads(msgspec.json.encode(position)), sort_keys=True)
            for key, position in store.positions.items()
        } == server["positions"], "the store holds exactly the server's positions"
    finally:
        frozen.stop()

    reopened = Cache(cache)
    try:
        ranges = [r for r in reopened.journal_ranges("positions") if r[3] > left_at]
    finally:
        reopened.close()
    assert ranges == [("snapshot", epoch, head, head)], "one snapshot; no replayed fix"
