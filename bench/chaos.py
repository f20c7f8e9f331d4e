"""Chaos: SIGKILL the backend mid-stream 50 times; the console core must lose nothing.

The backend runs the load profile in its own process on a fixed port. The console core
(feed client + SQLite cache + situation store) stays up throughout. Each cycle waits
until the core has applied a random number of further events (1,000–6,000), then kills
the backend with SIGKILL and restarts it on the same data directory. At the end the
backend is restarted frozen and the core's store is compared, entity by entity, with
fresh snapshots from the server; the cache journal is checked for seq continuity.

    python bench/chaos.py [--cycles N]
Last line: chaos_lost_or_duplicated=<events lost + applied twice + entities differing>
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import signal
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import msgspec
from websockets.asyncio.client import connect

from bench._harness import TOKEN, start_backend
from console.state import SituationStore
from services.cache import Cache
from services.cache.store import continuity
from services.client.batch import IngestBatch
from services.client.config import ClientConfig, Endpoint
from services.client.feed import FeedClient
from services.protocol.codec import decode_entity
from services.protocol.entities import SERVICE_TOPICS, TOPIC_ENTITY, TOPIC_KEY

HELLO = json.dumps({"op": "hello", "v": 1, "token": TOKEN, "client": "bench-chaos"})


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def server_state(port: int) -> tuple[dict, dict]:
    heads: dict[str, tuple[str, int]] = {}
    state: dict[str, dict[str, object]] = {}
    for service, topics in SERVICE_TOPICS.items():
        url = f"ws://127.0.0.1:{port}/{service}"
        async with connect(url, compression=None, max_size=None) as ws:
            await ws.send(HELLO)
            await ws.recv()
            await ws.send(json.dumps({"op": "subscribe", "topics": dict.fromkeys(topics)}))
            while len([t for t in topics if t in heads]) < len(topics):
                frame = json.loads(await ws.recv())
                if frame["op"] != "snapshot":
                    continue
                bucket = state.setdefault(frame["topic"], {})
                for item in frame["items"]:
                    bucket[str(item[TOPIC_KEY[frame["topic"]]])] = item
                if frame["part"] == frame["parts"]:
                    heads[frame["topic"]] = (frame["epoch"], frame["seq"])
    return heads, state


class Core:
    def __init__(self, port: int, work: Path) -> None:
        self.store = SituationStore()
        self.cursors: dict[str, tuple[str, int]] = {}
        self.events = 0
        self.changed = threading.Condition()
        config = ClientConfig(
            endpoints={s: Endpoint(s, f"ws://127.0.0.1:{port}/{s}", TOKEN) for s in SERVICE_TOPICS},
            backoff_base_s=0.1,
            backoff_cap_s=1.0,
        )
        self.feed = FeedClient(config, Cache(work / "console.db"), self.sink, seed=1)

    def sink(self, batch: IngestBatch) -> None:
        with self.changed:
            self.store.apply(batch)
            self.cursors.update(batch.cursors)
            self.events += batch.events
            self.changed.notify_all()

    def wait(self, predicate, timeout: float = 120.0) -> bool:
        with self.changed:
            return self.changed.wait_for(predicate, timeout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cycles", type=int, default=50)
    args = parser.parse_args()
    rng = random.Random(2026)
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="bench-chaos-") as tmp:
        work = Path(tmp)
        backend, _ = start_backend(work / "hub", "--profile", "load", port=port)
        core = Core(port, work)
        core.feed.start()
        started = time.perf_counter()
        for cycle in range(1, args.cycles + 1):
            target = core.events + rng.randrange(1000, 6000)
            if not core.wait(lambda target=target: core.events >= target):
                raise RuntimeError(f"cycle {cycle}: the core stopped receiving")
            backend.send_signal(signal.SIGKILL)
            backend.communicate(timeout=30)
            backend, _ = start_backend(work / "hub", "--profile", "load", port=port)
            if cycle % 10 == 0:
                print(f"cycle {cycle}: {core.events:,} events applied", flush=True)
        backend.send_signal(signal.SIGKILL)
        backend.communicate(timeout=30)
        backend, _ = start_backend(work / "hub", "--frozen", port=port)
        heads, state = asyncio.run(server_state(port))
        if not core.wait(lambda: all(core.cursors.get(t) == h for t, h in heads.items())):
            raise RuntimeError("the core never caught up with the restarted backend")
        elapsed = time.perf_counter() - started
        differing = 0
        with core.changed:
            for topic in TOPIC_ENTITY:
                ours = getattr(core.store, topic)
                theirs = {
                    k: decode_entity(topic, msgspec.json.encode(v))
                    for k, v in state.get(topic, {}).items()
                }
                differing += len(set(ours) ^ set(theirs))
                differing += sum(1 for k in set(ours) & set(theirs) if ours[k] != theirs[k])
        core.feed.stop()
        backend.terminate()
        backend.communicate(timeout=60)
        cache = Cache(work / "console.db")
        lost = duplicated = 0
        for topic in TOPIC_ENTITY:
            topic_lost, topic_dup = continuity(cache.journal_ranges(topic))
            lost += topic_lost
            duplicated += topic_dup
        cache.close()
    print(
        f"{args.cycles} SIGKILL/restart cycles in {elapsed:.0f} s; {core.events:,} events applied"
    )
    print(
        f"journal: {lost} events lost, {duplicated} applied twice; "
        f"store vs server: {differing} entities differ"
    )
    print(f"chaos_lost_or_duplicated={lost + duplicated + differing}")


if __name__ == "__main__":
    main()
