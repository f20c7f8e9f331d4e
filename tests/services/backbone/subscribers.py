"""Lightweight protocol-v1 subscribers that fail over between edges and audit every seq.

Each :class:`Subscriber` keeps one websocket to one service, says hello, subscribes its
topics (with ``null`` the first time, then from its (epoch, seq)), and checks every event
it receives: exactly last + 1 in the same epoch, never a second snapshot. When the link
is lost it moves to the next URL at once (as the console does) and resumes there. It
records what it saw — duplicates, gaps, snapshots, and for each loss the moment the link
dropped and the moment the first event arrived on the next one — and, optionally, the
arrival time of every seq (latency). Used by the failover tests and bench/scale.py.

Thread: all subscribers run on one asyncio loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import msgspec
from msgspec import Struct
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake


class _Event(Struct):
    topic: str
    epoch: str
    seq: int


class _Frame(Struct):
    op: str
    topic: str | None = None
    epoch: str | None = None
    seq: int | None = None
    events: list[_Event] | None = None
    part: int = 1
    parts: int = 1


_decoder = msgspec.json.Decoder(_Frame)


@dataclass
class Outage:
    lost_at: float  # time.monotonic() when the link dropped
    resumed_at: float | None = None  # ... and when the next link delivered an event
    snapshot: bool = False  # the new link sent a snapshot instead of resuming


@dataclass
class Subscriber:
    name: str
    urls: list[str]
    service: str
    topics: tuple[str, ...]
    token: str
    first_url: int = 0
    #: called with (topic, seq, monotonic arrival time) for every event, if set
    on_event: Callable[[str, int, float], None] | None = None
    #: (benchmarks) read event frames without decoding them: each frame's first and last
    #: seq and its count of events must continue the topic exactly; called with
    #: (topic, first seq, last seq, arrival time) per frame if set
    light: bool = False
    on_frame: Callable[[str, int, int, float], None] | None = None
    cursors: dict[str, tuple[str, int]] = field(default_factory=dict)
    events: int = 0
    duplicates: int = 0
    gaps: list[tuple[str, int, int]] = field(default_factory=list)  # (topic, last, got)
    snapshots: int = 0
    outages: list[Outage] = field(default_factory=list)
    connections: int = 0
    url_now: str = ""

    async def run(self, stop: asyncio.Event) -> None:
        index = self.first_url
        while not stop.is_set():
            self.url_now = self.urls[index]
            with contextlib.suppress(ConnectionClosed, OSError, InvalidHandshake, TimeoutError):
                await self._session(self.url_now, stop)
            if stop.is_set():
                return
            if not self.outages or self.outages[-1].resumed_at is not None:
                self.outages.append(Outage(time.monotonic()))
            index = (index + 1) % len(self.urls)
            if self.connections and index == self.first_url:
                await asyncio.sleep(0.1)  # every URL failed in a row: a short pause

    async def _session(self, url: str, stop: asyncio.Event) -> None:
        async with connect(url, max_size=None, open_timeout=5, compression=None) as ws:
            hello = {"op": "hello", "v": 1, "token": self.token, "client": self.name}
            await ws.send(json.dumps(hello))
            welcome = json.loads(await ws.recv())
            if welcome.get("op") != "welcome":
                raise ConnectionError(f"{self.name}: {welcome}")
            self.connections += 1
            resume = {
                t: ({"epoch": c[0], "after": c[1]} if (c := self.cursors.get(t)) else None)
                for t in self.topics
            }
            await ws.send(json.dumps({"op": "subscribe", "topics": resume}))
            stopping = asyncio.ensure_future(stop.wait())
            try:
                while True:
                    receiving = asyncio.ensure_future(ws.recv(decode=False))
                    await asyncio.wait([receiving, stopping], return_when=asyncio.FIRST_COMPLETED)
                    if stopping.done():
                        receiving.cancel()
                        return
                    self._on_frame(receiving.result())
            finally:
                stopping.cancel()

    def _on_frame(self, raw: bytes) -> None:
        now = time.monotonic()
        if self.light and (raw.startswith((b'{"op":"batch"', b'{"op":"event"'))):
            self._on_events_light(raw, now)
            return
        frame = _decoder.decode(raw)
        if frame.op == "snapshot":
            assert frame.topic is not None
            assert frame.epoch is not None
            assert frame.seq is not None
            if frame.part == frame.parts:
                if frame.topic in self.cursors:  # a resume must not be a snapshot
                    self.snapshots += 1
                    if self.outages:
                        self.outages[-1].snapshot = True
                self.cursors[frame.topic] = (frame.epoch, frame.seq)
            return
        if frame.op == "event":
            assert frame.topic is not None
            assert frame.epoch is not None
            assert frame.seq is not None
            self._on_event(frame.topic, frame.epoch, frame.seq, now)
        elif frame.op == "batch":
            for event in frame.events or ():
                self._on_event(event.topic, event.epoch, event.seq, now)

    def _on_events_light(self, raw: bytes, now: float) -> None:
        """One topic per frame (as the reference backend sends them): contiguous seqs."""
        count = raw.count(b'"op":"event"')
        first, last = _seq_at(raw, raw.find(b'"seq":')), _seq_at(raw, raw.rfind(b'"seq":'))
        topic_at = raw.find(b'"topic":"') + 9
        topic = raw[topic_at : raw.find(b'"', topic_at)].decode()
        epoch_at = raw.find(b'"epoch":"') + 9
        epoch = raw[epoch_at : raw.find(b'"', epoch_at)].decode()
        if last - first + 1 != count:
            self.gaps.append((topic, first, last))
        self._on_event(topic, epoch, first, now)
        if last > first:
            self.events += last - first
            self.cursors[topic] = (epoch, last)
        if self.on_frame is not None:
            self.on_frame(topic, first, last, now)

    def _on_event(self, topic: str, epoch: str, seq: int, now: float) -> None:
        last_epoch, last = self.cursors.get(topic, (epoch, 0))
        if epoch != last_epoch or seq > last + 1:
            self.gaps.append((topic, last, seq))
        elif seq <= last:
            self.duplicates += 1
            return
        self.cursors[topic] = (epoch, seq)
        self.events += 1
        if self.outages and self.outages[-1].resumed_at is None:
            self.outages[-1].resumed_at = now
        if self.on_event is not None:
            self.on_event(topic, seq, now)


def _seq_at(raw: bytes, at: int) -> int:
    end = at = at + 6
    while raw[end : end + 1].isdigit():
        end += 1
    return int(raw[at:end])


def run_subscribers(subscribers: list[Subscriber]) -> tuple[asyncio.Event, Callable[[], None]]:
    """Run them on a new loop thread; returns (stop event, join) — call the loop-safe
    ``join()`` to stop them and wait."""
    import threading  # noqa: PLC0415

    ready = threading.Event()
    holder: dict[str, object] = {}

    async def main() -> None:
        stop = asyncio.Event()
        holder["stop"], holder["loop"] = stop, asyncio.get_running_loop()
        ready.set()
        await asyncio.gather(*(s.run(stop) for s in subscribers))

    thread = threading.Thread(target=lambda: asyncio.run(main()), name="subscribers", daemon=True)
    thread.start()
    ready.wait(10)
    stop = holder["stop"]
    loop = holder["loop"]
    assert isinstance(stop, asyncio.Event)
    assert isinstance(loop, asyncio.AbstractEventLoop)

    def join() -> None:
        loop.call_soon_threadsafe(stop.set)
        thread.join(30)

    return stop, join
