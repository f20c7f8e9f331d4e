"""The command path on the wire: each command goes out once when submitted; the
unanswered ones go out once more after each reconnect — counted at a relay in front of a
real hub."""

from __future__ import annotations

import asyncio
import json
import threading
from collections import Counter
from pathlib import Path

import pytest
from websockets.asyncio.client import connect
from websockets.asyncio.server import ServerConnection, serve
from websockets.exceptions import ConnectionClosed

from services.cache import Cache
from services.client.feed import FeedClient
from tests.services.client.helpers import HubProcess, Mirror, client_config, free_port


class CountingRelay:
    """A websocket relay on loopback: forwards every frame both ways between the console
    and the hub, counts the command frames by id, can hold back acks and can drop every
    link (the console then reconnects)."""

    def __init__(self, hub_port: int) -> None:
        self.hub_port = hub_port
        self.port = free_port()
        self.commands: Counter[str] = Counter()
        self.acks_forwarded: Counter[str] = Counter()
        self._holding: set[ServerConnection] = set()  # links whose acks are held back
        self._lock = threading.Lock()
        self._links: set[ServerConnection] = set()
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._main, name="test-relay", daemon=True)

    def __enter__(self) -> CountingRelay:
        self._thread.start()
        assert self._ready.wait(10)
        return self

    def __exit__(self, *_exc: object) -> None:
        self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(10)

    def counts(self) -> tuple[Counter[str], Counter[str]]:
        with self._lock:
            return Counter(self.commands), Counter(self.acks_forwarded)

    def hold_acks(self) -> None:
        """Hold back the acks on the links open now (links opened later pass them)."""
        with self._lock:
            self._holding = set(self._links)

    def drop_links(self) -> None:
        async def close_all() -> None:
            for link in list(self._links):
                await link.close(1001, "relay restart")

        asyncio.run_coroutine_threadsafe(close_all(), self._loop).result(10)

    def _main(self) -> None:
        asyncio.set_event_loop(self._loop)
        try:
            self._loop.run_until_complete(self._serve())
        finally:
            self._loop.close()

    async def _serve(self) -> None:
        self._stop = asyncio.Event()
        async with serve(self._relay, "127.0.0.1", self.port, compression=None):
            self._ready.set()
            await self._stop.wait()

    async def _relay(self, client: ServerConnection) -> None:
        assert client.request is not None
        url = f"ws://127.0.0.1:{self.hub_port}{client.request.path}"
        with self._lock:
            self._links.add(client)
        try:
            async with connect(url, compression=None, max_size=None) as hub:
                await asyncio.gather(self._upstream(client, hub), self._downstream(client, hub))
        except ConnectionClosed:
            pass
        finally:
            with self._lock:
                self._links.discard(client)

    async def _upstream(self, client, hub) -> None:
        try:
            async for frame in client:
                message = json.loads(frame)
                if message.get("op") == "command":
                    with self._lock:
                        self.commands[message["id"]] += 1
                await hub.send(frame)
        finally:
            await hub.close()

    async def _downstream(self, client, hub) -> None:
        try:
            async for frame in hub:
                if isinstance(frame, str) and '"op":"ack"' in frame:
                    with self._lock:
                        if client in self._holding:
                            continue
                        self.acks_forwarded[json.loads(frame)["id"]] += 1
                await client.send(frame)
        finally:
            await client.close()


def create(index: int) -> dict:
    return {
        "category": "theft",
        "priority": 3,
        "summary": f"relay test {index}",
        "location": {"lat": 31.30, "lon": 120.60},
    }


@pytest.fixture
def wired(tmp_path: Path):
    hub = HubProcess(tmp_path / "hub", free_port()).start("--frozen")
    relay = CountingRelay(hub.port).__enter__()
    mirror = Mirror()
    feed = FeedClient(client_config(relay.port), Cache(tmp_path / "console.db"), mirror, seed=1)
    feed.start()
    mirror.wait(lambda m: m.statuses.get("cad") == "live")
    yield feed, relay, mirror
    feed.stop()
    relay.__exit__()
    hub.stop()


def test_ten_quick_commands_are_ten_frames_and_ten_acks(wired) -> None:
    feed, relay, mirror = wired
    ids = [feed.submit_command("cad", "incident.create", create(i)) for i in range(10)]
    mirror.wait(lambda m: all(i in m.acks for i in ids))
    commands, acks = relay.counts()
    assert commands == Counter(dict.fromkeys(ids, 1)), "each command went out exactly once"
    assert acks == Counter(dict.fromkeys(ids, 1)), "and came back answered once"
    assert all(mirror.acks[i][0].ok for i in ids)


def test_after_a_reconnect_the_unanswered_commands_are_resent_exactly_once(wired) -> None:
    feed, relay, mirror = wired
    answered = [feed.submit_command("cad", "incident.create", create(i)) for i in range(3)]
    mirror.wait(lambda m: all(i in m.acks for i in answered))
    relay.hold_acks()
    pending = [feed.submit_command("cad", "incident.create", create(10 + i)) for i in range(4)]
    mirror.wait(lambda _m: all(relay.counts()[0][i] == 1 for i in pending))
    relay.drop_links()
    mirror.wait(lambda m: all(i in m.acks for i in pending))
    commands, _ = relay.counts()
    assert {i: commands[i] for i in answered} == dict.fromkeys(answered, 1), "not resent"
    assert {i: commands[i] for i in pending} == dict.fromkeys(pending, 2), "resent once"
    assert all(len(mirror.acks[i]) == 1 and mirror.acks[i][0].ok for i in pending)
