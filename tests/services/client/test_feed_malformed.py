"""A server that sends garbage: the client logs and skips it, and keeps its link and state."""

from __future__ import annotations

import json
import threading
from pathlib import Path

from websockets.sync.server import ServerConnection, serve

from services.cache import Cache
from services.client.config import ClientConfig, Endpoint
from services.client.feed import FeedClient
from tests.services.client.helpers import Mirror

TS = "2026-11-28T20:30:00.123Z"


def position(unit: str, lat: float) -> dict:
    return {"unit": unit, "lat": lat, "lon": 120.6, "heading": 0, "speed": 0, "fix_at": TS}


def event(seq: int, data: dict) -> str:
    return json.dumps(
        {
            "op": "event",
            "topic": "positions",
            "epoch": "e-rogue",
            "seq": seq,
            "ts": TS,
            "type": "position.updated",
            "data": data,
        }
    )


class RogueAvl:
    """Speaks just enough of the protocol, with garbage in between (one unit under test)."""

    def __init__(self) -> None:
        self.connections = 0
        self.server = serve(self.handle, "127.0.0.1", 0)
        self.port = self.server.socket.getsockname()[1]
        self.thread = threading.Thread(target=self.server.serve_forever, name="rogue-avl")
        self.thread.start()
        self.done = threading.Event()

    def handle(self, ws: ServerConnection) -> None:
        self.connections += 1
        ws.recv()  # hello
        ws.send(
            json.dumps(
                {
                    "op": "welcome",
                    "v": 1,
                    "service": "avl",
                    "topics": ["positions"],
                    "role": "commander",
                    "server_time": TS,
                }
            )
        )
        ws.recv()  # subscribe
        ws.send(
            json.dumps(
                {
                    "op": "snapshot",
                    "topic": "positions",
                    "epoch": "e-rogue",
                    "seq": 1,
                    "items": [position("U-1", 31.0), position("U-2", 31.1)],
                }
            )
        )
        ws.send("{oops")
        ws.send(event(2, position("U-1", 31.5)))
        ws.send(event(3, position("U-2", 999.0)))  # an invalid entity
        ws.send(json.dumps({"op": "teleport"}))
        ws.send(b"\x00\xff binary junk")
        ws.send(event(4, position("U-3", 31.7)))
        ws.send('{"op": "event", "topic": "positions", "seq": "five"}')
        self.done.wait(30)

    def close(self) -> None:
        self.done.set()
        self.server.shutdown()
        self.thread.join(30)


def test_malformed_frames_are_skipped_and_the_link_and_store_survive(tmp_path: Path) -> None:
    rogue = RogueAvl()
    config = ClientConfig(
        endpoints={"avl": Endpoint("avl", f"ws://127.0.0.1:{rogue.port}/avl", "token-123")},
        topics={"avl": ("positions",)},
    )
    mirror = Mirror()
    feed = FeedClient(config, Cache(tmp_path / "c.db"), mirror, seed=1)
    feed.start()
    try:
        mirror.wait(lambda m: "U-3" in m.state.get("positions", {}))
        mirror.wait(lambda m: m.rejected >= 4)
        positions = {k: json.loads(v) for k, v in mirror.state["positions"].items()}
        assert positions["U-1"]["lat"] == 31.5  # seq 2 applied
        assert positions["U-2"]["lat"] == 31.1  # the invalid seq 3 skipped, old value kept
        assert mirror.cursors["positions"] == ("e-rogue", 4)  # ... but its seq counted
        assert mirror.statuses["avl"] == "live"
        assert rogue.connections == 1, "garbage never costs the connection"
    finally:
        feed.stop()
        rogue.close()
    cache = Cache(tmp_path / "c.db")
    assert cache.entity_count("positions") == 3
    kinds = [kind for _, _, kind, _, _ in cache.journal_frames()]
    assert kinds.count("rejected") >= 3
    cache.close()
