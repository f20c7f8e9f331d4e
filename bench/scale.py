"""Scale: the backbone (NATS JetStream, core + edges) feeding 200 lightweight subscribers.

One nats-server (JetStream, temporary storage), the core running the load profile
(~2,400 position events/s) and one or two edges, each in its own process, all on
127.0.0.1. 200 subscribers (tests/services/backbone/subscribers.py: hello, subscribe,
audit every seq, fail over to the next URL) take /avl positions; they share one process
of their own. Measured:

* events/s delivered to all 200 subscribers together through 1 edge, then through 2
  edges (100 each), over a steady window, against what the core published meanwhile;
* end-to-end latency, published → at the subscriber: a plain NATS subscription in the
  bench process notes when each position event is published to its stream, and 20 of
  the subscribers note when each reaches them (p50, p99);
* failover: an edge carrying 100 subscribers is SIGKILLed (3 times, restarted between);
  for each of its subscribers, the time from the kill to the first event on the other
  edge (p50, p99, max). Every subscriber must end with no gap and no duplicate.

    python bench/scale.py [--window S] [--kills N]
Last line: failover_p99_s=<value>   (target < 3)
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import nats

from services.backend.backbone.streams import topic_subject
from tests.services.backbone.natsd import NatsServer
from tests.services.backbone.nodes import NodeProcess
from tests.services.backbone.subscribers import Subscriber, run_subscribers
from tests.services.backend.wsclient import COMMANDER

SUBSCRIBERS = 200
TIMED = 20  # subscribers whose every event is timed


class PublishClock:
    """When each positions event was published (a plain NATS subscription, own thread)."""

    def __init__(self, url: str) -> None:
        self.at: dict[int, float] = {}
        self._stop: asyncio.Event | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread = threading.Thread(target=lambda: asyncio.run(self._run(url)), daemon=True)
        self._ready = threading.Event()
        self._thread.start()
        self._ready.wait(10)

    async def _run(self, url: str) -> None:
        client = await nats.connect(url)

        async def on_message(message) -> None:
            seq = int(message.data[message.data.find(b'"seq":') + 6 :].split(b",", 1)[0])
            self.at[seq] = time.monotonic()

        await client.subscribe(topic_subject("positions"), cb=on_message)
        self._stop = asyncio.Event()
        self._loop = asyncio.get_running_loop()
        self._ready.set()
        await self._stop.wait()
        await client.close()

    def published(self) -> int:
        return max(self.at, default=0)

    def close(self) -> None:
        if self._stop is not None and self._loop is not None:
            self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(10)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def wait_until(predicate, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise SystemExit(f"scale: not within {timeout} s: {what}")
        time.sleep(0.05)


def throughput(edges: list[NodeProcess], clock: PublishClock, window: float) -> None:
    frames: list[tuple[int, int, float]] = []  # (first seq, last seq, arrival) of timed ones
    subscribers = []
    for i in range(SUBSCRIBERS):
        urls = [e.url("avl") for e in edges]
        subscriber = Subscriber(
            f"s{i}", urls, "avl", ("positions",), COMMANDER, i % len(edges), light=True
        )
        if i < TIMED:
            subscriber.on_frame = lambda topic, first, last, at: frames.append((first, last, at))
        subscribers.append(subscriber)
    _, join = run_subscribers(subscribers)
    try:
        wait_until(lambda: all(s.events for s in subscribers), 60, "all subscribers live")
        time.sleep(2.0)  # past the snapshots
        events, started, first = (
            sum(s.events for s in subscribers),
            time.monotonic(),
            clock.published(),
        )
        frames.clear()
        time.sleep(window)
        delivered = sum(s.events for s in subscribers) - events
        elapsed = time.monotonic() - started
        published = clock.published() - first
    finally:
        join()
    latencies = [
        at - clock.at[seq]
        for first_seq, last_seq, at in list(frames)
        for seq in range(first_seq, last_seq + 1)
        if seq in clock.at
    ]
    assert all(not s.gaps and not s.duplicates for s in subscribers), "a gap or a duplicate"
    ideal = published * SUBSCRIBERS
    print(
        f"{len(edges)} edge(s), {SUBSCRIBERS} subscribers: {delivered / elapsed:,.0f} events/s "
        f"delivered ({delivered / ideal:.1%} of {published / elapsed:,.0f} published/s x "
        f"{SUBSCRIBERS}); latency published -> subscriber p50 "
        f"{statistics.median(latencies) * 1000:.0f} ms, "
        f"p99 {percentile(latencies, 0.99) * 1000:.0f} ms ({len(latencies):,} events timed)",
        flush=True,
    )


def failover(edges: list[NodeProcess], kills: int) -> float:
    urls = [e.url("avl") for e in edges]
    subscribers = [
        Subscriber(f"f{i}", urls, "avl", ("positions",), COMMANDER, i % 2, light=True)
        for i in range(SUBSCRIBERS)
    ]
    _, join = run_subscribers(subscribers)
    times: list[float] = []
    try:
        wait_until(lambda: all(s.events for s in subscribers), 60, "all subscribers live")
        for kill in range(kills):
            victim = edges[kill % 2]
            on_victim = [s for s in subscribers if s.url_now.startswith(victim.url(""))]
            seen = {s.name: len(s.outages) for s in on_victim}
            killed_at = victim.kill()
            wait_until(
                lambda on_victim=on_victim, seen=seen: all(
                    len(s.outages) > seen[s.name] and s.outages[-1].resumed_at for s in on_victim
                ),
                60,
                "every subscriber of the killed edge resumed",
            )
            round_times = [s.outages[-1].resumed_at - killed_at for s in on_victim]  # type: ignore[operator]
            times.extend(round_times)
            print(
                f"kill {kill + 1}: {len(on_victim)} subscribers moved; kill -> resumed p50 "
                f"{statistics.median(round_times):.3f} s, max {max(round_times):.3f} s",
                flush=True,
            )
            victim.start()
            time.sleep(1.0)
    finally:
        join()
    assert all(not s.gaps and not s.duplicates and not s.snapshots for s in subscribers)
    p99 = percentile(times, 0.99)
    print(
        f"failover after an edge kill ({len(times)} subscriber moves): p50 "
        f"{statistics.median(times):.3f} s, p99 {p99:.3f} s, max {max(times):.3f} s; "
        "0 gaps, 0 duplicates, 0 snapshots",
        flush=True,
    )
    return p99


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--window", type=float, default=10.0, help="seconds measured")
    parser.add_argument("--kills", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="scale-") as tmp:
        root = Path(tmp)
        server = NatsServer(root / "nats").start()
        core = NodeProcess("core", [server.url], root / "core", "--profile", "load").start()
        edges = [NodeProcess("edge", [server.url], root / f"edge{i}").start() for i in range(2)]
        clock = PublishClock(server.url)
        try:
            throughput(edges[:1], clock, args.window)
            throughput(edges, clock, args.window)
            p99 = failover(edges, args.kills)
        finally:
            clock.close()
            for edge in edges:
                edge.stop()
            core.stop()
            server.stop()
    print(f"failover_p99_s={p99:.3f}")


if __name__ == "__main__":
    main()
