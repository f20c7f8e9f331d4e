"""Durability: what ``synchronous=FULL`` costs the hub's event log under the load profile.

The reference backend runs the load profile (5,000 units, about 2,400 events/s) in this
process, twice, each time on a fresh data directory: once with its event log on
``synchronous=NORMAL`` (the WAL is not synced at commit: a power cut may undo commits
whose acks were already sent) and once on ``FULL`` (the WAL is synced at every commit;
what the backend ships). Each run measures, after a warm-up, every
``EventLog.commit`` (wall ms, events in it) and events committed per second; a client on
/cad sends a command every 200 ms (an update of an incident that does not exist, so the
city is left alone; its refusal is still committed before it is sent) and measures the
ack round trip, which includes a commit.

    python bench/durability.py [--seconds 20] [--warmup 5]
Last line: durability_commit_p99_ms=<p99 commit ms with synchronous=FULL>
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from websockets.sync.client import connect

from bench._harness import TOKEN
from services.backend import eventlog, hub
from services.backend.config import HubConfig
from services.backend.runner import BackendThread
from services.sqlite import Synchronous, wal_engine


class _Timings:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.commits: list[tuple[float, float, int]] = []  # (finished at, ms, events)


def _timed_eventlog(timings: _Timings) -> type[eventlog.EventLog]:
    class TimedEventLog(eventlog.EventLog):
        def commit(self, group: eventlog.CommitGroup) -> None:
            started = time.perf_counter()
            super().commit(group)
            finished = time.perf_counter()
            with timings.lock:
                timings.commits.append((finished, (finished - started) * 1000.0, len(group.events)))

    return TimedEventLog


def _ack_round_trips(url: str, until: float, started_after: float) -> list[float]:
    """Send a harmless command every 200 ms until ``until``; ack round trips in ms."""
    trips: list[float] = []
    with connect(url, compression=None, max_size=None) as ws:
        ws.send(json.dumps({"op": "hello", "v": 1, "token": TOKEN, "client": "bench"}))
        ws.recv()
        while time.perf_counter() < until:
            command_id = str(uuid.uuid4())
            command = {
                "op": "command",
                "id": command_id,
                "type": "incident.update",
                "data": {"incident": "I-00000000-none", "note": "durability bench"},
            }
            sent = time.perf_counter()
            ws.send(json.dumps(command))
            while True:
                frame = json.loads(ws.recv())
                if frame.get("op") == "ack" and frame.get("id") == command_id:
                    break
            if sent >= started_after:
                trips.append((time.perf_counter() - sent) * 1000.0)
            time.sleep(max(0.0, 0.2 - (time.perf_counter() - sent)))
    return trips


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def run(mode: Synchronous, seconds: float, warmup: float) -> dict[str, Any]:
    timings = _Timings()
    original_engine, original_log = eventlog.wal_engine, hub.EventLog

    def engine(path: Path, **_ignored: Any) -> Any:
        return wal_engine(path, synchronous=mode)

    eventlog.wal_engine = engine  # type: ignore[assignment]
    hub.EventLog = _timed_eventlog(timings)  # type: ignore[misc]
    try:
        with tempfile.TemporaryDirectory(prefix="bench-durability-") as tmp:
            config = HubConfig(
                data_dir=Path(tmp) / "hub", port=0, profile="load", tokens={TOKEN: "commander"}
            )
            backend = BackendThread(config).start()
            try:
                begin = time.perf_counter()
                measured_from = begin + warmup
                until = measured_from + seconds
                trips = _ack_round_trips(backend.url("cad"), until, measured_from)
                end = time.perf_counter()
            finally:
                backend.stop()
    finally:
        eventlog.wal_engine = original_engine
        hub.EventLog = original_log  # type: ignore[misc]
    window = [(ms, n) for at, ms, n in timings.commits if measured_from <= at <= end]
    durations = [ms for ms, _ in window]
    events = sum(n for _, n in window)
    return {
        "mode": mode,
        "commits": len(window),
        "commit_p50_ms": statistics.median(durations),
        "commit_p99_ms": _percentile(durations, 0.99),
        "commit_max_ms": max(durations),
        "events_per_s": events / (end - measured_from),
        "events_per_commit": events / len(window),
        "ack_p50_ms": statistics.median(trips),
        "ack_p99_ms": _percentile(trips, 0.99),
        "acks": len(trips),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20.0, help="measured window per run")
    parser.add_argument("--warmup", type=float, default=5.0, help="seconds ignored at start")
    args = parser.parse_args()
    results = {}
    for mode in ("NORMAL", "FULL"):
        result = run(mode, args.seconds, args.warmup)  # type: ignore[arg-type]
        results[mode] = result
        print(
            f"synchronous={mode:<6} commits={result['commits']:5d} "
            f"commit ms p50={result['commit_p50_ms']:.2f} p99={result['commit_p99_ms']:.2f} "
            f"max={result['commit_max_ms']:.2f}  events/s={result['events_per_s']:.0f} "
            f"({result['events_per_commit']:.1f}/commit)  "
            f"ack ms p50={result['ack_p50_ms']:.2f} p99={result['ack_p99_ms']:.2f} "
            f"(n={result['acks']})",
            flush=True,
        )
    normal, full = results["NORMAL"], results["FULL"]
    print(
        f"FULL vs NORMAL: commit p50 {full['commit_p50_ms'] / normal['commit_p50_ms']:.2f}x, "
        f"p99 {full['commit_p99_ms'] / normal['commit_p99_ms']:.2f}x, "
        f"events/s {full['events_per_s'] / normal['events_per_s']:.2f}x"
    )
    print(f"durability_commit_p99_ms={full['commit_p99_ms']:.2f}")


if __name__ == "__main__":
    main()
