"""Ingest: the console core's events/s vs a bare websockets receive loop, same run.

The backend runs the load profile (about 2,400 events/s) in its own process.

1. Live (the last line): for the same window of live load-profile traffic, a bare
   websockets client that only receives frames (counting events by a byte search) and
   the console core — feed client receiving, decoding and validating every frame,
   journalling it and writing state to a fresh SQLite cache in one transaction per
   coalesced batch, then applying it to the situation store — each subscribed to every
   topic of /cad and /avl. Reported: events/s each, and how far the core lags behind
   the head when the window closes.
2. Catch-up capacity (printed, not the last line): both resume ``positions`` from seq 0
   over the tens of thousands of events the log holds and read to the same seq. The bare
   loop does almost nothing per event, so this ratio measures how much work the core
   does per event, not whether it keeps up.

    python bench/ingest.py [--window SECONDS] [--accumulate SECONDS]
Last line: ingest_ratio=<console-core events/s / bare events/s, live load profile> (>= 0.8)
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from websockets.asyncio.client import connect

from bench._harness import TOKEN, count_events, head_of, start_backend
from console.state import SituationStore
from services.cache import Cache
from services.client.batch import IngestBatch
from services.client.config import ClientConfig, Endpoint
from services.client.feed import FeedClient

HELLO = json.dumps({"op": "hello", "v": 1, "token": TOKEN, "client": "bench"})


async def bare(port: int, epoch: str, target: int) -> float:
    async with connect(f"ws://127.0.0.1:{port}/avl", compression=None, max_size=None) as ws:
        await ws.send(HELLO)
        await ws.recv()
        started = time.perf_counter()
        await ws.send(
            json.dumps({"op": "subscribe", "topics": {"positions": {"epoch": epoch, "after": 0}}})
        )
        events = 0
        async for frame in ws:
            count, seq = count_events(frame)
            events += count
            if seq >= target:
                return events / (time.perf_counter() - started)
    raise RuntimeError("stream ended")


def console_core(port: int, epoch: str, target: int, work: Path) -> tuple[float, int]:
    cache = Cache(work / "console.db")
    seed = IngestBatch()
    seed.cursors["positions"] = (epoch, 0)  # as if this console had seen nothing yet
    cache.commit(seed)
    store = SituationStore()
    done = threading.Event()
    applied = [0]

    def sink(batch: IngestBatch) -> None:
        store.apply(batch)
        applied[0] += batch.events
        cursor = batch.cursors.get("positions")
        if cursor is not None and cursor[1] >= target:
            done.set()

    config = ClientConfig(
        endpoints={"avl": Endpoint("avl", f"ws://127.0.0.1:{port}/avl", TOKEN)},
        topics={"avl": ("positions",)},
    )
    feed = FeedClient(config, cache, sink)
    started = time.perf_counter()
    feed.start()
    if not done.wait(300):
        raise RuntimeError("the console core did not catch up")
    elapsed = time.perf_counter() - started
    feed.stop()
    return applied[0] / elapsed, len(store.positions)


ALL_TOPICS = {"cad": ("incidents", "units"), "avl": ("positions",)}


async def bare_live(port: int, window: float, result: dict) -> None:
    """Count live events on /cad and /avl for ``window`` seconds after the snapshots."""

    async def one(service: str, topics: tuple[str, ...]) -> int:
        url = f"ws://127.0.0.1:{port}/{service}"
        async with connect(url, compression=None, max_size=None) as ws:
            await ws.send(HELLO)
            await ws.recv()
            await ws.send(json.dumps({"op": "subscribe", "topics": dict.fromkeys(topics)}))
            events = 0
            deadline = None
            async for frame in ws:
                count, _ = count_events(frame)
                if count and deadline is None:
                    deadline = time.perf_counter() + window
                if deadline is not None:
                    if time.perf_counter() >= deadline:
                        return events
                    events += count
        return events

    counts = await asyncio.gather(*(one(s, t) for s, t in ALL_TOPICS.items()))
    result["bare"] = sum(counts) / window


def live(port: int, window: float, work: Path) -> tuple[float, float, float]:
    """(bare events/s, core events/s, core lag in events at the end) over one window."""
    result: dict[str, float] = {}
    bare_thread = threading.Thread(
        target=lambda: asyncio.run(bare_live(port, window, result)), name="bench-bare"
    )
    store = SituationStore()
    counted = {"events": 0, "open": False}
    cursors: dict[str, tuple[str, int]] = {}

    def sink(batch: IngestBatch) -> None:
        store.apply(batch)
        cursors.update(batch.cursors)
        if counted["open"]:
            counted["events"] += batch.events

    config = ClientConfig(
        endpoints={s: Endpoint(s, f"ws://127.0.0.1:{port}/{s}", TOKEN) for s in ALL_TOPICS},
        topics=ALL_TOPICS,
    )
    feed = FeedClient(config, Cache(work / "live.db"), sink)
    feed.start()
    while len(cursors) < 3:  # snapshots of all three topics are in
        time.sleep(0.05)
    bare_thread.start()
    counted["open"] = True
    time.sleep(window)
    counted["open"] = False
    heads = asyncio.run(heads_of(port))
    lag = sum(max(0, heads[t][1] - cursors[t][1]) for t in heads)
    bare_thread.join(60)
    feed.stop()
    return result["bare"], counted["events"] / window, lag


async def heads_of(port: int) -> dict[str, tuple[str, int]]:
    heads = {}
    for service, topics in ALL_TOPICS.items():
        url = f"ws://127.0.0.1:{port}/{service}"
        async with connect(url, compression=None, max_size=None) as ws:
            await ws.send(HELLO)
            await ws.recv()
            await ws.send(json.dumps({"op": "subscribe", "topics": dict.fromkeys(topics)}))
            while len([t for t in topics if t in heads]) < len(topics):
                frame = json.loads(await ws.recv())
                if frame["op"] == "snapshot" and frame["part"] == frame["parts"]:
                    heads[frame["topic"]] = (frame["epoch"], frame["seq"])
    return heads


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--window", type=float, default=15.0)
    parser.add_argument("--accumulate", type=float, default=20.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as tmp:
        work = Path(tmp)
        backend, port = start_backend(work / "hub", "--profile", "load")
        try:
            live_bare, live_core, lag = live(port, args.window, work)
            time.sleep(max(0.0, args.accumulate - args.window))
            epoch, target = asyncio.run(head_of(port))
            raw = asyncio.run(bare(port, epoch, target))
            core, units = console_core(port, epoch, target, work)
            raw_again = asyncio.run(bare(port, epoch, target))
        finally:
            backend.terminate()
            backend.wait(60)
    baseline = (raw + raw_again) / 2
    print(f"live load profile, {args.window:.0f} s window, /cad + /avl:")
    print(f"  bare receive loop: {live_bare:,.0f} events/s")
    print(
        f"  console core:      {live_core:,.0f} events/s; behind the head at the end: {lag} events"
    )
    print(f"catch-up over {target:,} logged position events ({units:,} units):")
    print(f"  bare receive loop (no parsing): {raw:,.0f} and {raw_again:,.0f} events/s")
    print(
        f"  console core (receive+decode+cache+store): {core:,.0f} events/s "
        f"= {core / baseline:.2f} of bare"
    )
    print(f"ingest_ratio={live_core / live_bare:.2f}")


if __name__ == "__main__":
    main()
