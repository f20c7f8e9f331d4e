"""Abuse: a viewer floods commands and subscribes beside a commander and a subscriber.

The backend is ``command-centre-services --profile load`` in its own process. After a
warm-up, for ``--seconds`` (30 by default) a viewer — in another process of its own —
floods the hub as fast as it can: one /cad connection sends commands it may not give,
back to back; another re-subscribes to ``units`` and ``incidents`` without resume, back
to back. Both read what comes back and reconnect whenever they are closed. Meanwhile,
in this process and for the whole run:

* a commander sends ``incident.create`` on /cad every 100 ms and times each ack;
* a subscriber follows /avl ``positions``; a heads probe (an /avl connection with no
  subscription, which gets ``heads`` every 5 s) says where the hub's head was when. The
  subscriber's lag is how long after the probe learned head H the subscriber had seq H;
  its longest silence is the longest time between two frames of events.

The hub's RSS (VmRSS) is read before and after the flood, and also over the same time
just before it (no flood) for comparison: the hub's in-memory window of recent events
still grows under the load profile whatever the clients do. Acks are timed both in that
quiet period and during the flood.

    python bench/abuse.py [--seconds 30] [--warmup 20]
Last line: abuse_rss_growth_mb=<hub RSS after the flood minus before, MB> (target < 50)
"""

from __future__ import annotations

import argparse
import asyncio
import bisect
import contextlib
import itertools
import json
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from bench._harness import ROOT, count_events

COMMANDER = "abuse-bench-commander-token-0001"
VIEWER = "abuse-bench-viewer-token-000001"
COMMAND_PERIOD_S = 0.1
THIS_SCRIPT = Path(__file__).resolve()


def hello(token: str, client: str) -> str:
    return json.dumps({"op": "hello", "v": 1, "token": token, "client": client})


def start_hub(work: Path) -> tuple[subprocess.Popen[str], int]:
    """The load-profile backend in its own process, with a commander and a viewer token."""
    tokens = work / "tokens.toml"
    tokens.write_text(
        f'[tokens]\n"{COMMANDER}" = "commander"\n"{VIEWER}" = "viewer"\n', encoding="utf-8"
    )
    command = [sys.executable, "-m", "services.backend.cli", "--port", "0", "--profile", "load"]
    command += ["--data", str(work / "data"), "--tokens", str(tokens)]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    line = process.stdout.readline()
    match = re.search(r"ws://127\.0\.0\.1:(\d+)", line)
    if not match:
        process.kill()
        raise RuntimeError(f"backend did not start: {line!r}")
    return process, int(match.group(1))


def rss_mb(pid: int) -> float:
    """Resident set size of process ``pid`` in MB, from /proc/<pid>/status."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024.0
    raise RuntimeError(f"no VmRSS for process {pid}")


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else 0.0


async def open_session(url: str, token: str, client: str) -> ClientConnection:
    ws = await connect(url, compression=None, max_size=None, open_timeout=30)
    await ws.send(hello(token, client))
    welcome = json.loads(await ws.recv())
    assert welcome["op"] == "welcome", welcome
    return ws


# --- the well-behaved clients (this process) ---------------------------------------------


@dataclass
class Measures:
    acks: list[tuple[float, float]] = field(default_factory=list)  # (sent at, latency s)
    arrivals: list[tuple[int, float]] = field(default_factory=list)  # (last seq, received at)
    heads: list[tuple[float, int]] = field(default_factory=list)  # (probe got it at, head)


async def commander(port: int, stop: asyncio.Event, measures: Measures) -> None:
    ws = await open_session(f"ws://127.0.0.1:{port}/cad", COMMANDER, "bench-abuse-commander")
    sent: dict[str, float] = {}

    async def read() -> None:
        async for frame in ws:
            message = json.loads(frame)
            if message.get("op") == "ack" and message["id"] in sent:
                started = sent.pop(message["id"])
                assert message["ok"], message
                measures.acks.append((started, time.perf_counter() - started))

    reader = asyncio.create_task(read())
    number = 0
    next_at = time.perf_counter()
    while not stop.is_set():
        number += 1
        command_id = f"abuse-commander-{number}"
        data = {
            "category": "theft",
            "priority": 3,
            "summary": f"abuse bench {number}",
            "location": {"lat": 31.3, "lon": 120.62},
        }
        sent[command_id] = time.perf_counter()
        frame = {"op": "command", "id": command_id, "type": "incident.create", "data": data}
        await ws.send(json.dumps(frame))
        next_at += COMMAND_PERIOD_S
        await asyncio.sleep(max(0.0, next_at - time.perf_counter()))
    await asyncio.sleep(1.0)  # the last acks
    reader.cancel()
    with contextlib.suppress(asyncio.CancelledError, ConnectionClosed):
        await reader
    await ws.close()
    if sent:
        raise RuntimeError(f"{len(sent)} commander commands were never acknowledged")


async def subscriber(port: int, stop: asyncio.Event, measures: Measures) -> None:
    ws = await open_session(f"ws://127.0.0.1:{port}/avl", COMMANDER, "bench-abuse-subscriber")
    await ws.send(json.dumps({"op": "subscribe", "topics": {"positions": None}}))
    last = 0
    while not stop.is_set():
        frame = await asyncio.wait_for(ws.recv(), 30.0)
        count, seq = count_events(frame)
        if count:
            if last and seq - count != last:
                raise RuntimeError(f"subscriber saw a gap: {last} then {seq - count + 1}")
            last = seq
            measures.arrivals.append((seq, time.perf_counter()))
        elif last == 0 and '"op":"snapshot"' in frame[:40]:
            snapshot = json.loads(frame)
            if snapshot["part"] == snapshot["parts"]:
                last = snapshot["seq"]
    await close_reading(ws)


async def heads_probe(port: int, stop: asyncio.Event, measures: Measures) -> None:
    ws = await open_session(f"ws://127.0.0.1:{port}/avl", COMMANDER, "bench-abuse-probe")
    while not stop.is_set():
        with contextlib.suppress(TimeoutError):
            message = json.loads(await asyncio.wait_for(ws.recv(), 1.0))
            if message["op"] == "heads":
                head = message["heads"]["positions"]["seq"]
                measures.heads.append((time.perf_counter(), head))
    await close_reading(ws)


async def close_reading(ws: ClientConnection) -> None:
    """Close, reading on meanwhile: the hub's close frame queues behind its events."""

    async def discard() -> None:
        async for _ in ws:
            pass

    reader = asyncio.create_task(discard())
    await ws.close()
    with contextlib.suppress(ConnectionClosed):
        await reader


