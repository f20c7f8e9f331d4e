"""A small synchronous protocol client for tests, on websockets' sync client."""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import Iterator
from typing import Any

from websockets.sync.client import ClientConnection, connect

COMMANDER = "commander-token-000000001"
DISPATCHER = "dispatcher-token-00000001"
VIEWER = "viewer-token-000000000001"
WALL = "wall-token-00000000000001"
TOKENS = {COMMANDER: "commander", DISPATCHER: "dispatcher", VIEWER: "viewer", WALL: "wall"}


class ProtocolClient:
    """Connects, says hello, and reads frames as dicts (batches flattened on request)."""

    def __init__(self, url: str, token: str = COMMANDER, *, hello: bool = True) -> None:
        self._stack = contextlib.ExitStack()
        self.ws: ClientConnection = self._stack.enter_context(
            connect(url, open_timeout=10, max_size=None)
        )
        self.welcome: dict[str, Any] | None = None
        if hello:
            self.send({"op": "hello", "v": 1, "token": token, "client": "tests"})
            self.welcome = self.recv()
            assert self.welcome["op"] == "welcome", self.welcome

    def send(self, message: dict[str, Any] | str | bytes) -> None:
        self.ws.send(message if isinstance(message, str | bytes) else json.dumps(message))

    def recv_raw(self, timeout: float = 15.0) -> str | bytes:
        return self.ws.recv(timeout=timeout)

    def recv(self, timeout: float = 15.0) -> dict[str, Any]:
        frame = self.recv_raw(timeout)
        assert isinstance(frame, str), "expected a text frame"
        return json.loads(frame)

    def frames(self, timeout: float = 15.0) -> Iterator[dict[str, Any]]:
        """Frames with batches flattened into their events, until ``timeout`` of silence."""
        while True:
            frame = self.recv(timeout)
            if frame["op"] == "batch":
                yield from frame["events"]
            else:
                yield frame

    def wait_for(self, predicate: Any, timeout: float = 30.0) -> tuple[dict, list[dict]]:
        """Read (flattened) frames until ``predicate(frame)``; returns it and all read."""
        deadline = time.monotonic() + timeout
        seen: list[dict[str, Any]] = []
        for frame in self.frames(timeout=max(0.1, deadline - time.monotonic())):
            seen.append(frame)
            if predicate(frame):
                return frame, seen
            if time.monotonic() > deadline:
                break
        raise AssertionError(f"condition not met within {timeout} s; read {len(seen)} frames")

    def close(self) -> None:
        self._stack.close()

    def __enter__(self) -> ProtocolClient:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
