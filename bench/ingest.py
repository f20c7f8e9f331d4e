"""Ingest: catch-up after a lost link (headline), and ingest capacity against a bare loop.

Processes: the backend (``command-centre-services --profile load``: 6,000 units, about
2,400 position fixes a second plus CAD and opinion traffic), a link process
(``bench/_link.py``: a TCP relay the console connects through, an observer following
every topic's head straight from the backend, a recorder) and this one, which runs a
real :class:`~console.session.ConsoleSession` — feed client, local SQLite cache with its
journal and checkpoints, Qt bridge, situation store; no window (``bench/desk.py``
measures the window).

1. Catch-up (the last line). The console, connected to all four services through the
   relay, runs live for ``--warmup`` seconds. Then the link is lost for ``--offline``
   seconds (60): every TCP connection through it is reset and new ones are refused, as
   when a router drops the route (a silent black hole would add the 10 s keepalive
   timeout before the console notices; not measured here). Then the link is back; the
   console reconnects on its own backoff schedule.
   For each service, *reconnect* is the moment the relay accepts the console's new TCP
   connection, and the *target* is every one of its topics' head seq at that moment, as
   the observer had it (a few ms behind the backend at most). *Caught up* is the first
   moment the store, on the UI thread, has applied a batch whose cursors reach the
   target for every topic of the service — handshake, resume or snapshot, decode,
   sequence rules, cache commit (journal, state, cursors) and the store's apply all
   included. ``catchup_s`` is the largest of the four services' reconnect-to-caught-up
   times. Printed besides: link back to reconnect (the backoff), and per service.
2. Capacity. The recorder keeps the observer's first ``--record`` seconds of frames of
   every service (snapshots, then every event in order). A frame server process
   (``bench/_link.py serve``) sends them, as fast as each connection takes them, to
   (a) a bare loop: one websockets client per service receiving each frame and decoding
   it with ``msgspec.json.decode``, and (b) a fresh console (ConsoleSession on an empty
   cache, as above). Both sides do the same transport work over the same frames. Rate =
   events in the recorded frames / seconds from the server's first send to (a) the last
   frame decoded, (b) the store's apply whose cursors reach every topic's last recorded
   seq. The bare loop runs five times (two before the console, three after: its runs
   are short, so one alone is noisy) and the ratio uses their median. Events
   are the recorded ``event``s (batched or not); both sides also take in the snapshots
   at the start of the recording, which count no events. Printed besides, CPU time per
   event (less noisy than rates on a shared machine): the bare loop's process time, and
   the console's per thread from its start until the store is complete — feed-network
   (receive, decode, validate, sequence rules), cache-writer (cache commit: journal,
   state, cursors; replay checkpoints; hand-over to the bridge) and the UI thread (the
   bridge's apply to the store).

The machine is shared and the figures are noisy: run it more than once.

    python bench/ingest.py [--warmup S] [--offline S] [--record S]
                           [--capacity-only] [--recording DIR]

``--capacity-only`` runs part 2 alone (the link still records the load profile's first
``--record`` seconds; no console is connected meanwhile). ``--recording DIR`` keeps the
recorded frames in DIR, or, if DIR already holds a recording, measures capacity over it
without starting a backend (the same frames before and after a change).
Last line: catchup_s=<seconds from reconnect until the store holds the server's head
at reconnect, worst service> (target < 3); capacity ratio target >= 0.5.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import queue
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import msgspec
from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer
from websockets.asyncio.client import connect

from bench._harness import ROOT, TOKEN, start_backend
from bench._link import SERVICES, read_frames
from console.config import ConsoleConfig, ServiceSetting
from console.session import ConsoleSession

BARE_RUNS = 5
HELLO = json.dumps({"op": "hello", "v": 1, "token": TOKEN, "client": "bench-bare"})


class LinkProcess:
    """``bench/_link.py`` in its own process; its stdout lines, parsed, on a queue."""

    def __init__(self, *args: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bench._link", *args],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        first = self.process.stdout.readline().split()
        if first[:1] != ["port"]:
            self.process.kill()
            raise RuntimeError(f"bench/_link.py {args[0]} did not start: {first!r}")
        self.port = int(first[1])
        self.lines: queue.SimpleQueue[list[str]] = queue.SimpleQueue()
        self.recorded = threading.Event()  # the recorder has written its frames
        threading.Thread(target=self._read, daemon=True, name="bench-link-reader").start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            words = line.split(maxsplit=3)
            if words == ["recorded"]:
                self.recorded.set()
            self.lines.put(words)

    def wait_for(self, word: str, timeout: float = 120.0) -> list[str]:
        """The next line starting with ``word`` (earlier lines are dropped)."""
        deadline = time.monotonic() + timeout
        while True:
            line = self.lines.get(timeout=max(0.01, deadline - time.monotonic()))
            if line[0] == word:
                return line

    def drain(self) -> list[list[str]]:
        lines = []
        while True:
            try:
                lines.append(self.lines.get_nowait())
            except queue.Empty:
                return lines

    def send(self, line: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()

    def stop(self) -> None:
        self.process.kill()
        self.process.wait(30)


def run_qt(app: QCoreApplication, seconds: float, until: Callable[[], bool] | None = None) -> bool:
    """Run the UI loop for ``seconds`` or until ``until()`` holds (checked every 20 ms)."""
    loop = QEventLoop()
    deadline = time.monotonic() + seconds
    checker = QTimer()
    checker.setInterval(20)

    def check() -> None:
        if time.monotonic() >= deadline or (until is not None and until()):
            loop.quit()

    checker.timeout.connect(check)
    checker.start()
    loop.exec()
    checker.stop()
    return until is not None and until()


def console_session(port: int, cache: Path) -> ConsoleSession:
    config = ConsoleConfig(
        services={s: ServiceSetting(f"ws://127.0.0.1:{port}/{s}", TOKEN) for s in SERVICES},
        workstation="bench",
        cache=cache,
    )
    return ConsoleSession(config)


class CursorLog:
    """After every apply on the UI thread: (monotonic time, the store's seq per topic)."""

    def __init__(self, session: ConsoleSession) -> None:
        self.store = session.store
        self.entries: list[tuple[float, dict[str, int]]] = []
        session.bridge.applied.connect(self._applied)

    def _applied(self, _changes: object) -> None:
        self.entries.append(
            (time.monotonic(), {t: seq for t, (_, seq) in self.store.cursors.items()})
        )

    def reached(self, target: dict[str, int], since: float) -> float | None:
        """The first apply at or after ``since`` whose cursors reach ``target``."""
        for at, seqs in self.entries:
            if at >= since and all(seqs.get(t, -1) >= seq for t, seq in target.items()):
                return at
        return None


def catch_up(args: argparse.Namespace, link: LinkProcess, work: Path, app: QCoreApplication):
    session = console_session(link.port, work / "console.sqlite3")
    log = CursorLog(session)
    session.start()
    run_qt(app, args.warmup)
    link.drain()
    link.send("down")
    down_at = float(link.wait_for("down")[1])
    left_at = dict(log.entries[-1][1]) if log.entries else {}
    run_qt(app, args.offline)
    link.send("up")
    up_at = float(link.wait_for("up")[1])
    reconnects: dict[str, tuple[float, dict[str, int]]] = {}

    def collect() -> None:
        for line in link.drain():
            if line[0] == "accepted" and line[1] in SERVICES and line[1] not in reconnects:
                heads = json.loads(line[3])
                topics = SERVICES[line[1]]
                reconnects[line[1]] = (float(line[2]), {t: heads[t] for t in topics})

    def all_caught_up() -> bool:
        collect()
        return len(reconnects) == len(SERVICES) and all(
            log.reached(target, at) is not None for at, target in reconnects.values()
        )

    if not run_qt(app, 180.0, all_caught_up):
        session.stop()
        raise RuntimeError(f"the console did not catch up; reconnects seen: {list(reconnects)}")
    session.stop()
    results = {}
    for service, (at, target) in sorted(reconnects.items()):
        done = log.reached(target, at)
        assert done is not None
        missed = sum(seq - left_at.get(topic, 0) for topic, seq in target.items())
        results[service] = (at - up_at, done - at, missed)
    return up_at - down_at, results


async def bare_receive(port: int, frames: dict[str, int], expected: dict[str, int]) -> float:
    """Receive and decode every recorded frame of every service; the end (monotonic)."""

    async def one(service: str) -> float:
        url = f"ws://127.0.0.1:{port}/{service}"
        async with connect(url, compression=None, max_size=None) as ws:
            await ws.send(HELLO)
            await ws.recv()
            topics = dict.fromkeys(SERVICES[service])
            await ws.send(json.dumps({"op": "subscribe", "topics": topics}))
            events = 0
            for _ in range(frames[service]):
                message = msgspec.json.decode(await ws.recv())
                if message["op"] == "batch":
                    events += len(message["events"])
                elif message["op"] == "event":
                    events += 1
            if events != expected[service]:
                raise RuntimeError(f"/{service}: {events} events, not {expected[service]}")
            return time.monotonic()

    ends = await asyncio.gather(*(one(s) for s in SERVICES))
    return max(ends)


def first_sends(server: LinkProcess, count: int) -> float:
    return min(float(server.wait_for("sent")[2]) for _ in range(count))


def recorded_totals(record_dir: Path) -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
    """Frames (welcome excluded) and events per service, the last seq per topic."""
    frames: dict[str, int] = {}
    events: dict[str, int] = {}
    last: dict[str, int] = {}
    for service in SERVICES:
        events[service] = 0
        recorded = read_frames(record_dir / f"{service}.frames")[1:]
        frames[service] = len(recorded)
        for frame in recorded:
            message = msgspec.json.decode(frame)
            batch = message.get("events") if message["op"] == "batch" else None
            for event in batch or ([message] if message["op"] == "event" else []):
                events[service] += 1
                last[event["topic"]] = event["seq"]
            if message["op"] == "snapshot":
                last.setdefault(message["topic"], message["seq"])
                last[message["topic"]] = max(last[message["topic"]], message["seq"])
    return frames, events, last


class ThreadCpu:
    """CPU seconds of the named threads, sampled from the UI loop (threads come and go)."""

    NAMES = ("feed-network", "cache-writer")

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.ui_started = time.thread_time()
        self.ui = 0.0
        self.timer = QTimer()
        self.timer.timeout.connect(self.sample)
        self.timer.start(20)

    def sample(self) -> None:
        for thread in threading.enumerate():
            if thread.name in self.NAMES and thread.ident is not None:
                with contextlib.suppress(OSError, ProcessLookupError):  # it just ended
                    clock = time.pthread_getcpuclockid(thread.ident)
                    self.seconds[thread.name] = time.clock_gettime(clock)
        self.ui = time.thread_time() - self.ui_started

    def stop(self) -> dict[str, float]:
        self.sample()
        self.timer.stop()
        return {**self.seconds, "UI (bridge, store)": self.ui}


def console_capacity(
    port: int, last: dict[str, int], cache: Path, app: QCoreApplication
) -> tuple[float, dict[str, float]]:
    """A fresh console takes in every recorded frame: when its store reaches ``last``, and
    the CPU seconds of its threads (from their start to then)."""
    session = console_session(port, cache)
    log = CursorLog(session)
    cpu = ThreadCpu()
    session.start()
    reached = run_qt(app, 300.0, lambda: log.reached(last, 0.0) is not None)
    seconds = cpu.stop()
    session.stop()
    end = log.reached(last, 0.0)
    if not reached or end is None:
        raise RuntimeError("the console did not take in every recorded frame")
    return end, seconds


def capacity(
    record_dir: Path, work: Path, app: QCoreApplication
) -> tuple[int, list[float], float, dict[str, float], float]:
    """Events; bare events/s of each run; console events/s; the console's CPU seconds per
    thread; the bare loop's CPU seconds (median of its runs)."""
    frames, events, last = recorded_totals(record_dir)
    total = sum(events.values())
    server = LinkProcess("serve", str(record_dir))
    bare_rates, bare_cpu = [], []
    try:
        for run in range(BARE_RUNS + 1):
            if run == BARE_RUNS // 2:
                end, cpu = console_capacity(server.port, last, work / "capacity.sqlite3", app)
                console_rate = total / (end - first_sends(server, len(SERVICES)))
                continue
            started_cpu = time.process_time()
            end = asyncio.run(bare_receive(server.port, frames, events))
            bare_cpu.append(time.process_time() - started_cpu)
            bare_rates.append(total / (end - first_sends(server, len(SERVICES))))
    finally:
        server.stop()
    return total, bare_rates, console_rate, cpu, statistics.median(bare_cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warmup", type=float, default=20.0)
    parser.add_argument("--offline", type=float, default=60.0)
    parser.add_argument("--record", type=float, default=30.0)
    parser.add_argument("--capacity-only", action="store_true", help="skip the catch-up")
    parser.add_argument("--recording", type=Path, help="where recorded frames are kept")
    args = parser.parse_args()
    app = QCoreApplication(sys.argv[:1])
    results: dict[str, tuple[float, float, int]] = {}
    offline = 0.0
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as tmp:
        work = Path(tmp)
        record_dir = args.recording or work / "recorded"
        reuse = (record_dir / "avl.frames").exists()
        if reuse and not args.capacity_only:
            parser.error("--recording with a recording in it needs --capacity-only")
        record_dir.mkdir(parents=True, exist_ok=True)
        if not reuse:
            backend, port = start_backend(work / "hub", "--profile", "load", die_with_me=True)
            try:
                link = LinkProcess("link", str(port), str(record_dir), str(args.record))
                try:
                    if not args.capacity_only:
                        offline, results = catch_up(args, link, work, app)
                    if not link.recorded.wait(120 + args.record):
                        raise RuntimeError("the recorder did not write its frames")
                finally:
                    link.stop()
            finally:
                backend.terminate()
                backend.wait(60)
        total, bare_rates, console_rate, cpu, bare_cpu = capacity(record_dir, work, app)
    bare = statistics.median(bare_rates)
    print("(a shared machine: figures are noisy)")
    print(f"capacity over the same {total:,} recorded events ({args.record:.0f} s of load):")
    runs = ", ".join(f"{rate:,.0f}" for rate in bare_rates)
    print(
        f"  bare websockets receive + msgspec decode: median {bare:,.0f} events/s ({runs}); "
        f"CPU {1e6 * bare_cpu / total:.1f} us/event"
    )
    print(f"  console (ConsoleSession: feed, cache, bridge, store): {console_rate:,.0f} events/s")
    print(f"  ratio console/bare: {console_rate / bare:.2f} (target >= 0.5)")
    print(f"  console CPU per event: {1e6 * sum(cpu.values()) / total:.1f} us, of which")
    for name, seconds in cpu.items():
        print(f"    {name:20s} {1e6 * seconds / total:5.1f} us")
    if not results:
        print(f"capacity_ratio={console_rate / bare:.2f}")
        return
    print(f"catch-up after {offline:.0f} s offline under the load profile:")
    for service, (backoff, took, missed) in results.items():
        print(
            f"  {service:8s} {missed:7,d} events behind; reconnected {backoff:5.2f} s after the "
            f"link was back (backoff); caught up {took:.2f} s after reconnecting"
        )
    worst = max(took for _, took, _ in results.values())
    print(f"catchup_s={worst:.2f}")


if __name__ == "__main__":
    main()