def lags(measures: Measures, start: float, end: float) -> tuple[list[float], float]:
    """Subscriber lag behind each probed head, and its longest silence, in [start, end]."""
    seqs = [seq for seq, _ in measures.arrivals]
    found: list[float] = []
    for probed_at, head in measures.heads:
        if not start <= probed_at <= end:
            continue
        at = bisect.bisect_left(seqs, head)
        if at < len(seqs):
            found.append(max(0.0, measures.arrivals[at][1] - probed_at))
    times = [t for _, t in measures.arrivals if start <= t <= end]
    silence = max((b - a for a, b in itertools.pairwise(times)), default=end - start)
    return found, silence


# --- the flooding viewer (its own process) -------------------------------------------------


async def flood_connection(
    port: int, deadline: float, counts: dict[str, int], name: str, frames: Iterator[str]
) -> None:
    """One viewer connection sending ``frames`` back to back until ``deadline`` (loop
    time), reading what comes back, reconnecting whenever the hub closes it."""
    while asyncio.get_running_loop().time() < deadline:
        try:
            ws = await open_session(f"ws://127.0.0.1:{port}/cad", VIEWER, f"flood-{name}")
        except (OSError, ConnectionClosed, AssertionError):
            counts["connections refused"] = counts.get("connections refused", 0) + 1
            await asyncio.sleep(0.1)
            continue
        reader = asyncio.create_task(read_all(ws, counts))
        try:
            async with asyncio.timeout_at(deadline):
                for number, frame in enumerate(frames, start=1):
                    await ws.send(frame)
                    counts[f"{name} sent"] = counts.get(f"{name} sent", 0) + 1
                    if number % 16 == 0:
                        await asyncio.sleep(0)  # let the reader read
        except (TimeoutError, ConnectionClosed):
            pass
        if reader.done():  # the hub closed the connection
            key = f"closed by the hub with {ws.close_code}"
            counts[key] = counts.get(key, 0) + 1
        ws.transport.abort()  # the flood is over, or the connection is
        reader.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await reader


def commands() -> Iterator[str]:
    """Dispatch orders a viewer may not give, each with a new id."""
    data = {"incident": "I-20261128-0001", "units": ["U-00001"]}
    for number in itertools.count(1):
        frame = {"op": "command", "id": f"f-{number}", "type": "incident.dispatch", "data": data}
        yield json.dumps(frame)


def subscribes() -> Iterator[str]:
    """Subscriptions to the two largest topics without resume, over and over."""
    return itertools.repeat(
        json.dumps({"op": "subscribe", "topics": {"units": None, "incidents": None}})
    )


async def read_all(ws: ClientConnection, counts: dict[str, int]) -> None:
    with contextlib.suppress(ConnectionClosed):
        async for frame in ws:
            head = frame[:60] if isinstance(frame, str) else ""
            if '"op":"ack"' in head:
                code = json.loads(frame).get("error", {}).get("code", "ok")
                counts[f"acks {code}"] = counts.get(f"acks {code}", 0) + 1
            elif '"op":"snapshot"' in head:
                counts["snapshot parts received"] = counts.get("snapshot parts received", 0) + 1
            elif '"op":"error"' in head:
                code = json.loads(frame)["code"]
                counts[f"errors {code}"] = counts.get(f"errors {code}", 0) + 1


