"""bench/history.py: the start-up cost of restoring history from a load-profile hour.

1. Build a console cache holding one hour of the ``load`` profile, simulated at high
   speed (as ``bench/replay.py`` does, framed as the hub frames them): the S-city
   simulator's calls, incidents, units, positions and alerts, every 0.1 simulated second
   one frame per topic (an event frame for one event, else batches of at most 2,000
   events of one topic, as docs/protocol.md has them), fed to the console's ingest core
   with the simulated time as their receive time and committed with the live path
   (``Cache.commit``), so the journal keeps each frame as the live console does. The
   full fleet by default (``--units 6000``; a smaller fleet builds faster and only thins
   the positions). Then ``--commands`` commands of this workstation go through the
   outbox (committed, marked sent, answered with an ack frame in the journal).
2. Measure what the console's start does before the picture is loaded:
   ``console.history.restore_history`` on a freshly opened cache — the journal's incident
   frames of the window read and folded into timelines, the outbox read, both given to
   a new situation store. Each run drops the page cache first when it can (root; it says
   when it could not: then the runs are warm). The window is the console's (24 h), so
   the whole hour is read.

    python bench/history.py [--units 6000] [--runs 5] [--keep FILE]
Last line: history_restore_ms=<median milliseconds>
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import func, select

from bench._harness import drop_page_cache
from bench._recording import city_frames
from console.history import restore_history
from console.state import SituationStore
from services.backend.sim.profiles import PROFILES
from services.backend.sim.simulator import Simulator
from services.cache import Cache
from services.cache.schema import journal
from services.client.batch import AckResult, IngestBatch, JournalEntry
from services.client.config import ClientConfig
from services.client.feed import FeedClient
from services.client.ingest import IngestCore
from services.protocol.codec import encode
from services.protocol.entities import SERVICE_TOPICS

WORKSTATION = "bench-history"
EPOCH = "e-bench"
STEP_S = 0.1
EVENTS_PER_FRAME = 2000


def build(path: Path, units: int, seed: int) -> tuple[int, int, float]:
    """One simulated hour into the cache at ``path``; (frames, events, wall seconds)."""
    profile = dataclasses.replace(PROFILES["load"], units=units)
    sim = Simulator(seed=seed, profile=profile)
    cache = Cache(path)
    cores = {s: IngestCore(s, topics) for s, topics in SERVICE_TOPICS.items()}
    frames = events = 0
    began = time.perf_counter()
    start = sim.now.timestamp()

    def deliver(raw_frames: list[tuple[str, bytes]], now: float) -> None:
        nonlocal frames
        batch = IngestBatch()
        for service, raw in raw_frames:
            cores[service].receive(raw, now, batch)
        frames += len(raw_frames)
        cache.commit(batch)

    last_report = began
    for now, raw, count in city_frames(
        sim, epoch=EPOCH, seconds=3600.0, group="topic", events_per_frame=EVENTS_PER_FRAME,
        step_s=STEP_S, lone_event_frames=True,
    ):  # fmt: skip
        events += count
        deliver(raw, now)
        if time.perf_counter() - last_report > 60:
            last_report = time.perf_counter()
            print(f"  building: {(now - start) / 36:.0f}% ({events} events)", flush=True)
    cache.close()
    return frames, events, time.perf_counter() - began


def add_commands(path: Path, count: int) -> None:
    """``count`` commands of this workstation through the outbox, each sent and answered
    (its ack frame journalled), spread over the recording's last hour."""
    cache = Cache(path)
    with cache.engine.connect() as conn:
        end = float(conn.scalar(select(func.max(journal.c.received))) or time.time())
    for n in range(count):
        at = end - 3600.0 + n * 3600.0 / max(count, 1)
        command_id = f"bench-{n:05d}"
        data = {"incident": f"I-{n}", "units": [f"U-{n}"], "expected_version": 1}
        cache.enqueue_command(command_id, "cad", "incident.dispatch", encode(data),
                              operator="bench", workstation=WORKSTATION, at=at)  # fmt: skip
        cache.mark_sent([command_id], at + 0.05)
        frame = encode({"op": "ack", "id": command_id, "ok": True, "result": {"n": n}})
        ack = AckResult(command_id, True, {"n": n}, None, None, at + 0.2)
        cache.commit(IngestBatch(acks=[ack], journal=[JournalEntry("cad", at + 0.2, frame, "ack")]))
    cache.close()


def one_restore(path: Path) -> tuple[float, int, int, int]:
    """(milliseconds, journal frames read, timelines, commands) of one restore."""
    cache = Cache(path)
    with cache.engine.connect() as conn:
        end = float(conn.scalar(select(func.max(journal.c.received))) or time.time())
    feed = FeedClient(ClientConfig(endpoints={}, topics={}), cache, lambda _batch: None)
    store = SituationStore(clock=lambda: end)
    began = time.perf_counter()
    history = restore_history(store, feed, workstation=WORKSTATION, now=end)
    spent = (time.perf_counter() - began) * 1000.0
    cache.close()
    assert history is not None
    return spent, history.frames_read, len(history.status_changes), len(history.commands)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--units", type=int, default=6000)
    parser.add_argument("--commands", type=int, default=200)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="build here, or reuse it if it exists")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = args.keep or Path(folder) / "console.sqlite3"
        if path.exists():
            print(f"cache: reusing {path}")
        else:
            frames, events, took = build(path, args.units, args.seed)
            print(f"built one load-profile hour ({args.units} units): {frames} frames, "
                  f"{events} events in {took:.0f} s")  # fmt: skip
            add_commands(path, args.commands)
        cache = Cache(path)
        with cache.engine.connect() as conn:
            rows = conn.scalar(select(func.count()).select_from(journal))
            incident_rows = conn.scalar(
                select(func.count()).select_from(journal).where(journal.c.topic == "incidents")
            )
        cache.close()
        print(f"journal: {rows} rows, {incident_rows} of the incidents topic; "
              f"file {path.stat().st_size / 1e6:.0f} MB")  # fmt: skip
        times = []
        for run in range(args.runs):
            why_warm = drop_page_cache()
            ms, read, timelines, commands = one_restore(path)
            times.append(ms)
            state = "cold" if why_warm is None else f"warm ({why_warm})"
            print(f"run {run + 1} ({state}): {ms:.0f} ms — {read} frames read, "
                  f"{timelines} timelines, {commands} commands")  # fmt: skip
        print(
            f"median {statistics.median(times):.0f} ms, max {max(times):.0f} ms "
            "(machine shared with other work: figures are noisy)"
        )
        print(f"history_restore_ms={statistics.median(times):.0f}")


if __name__ == "__main__":
    main()
