"""Welcome, snapshot, then live events with contiguous seq on every topic of every service."""

from __future__ import annotations

import json

import pytest
from websockets.exceptions import InvalidStatus

from services.protocol.codec import decode_entity
from services.protocol.entities import SERVICE_TOPICS
from tests.services.backend.wsclient import ProtocolClient


def read_snapshot(client: ProtocolClient, topic: str) -> tuple[dict, list]:
    """Collect every part of one topic's snapshot."""
    items: list = []
    while True:
        frame = client.recv()
        assert frame["op"] == "snapshot", frame
        assert frame["topic"] == topic
        items.extend(frame["items"])
        if frame["part"] == frame["parts"]:
            return frame, items


@pytest.mark.parametrize("service", list(SERVICE_TOPICS))
def test_welcome_snapshot_then_contiguous_live_events(make_hub, service: str) -> None:
    hub = make_hub(speed=60.0)
    with ProtocolClient(hub.url(service)) as client:
        assert client.welcome is not None
        assert client.welcome["service"] == service
        assert client.welcome["topics"] == list(SERVICE_TOPICS[service])
        assert client.welcome["role"] == "commander"
        assert client.welcome["server_time"].endswith("Z")
        client.send({"op": "subscribe", "topics": dict.fromkeys(SERVICE_TOPICS[service])})
        last: dict[str, int] = {}
        for topic in SERVICE_TOPICS[service]:
            snapshot, items = read_snapshot(client, topic)
            assert snapshot["epoch"] == hub.hub.epoch
            for item in items:
                decode_entity(topic, json.dumps(item).encode())
            last[topic] = snapshot["seq"]
        live = dict.fromkeys(last, 0)
        for frame in client.frames():
            if frame["op"] != "event":
                assert frame["op"] == "heads"
                continue
            topic = frame["topic"]
            assert frame["seq"] == last[topic] + 1, "seq must increase by exactly one"
            assert frame["epoch"] == hub.hub.epoch
            if not frame["type"].endswith(".removed"):
                decode_entity(topic, json.dumps(frame["data"]).encode())
            last[topic] = frame["seq"]
            live[topic] += 1
            if all(count >= 3 for count in live.values()):
                break
        assert all(count >= 3 for count in live.values()), live


def test_unknown_path_is_refused(make_hub) -> None:
    hub = make_hub(simulate=False)
    with pytest.raises(InvalidStatus) as caught:
        ProtocolClient(f"ws://127.0.0.1:{hub.port}/nope")
    assert caught.value.response.status_code == 404


def test_large_snapshot_arrives_in_parts_under_the_frame_limit(make_hub) -> None:
    hub = make_hub(profile="load", simulate=False)
    with ProtocolClient(hub.url("cad")) as client:
        client.send({"op": "subscribe", "topics": {"units": None}})
        parts = []
        while True:
            raw = client.recv_raw()
            assert len(raw) <= 1 << 20
            frame = json.loads(raw)
            parts.append(frame)
            if frame["part"] == frame["parts"]:
                break
        assert len(parts) > 1
        assert {p["seq"] for p in parts} == {parts[0]["seq"]}
        units = [item for p in parts for item in p["items"]]
        assert len(units) >= 5000
        assert len({u["id"] for u in units}) == len(units)


def test_heads_are_sent_after_the_events_they_count(make_hub) -> None:
    hub = make_hub(speed=30.0, heads_interval_s=0.5)
    with ProtocolClient(hub.url("avl")) as client:
        client.send({"op": "subscribe", "topics": {"positions": None}})
        snapshot, items = read_snapshot(client, "positions")
        assert items
        last = snapshot["seq"]
        heads_seen = 0
        for frame in client.frames():
            if frame["op"] == "event":
                last = frame["seq"]
            elif frame["op"] == "heads":
                head = frame["heads"]["positions"]
                assert head["epoch"] == hub.hub.epoch
                assert head["seq"] == last
                heads_seen += 1
                if heads_seen == 3:
                    break