async def flood(port: int, seconds: float) -> dict[str, int]:
    counts: dict[str, int] = {}
    deadline = asyncio.get_running_loop().time() + seconds
    await asyncio.gather(
        flood_connection(port, deadline, counts, "commands", commands()),
        flood_connection(port, deadline, counts, "subscribes", subscribes()),
    )
    return counts


# --- the run --------------------------------------------------------------------------------


@dataclass
class Figures:
    rss_start_mb: float
    rss_before_mb: float
    rss_after_mb: float
    quiet_ack_ms: tuple[float, float, int]  # p50, p99, samples (before the flood)
    flood_ack_ms: tuple[float, float, int]  # p50, p99, samples (during the flood)
    lag_s: list[float]  # subscriber lag behind each probed head during the flood
    silence_s: float  # the subscriber's longest silence during the flood
    flood: dict[str, int]

    @property
    def rss_growth_mb(self) -> float:
        return self.rss_after_mb - self.rss_before_mb

    @property
    def quiet_growth_mb(self) -> float:
        return self.rss_before_mb - self.rss_start_mb


def ack_figures(measures: Measures, start: float, end: float) -> tuple[float, float, int]:
    latencies = [latency for sent, latency in measures.acks if start <= sent < end]
    return percentile(latencies, 0.5) * 1e3, percentile(latencies, 0.99) * 1e3, len(latencies)


async def run_abuse(seconds: float = 30.0, warmup: float = 20.0) -> Figures:
    """Start the backend, run the clients and the flood; the figures (see module)."""
    with tempfile.TemporaryDirectory(prefix="bench-abuse-") as tmp:
        hub, port = start_hub(Path(tmp))
        try:
            measures, stop = Measures(), asyncio.Event()
            clients = [
                asyncio.create_task(client(port, stop, measures))
                for client in (commander, subscriber, heads_probe)
            ]
            await asyncio.sleep(warmup)
            rss_start, quiet_from = rss_mb(hub.pid), time.perf_counter()
            await asyncio.sleep(seconds)  # the same time without a flood, for comparison
            rss_before, flood_from = rss_mb(hub.pid), time.perf_counter()
            flooder = await asyncio.create_subprocess_exec(
                sys.executable,
                str(THIS_SCRIPT),
                "--flood",
                str(port),
                "--seconds",
                str(seconds),
                stdout=subprocess.PIPE,
                cwd=ROOT,
            )
            out, _ = await flooder.communicate()
            flood_to = time.perf_counter()
            rss_after = rss_mb(hub.pid)
            stop.set()
            await asyncio.gather(*clients)
        finally:
            hub.terminate()
            hub.communicate(timeout=60)
    if flooder.returncode != 0:
        raise RuntimeError(f"the flooder failed ({flooder.returncode})")
    lag, silence = lags(measures, flood_from, flood_to)
    return Figures(
        rss_start_mb=rss_start,
        rss_before_mb=rss_before,
        rss_after_mb=rss_after,
        quiet_ack_ms=ack_figures(measures, quiet_from, flood_from),
        flood_ack_ms=ack_figures(measures, flood_from, flood_to),
        lag_s=lag,
        silence_s=silence,
        flood=json.loads(out),
    )


def report(figures: Figures, seconds: float) -> None:
    p50, p99, samples = figures.quiet_ack_ms
    print(f"commander ack before the flood: p50 {p50:.1f} ms, p99 {p99:.1f} ms ({samples} acks)")
    p50, p99, samples = figures.flood_ack_ms
    print(f"commander ack during the flood: p50 {p50:.1f} ms, p99 {p99:.1f} ms ({samples} acks)")
    lag = ", ".join(f"{value * 1e3:.0f}" for value in figures.lag_s) or "no heads probed"
    print(f"subscriber lag behind the probed heads during the flood (ms): {lag}")
    print(f"subscriber's longest silence during the flood: {figures.silence_s * 1e3:.0f} ms")
    for name, count in sorted(figures.flood.items()):
        print(f"  flood: {name}: {count:,}")
    print(
        f"hub RSS: {figures.rss_start_mb:.1f} MB -> {figures.rss_before_mb:.1f} MB without "
        f"a flood ({figures.quiet_growth_mb:+.1f} MB) -> {figures.rss_after_mb:.1f} MB after "
        f"{seconds:g} s of flood"
    )
    print(f"abuse_rss_growth_mb={figures.rss_growth_mb:.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=30.0, help="how long the flood lasts")
    parser.add_argument(
        "--warmup", type=float, default=20.0, help="seconds of load before measuring"
    )
    parser.add_argument("--flood", type=int, metavar="PORT", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.flood is not None:  # the flooding viewer's own process
        print(json.dumps(asyncio.run(flood(args.flood, args.seconds))))
        return
    report(asyncio.run(run_abuse(args.seconds, args.warmup)), args.seconds)


if __name__ == "__main__":
    main()
