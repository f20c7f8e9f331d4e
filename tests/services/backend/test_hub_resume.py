"""Resume by (epoch, seq): exactly the missed events; restarts keep the epoch; wipes don't."""

from __future__ import annotations

import shutil
import time

from services.backend import topics
from services.backend.topics import TopicState
from tests.services.backend.wsclient import ProtocolClient


def subscribe_and_skip_snapshot(client: ProtocolClient, topic: str) -> int:
    client.send({"op": "subscribe", "topics": {topic: None}})
    while True:
        frame = client.recv()
        assert frame["op"] == "snapshot"
        if frame["part"] == frame["parts"]:
            return frame["seq"]


def events_of(client: ProtocolClient, topic: str, count: int) -> list[dict]:
    out = []
    for frame in client.frames():
        if frame["op"] == "event" and frame["topic"] == topic:
            out.append(frame)
            if len(out) == count:
                return out
    raise AssertionError("stream ended")


def test_reconnect_gets_exactly_the_missed_events(make_hub) -> None:
    hub = make_hub(speed=20.0)
    watcher = ProtocolClient(hub.url("avl"))
    base = subscribe_and_skip_snapshot(watcher, "positions")
    reference = events_of(watcher, "positions", 400)  # the uninterrupted stream
    assert [e["seq"] for e in reference] == list(range(base + 1, base + 401))

    with ProtocolClient(hub.url("avl")) as client:
        client.send(
            {"op": "subscribe", "topics": {"positions": {"epoch": hub.hub.epoch, "after": base}}}
        )
        first = events_of(client, "positions", 50)
    # Disconnected; the watcher has seen at least 350 events after these.
    last = first[-1]["seq"]
    with ProtocolClient(hub.url("avl")) as client:
        client.send(
            {"op": "subscribe", "topics": {"positions": {"epoch": hub.hub.epoch, "after": last}}}
        )
        resumed = client.recv()
        assert resumed["op"] in ("event", "batch"), "a resume sends no snapshot"
        frames = resumed["events"] if resumed["op"] == "batch" else [resumed]
        while len(frames) < 300:
            frames.extend(events_of(client, "positions", 1))
    watcher.close()
    expected = [e for e in reference if e["seq"] > last][: len(frames)]
    assert [f["seq"] for f in frames[: len(expected)]] == [e["seq"] for e in expected]
    assert frames[: len(expected)] == expected, "resumed events equal the live ones"
    assert first == reference[:50]


def test_restart_keeps_epoch_and_resumes_wipe_gives_new_epoch(make_hub, tmp_path) -> None:
    data = tmp_path / "restart"
    hub = make_hub(data, speed=20.0)
    epoch = hub.hub.epoch
    with ProtocolClient(hub.url("cad")) as client:
        base = subscribe_and_skip_snapshot(client, "units")
        seen = events_of(client, "units", 5)
    last = seen[-1]["seq"]
    hub.stop()

    again = make_hub(data, speed=20.0)
    assert again.hub.epoch == epoch
    with ProtocolClient(again.url("cad")) as client:
        client.send({"op": "subscribe", "topics": {"units": {"epoch": epoch, "after": last}}})
        frame = client.recv()
        assert frame["op"] in ("event", "batch"), frame["op"]
        first = frame["events"][0] if frame["op"] == "batch" else frame
        assert first["seq"] == last + 1
        assert first["epoch"] == epoch
    again.stop()
    assert base < last

    shutil.rmtree(data)
    wiped = make_hub(data, speed=20.0)
    assert wiped.hub.epoch != epoch
    with ProtocolClient(wiped.url("cad")) as client:
        client.send({"op": "subscribe", "topics": {"units": {"epoch": epoch, "after": last}}})
        frame = client.recv()
        assert frame["op"] == "snapshot"
        assert frame["epoch"] == wiped.hub.epoch


def test_resume_older_than_retention_gets_a_snapshot(make_hub) -> None:
    hub = make_hub(simulate=False)
    with ProtocolClient(hub.url("cad")) as client:
        client.send(
            {"op": "subscribe", "topics": {"units": {"epoch": hub.hub.epoch, "after": 10**9}}}
        )
        assert client.recv()["op"] == "snapshot", "a seq the server never had is not resumable"


def wait_for_head(hub, topic: str, seq: int, timeout: float = 60.0) -> int:
    deadline = time.monotonic() + timeout
    while (head := hub.hub.topics[topic].head) < seq:
        assert time.monotonic() < deadline, f"{topic} stayed at {head}, below {seq}"
        time.sleep(0.05)
    return head


def test_a_positions_resume_far_behind_gets_a_snapshot(make_hub, monkeypatch) -> None:
    monkeypatch.setattr(topics, "SNAPSHOT_MIN_MISSED", 0)  # the demo city has 120 units
    hub = make_hub(speed=20.0)
    state = hub.hub.topics["positions"]
    with ProtocolClient(hub.url("avl")) as client:
        base = subscribe_and_skip_snapshot(client, "positions")
    units = len(state.entities)
    wait_for_head(hub, "positions", base + 2 * units + 1)  # more than twice the units
    with ProtocolClient(hub.url("avl")) as client:
        client.send(
            {"op": "subscribe", "topics": {"positions": {"epoch": hub.hub.epoch, "after": base}}}
        )
        frame = client.recv()
        assert frame["op"] == "snapshot", "positions far behind: a snapshot, not the replay"
        assert frame["seq"] > base + 2 * units
        parts = [frame]
        while parts[-1]["part"] < parts[-1]["parts"]:
            parts.append(client.recv())
        assert sum(len(part["items"]) for part in parts) == units
        after = events_of(client, "positions", 1)[0]
        assert after["seq"] == frame["seq"] + 1, "events go on from the snapshot's seq"

    # Just behind, the same topic is still resumed event by event.
    head = state.head
    with ProtocolClient(hub.url("avl")) as client:
        client.send(
            {"op": "subscribe", "topics": {"positions": {"epoch": hub.hub.epoch, "after": head}}}
        )
        frame = client.recv()
        assert frame["op"] in ("event", "batch")
        first = frame["events"][0] if frame["op"] == "batch" else frame
        assert first["seq"] == head + 1


def test_only_latest_wins_topics_trade_a_replay_for_a_snapshot() -> None:
    for name, cheaper in (("positions", True), ("units", False), ("incidents", False)):
        state = TopicState(name, "e-1", window=100)
        state.load(100_000, 1, {f"K-{i}": b"{}" for i in range(12_000)}, [])
        assert not state.snapshot_is_cheaper(76_000), "24,000 missed: not over twice 12,000"
        assert state.snapshot_is_cheaper(75_999) is cheaper, name
        state.load(100_000, 1, {f"K-{i}": b"{}" for i in range(100)}, [])
        assert not state.snapshot_is_cheaper(90_000), "10,000 missed: not over the minimum"
        assert state.snapshot_is_cheaper(89_999) is cheaper, name
