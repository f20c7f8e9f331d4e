"""A rogue server sends deeply nested frames: the client journals them as rejected, skips
them, and keeps its link live and applying events (it never hangs in "resyncing")."""

from __future__ import annotations

import json
import threading
from pathlib import Path

from websockets.sync.server import ServerConnection, serve

from services.cache import Cache
from services.client.config import ClientConfig, Endpoint
from services.client.feed import FeedClient
from services.protocol.limits import MAX_DEPTH
from tests.services.client.helpers import Mirror
from tests.services.client.test_feed_malformed import TS, event, position

WELCOME = json.dumps(
    {
        "op": "welcome",
        "v": 1,
        "service": "avl",
        "topics": ["positions"],
        "role": "commander",
        "server_time": TS,
    }
)


def deep(levels: int) -> str:
    return "[" * levels + "]" * levels


class DeepAvl:
    """Its first connection answers hello with a deep frame; later ones speak the protocol
    with deep frames in between the good ones."""

    def __init__(self) -> None:
        self.connections = 0
        self.server = serve(self.handle, "127.0.0.1", 0)
        self.port = self.server.socket.getsockname()[1]
        self.thread = threading.Thread(target=self.server.serve_forever, name="deep-avl")
        self.thread.start()
        self.done = threading.Event()

    def handle(self, ws: ServerConnection) -> None:
        self.connections += 1
        ws.recv()  # hello
        if self.connections == 1:
            ws.send('{"op":"welcome","v":1,"x":' + deep(5000) + "}")
            self.done.wait(30)
            return
        ws.send(WELCOME)
        ws.send(deep(100_000))  # before any subscription: nothing to apply yet
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
        # seq 2 nested far too deep (in the entity, and in an unknown field), then sent right
        too_deep = position("U-1", 31.9) | {"extra": json.loads(deep(MAX_DEPTH))}
        ws.send(event(2, too_deep))
        ws.send(event(2, position("U-1", 31.5)).replace('"op"', '"x":' + deep(2000) + ',"op"'))
        ws.send('{"op":"heads","heads":{"positions":{"epoch":"e-rogue","seq":' + deep(900) + "}}}")
        ws.send(event(2, position("U-1", 31.5)))
        ws.send(event(3, position("U-3", 31.7)))
        self.done.wait(30)

    def close(self) -> None:
        self.done.set()
        self.server.shutdown()
        self.thread.join(30)


def test_deep_frames_are_journalled_as_rejected_and_the_link_stays_live(tmp_path: Path) -> None:
    rogue = DeepAvl()
    config = ClientConfig(
        endpoints={"avl": Endpoint("avl", f"ws://127.0.0.1:{rogue.port}/avl", "token-123")},
        topics={"avl": ("positions",)},
        backoff_base_s=0.05,
        backoff_cap_s=0.2,
    )
    mirror = Mirror()
    feed = FeedClient(config, Cache(tmp_path / "c.db"), mirror, seed=1)
    feed.start()
    try:
        mirror.wait(lambda m: "U-3" in m.state.get("positions", {}))
        mirror.wait(lambda m: m.statuses.get("avl") == "live")
        positions = {k: json.loads(v) for k, v in mirror.state["positions"].items()}
        assert positions["U-1"]["lat"] == 31.5  # the good seq 2, after the deep ones
        assert mirror.cursors["positions"] == ("e-rogue", 3)
        assert mirror.rejected >= 4
        assert rogue.connections == 2, "a deep welcome costs one reconnect; deep frames none"
    finally:
        feed.stop()
        rogue.close()
    cache = Cache(tmp_path / "c.db")
    rejected = [raw for _, _, kind, _, raw in cache.journal_frames() if kind == "rejected"]
    cache.close()
    assert len(rejected) >= 4
    assert any(raw.startswith(b"[" * 1000) for raw in rejected)
