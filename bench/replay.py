"""bench/replay.py: seeking in, and playing, a 12-hour recording of the load profile.

1. Build the recording, simulated at high speed: the S-city simulator (the ``load``
   profile's calls, incidents and alerts; its fleet is 600 units by default, a tenth of
   the profile's 6000 — the full fleet makes some 100 million events in 12 hours, more
   than a bench run can build on a small machine; ``--units 6000`` builds it) runs in
   this process for ``--hours`` of simulated time. Its events are framed as the hub
   frames them (one event frame per event, in batch frames per service and simulated
   second, seq per topic), fed to the console's own ingest core with the simulated
   time as their receive time, and committed to a real console cache with the live
   path (``Cache.commit``); checkpoints are written by the live
   :class:`CheckpointRecorder` against recorded time (every 5 minutes or 50 000 events).
2. Seek: on one replayer, stand at 20 random moments in random order (as an operator
   dragging the timeline would) — rebuild the picture from the nearest checkpoint and
   apply it to a real situation store. Seconds per seek: median and max.
3. 60x: play from a random moment for ``--play`` seconds of wall time, every 50 ms
   taking the frames up to ``start + 60 * elapsed`` and applying them to the store, as
   the replay source does; it keeps up when it is busy less than all the time and the
   picture never lags the clock by more than two ticks' worth of recorded time (6 s; at
   the start of a tick it is one tick, 3 s, behind by construction).

Last line: ``replay_seek_max_s=<value>`` (target < 1).
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench._recording import city_frames
from console.replay.rebuild import Replayer
from console.replay.recording import Recording
from console.state import SituationStore
from services.backend.sim.profiles import PROFILES
from services.backend.sim.simulator import Simulator
from services.cache import Cache
from services.cache.checkpoints import CheckpointRecorder
from services.client.batch import IngestBatch
from services.client.ingest import IngestCore
from services.protocol.entities import SERVICE_TOPICS

EPOCH = "e-bench"
EVENTS_PER_FRAME = 400
TICK_S = 0.05  # the replay source's tick


def build(path: Path, hours: float, units: int, seed: int) -> tuple[int, int, float]:
    """Write the recording; (frames, events, wall seconds taken)."""
    profile = dataclasses.replace(PROFILES["load"], units=units)
    sim = Simulator(seed=seed, profile=profile)
    cache = Cache(path)
    cores = {s: IngestCore(s, topics) for s, topics in SERVICE_TOPICS.items()}
    clock = [sim.now.timestamp()]
    recorder = CheckpointRecorder(cache.write_checkpoint, lambda _b: None, clock=lambda: clock[0])
    frames = events = 0
    began = time.perf_counter()

    def deliver(raw_frames: list[tuple[str, bytes]], now: float) -> None:
        nonlocal frames
        batch = IngestBatch()
        for service, raw in raw_frames:
            cores[service].receive(raw, now, batch)
        frames += len(raw_frames)
        cache.commit(batch)
        clock[0] = now
        recorder(batch)

    start = sim.now.timestamp()
    end = start + hours * 3600.0
    last_report = began
    for now, raw, count in city_frames(
        sim, epoch=EPOCH, seconds=end - start, group="service",
        events_per_frame=EVENTS_PER_FRAME, turn_steps=10,
    ):  # fmt: skip
        events += count
        deliver(raw, now)
        if time.perf_counter() - last_report > 30:
            last_report = time.perf_counter()
            done = (now - start) / (end - start)
            print(f"  building: {done:.0%} ({events} events, {time.perf_counter() - began:.0f} s)")
    cache.close()
    return frames, events, time.perf_counter() - began


def seek_times(path: Path, count: int, seed: int) -> list[float]:
    recording = Recording(path)
    replayer = Replayer(recording)
    store = SituationStore(clock=lambda: replayer.position)
    rng = random.Random(seed)
    times = []
    for _ in range(count):
        moment = rng.uniform(recording.start, recording.end)
        began = time.perf_counter()
        store.apply(replayer.seek(moment, delta=bool(times)))  # as the replay source does
        times.append(time.perf_counter() - began)
    recording.close()
    return times


def play(path: Path, rate: float, wall_s: float, seed: int) -> tuple[float, float, float, int]:
    """(the longest tick in seconds, the worst lag in recorded seconds, busy fraction,
    events applied). The lag is how far the clock is ahead of the picture when a tick
    starts: steady at ``rate * TICK_S`` while playback keeps up, growing when it does
    not."""
    recording = Recording(path)
    replayer = Replayer(recording)
    rng = random.Random(seed)
    moment = rng.uniform(recording.start, recording.end - rate * wall_s)
    store = SituationStore(clock=lambda: replayer.position)
    store.apply(replayer.seek(moment))
    began = time.perf_counter()
    busy = worst = lag = 0.0
    events = 0
    while (elapsed := time.perf_counter() - began) < wall_s:
        tick = time.perf_counter()
        target = moment + rate * elapsed
        lag = max(lag, target - replayer.position)
        batch = replayer.advance(target)
        store.apply(batch)
        events += batch.events
        spent = time.perf_counter() - tick
        busy += spent
        worst = max(worst, spent)
        time.sleep(max(0.0, TICK_S - spent))
    recording.close()
    return worst, lag, busy / wall_s, events


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--hours", type=float, default=12.0)
    parser.add_argument(
        "--units", type=int, default=600, help="fleet size (the load profile has 6000)"
    )
    parser.add_argument("--seeks", type=int, default=20)
    parser.add_argument("--play", type=float, default=20.0, help="wall seconds of 60x play")
    parser.add_argument("--keep", type=Path, default=None, help="write the recording here")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.keep or Path(tmp) / "recording.sqlite3"
        if path.exists():
            print(f"recording: reusing {path}")
        else:
            frames, events, took = build(path, args.hours, args.units, args.seed)
            print(
                f"recording: {args.hours:g} h of the load profile with {args.units} units "
                f"(profile: {PROFILES['load'].units}): {frames} frames, {events} events, "
                f"built in {took:.0f} s; {path.stat().st_size / 1e9:.2f} GB"
            )
        recording = Recording(path)
        with recording.engine.connect() as conn:
            checkpoints = conn.exec_driver_sql("SELECT count(*) FROM checkpoints").scalar()
        span_h = (recording.end - recording.start) / 3600
        recording.close()
        print(f"recording spans {span_h:.2f} h with {checkpoints} checkpoints")
        times = seek_times(path, args.seeks, args.seed)
        print(
            f"seek to {len(times)} random moments (picture rebuilt and applied to a store): "
            f"median {statistics.median(times):.3f} s, max {max(times):.3f} s"
        )
        longest, lag, busy, events = play(path, 60.0, args.play, args.seed)
        keeps_up = busy < 1.0 and lag <= 2 * 60.0 * TICK_S
        print(
            f"60x play for {args.play:g} s: {events} events applied, busy {busy:.0%} of the "
            f"time, longest tick {longest * 1000:.0f} ms (ticks every {TICK_S * 1000:.0f} ms), "
            f"worst lag {lag:.1f} s of recorded time: "
            + ("keeps up" if keeps_up else "does NOT keep up")
        )
        print(f"replay_seek_max_s={max(times):.3f}")


if __name__ == "__main__":
    main()
