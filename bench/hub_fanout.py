"""Hub fan-out: events/s delivered to 1 and to 10 subscribers vs a bare websockets server.

The backend runs the load profile in its own process for a while so that its log holds
tens of thousands of position events; then subscribers resume from seq 0 and read the
whole log plus live events as fast as they can. The baseline is a bare ``websockets``
server (its own process) sending the very frames the hub sent, in a tight loop, to one
reader, measured in the same run with the same reader.

    python bench/hub_fanout.py [--accumulate SECONDS]
Last line: hub_fanout_ratio=<hub events/s to 1 subscriber / bare server events/s>
"""

from __future__ import annotations

import argparse
import asyncio
import json
import pickle
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from websockets.asyncio.client import connect

from bench._harness import TOKEN, count_events, head_of, start_backend

HELLO = json.dumps({"op": "hello", "v": 1, "token": TOKEN, "client": "bench"})

BARE_SERVER = r"""
import asyncio, pickle, sys
from websockets.asyncio.server import serve
frames = pickle.load(open(sys.argv[1], "rb"))
async def handler(ws):
    await ws.recv()
    for frame in frames:
        await ws.send(frame, text=True)
    await ws.close()
async def main():
    async with serve(handler, "127.0.0.1", 0, compression=None, max_size=None,
                     write_limit=1 << 20) as server:
        print(server.sockets[0].getsockname()[1], flush=True)
        await asyncio.Future()
asyncio.run(main())
"""


async def read_until(url: str, first: str, target: int, keep: list | None) -> int:
    """Read frames until the last seq reaches ``target``; returns events read."""
    events = 0
    async with connect(url, compression=None, max_size=None) as ws:
        await ws.send(HELLO)
        if first:
            await ws.recv()  # welcome
            await ws.send(first)
        async for frame in ws:
            count, seq = count_events(frame)
            if keep is not None and count:
                keep.append(frame)
            events += count
            if seq >= target:
                break
    return events


async def hub_rate(port: int, epoch: str, target: int, subscribers: int, keep: list | None):
    subscribe = json.dumps(
        {"op": "subscribe", "topics": {"positions": {"epoch": epoch, "after": 0}}}
    )
    url = f"ws://127.0.0.1:{port}/avl"
    started = time.perf_counter()
    counts = await asyncio.gather(
        *[
            read_until(url, subscribe, target, keep if index == 0 else None)
            for index in range(subscribers)
        ]
    )
    return sum(counts) / (time.perf_counter() - started)


async def bare_rate(frames: list[bytes], workdir: Path) -> float:
    path = workdir / "frames.pickle"
    path.write_bytes(pickle.dumps(frames))
    server = subprocess.Popen(
        [sys.executable, "-c", BARE_SERVER, str(path)], stdout=subprocess.PIPE, text=True
    )
    try:
        port = int(server.stdout.readline())
        target = count_events(frames[-1])[1]
        started = time.perf_counter()
        events = await read_until(f"ws://127.0.0.1:{port}/", "", target, None)
        return events / (time.perf_counter() - started)
    finally:
        server.kill()
        server.wait()


async def main_async(accumulate: float) -> None:
    with tempfile.TemporaryDirectory(prefix="bench-fanout-") as tmp:
        work = Path(tmp)
        backend, port = start_backend(work / "data", "--profile", "load")
        try:
            _, start_head = await head_of(port)
            started = time.perf_counter()
            await asyncio.sleep(accumulate)
            epoch, head = await head_of(port)
            live = (head - start_head) / (time.perf_counter() - started)
            print(
                f"load profile: {live:,.0f} position events/s generated live; "
                f"log holds {head:,} position events"
            )
            frames: list = []
            one = await hub_rate(port, epoch, head, 1, frames)
            ten = await hub_rate(port, epoch, head, 10, None)
        finally:
            backend.terminate()
            backend.wait(60)
        bare = await bare_rate(frames, work)
    print(f"hub -> 1 subscriber:   {one:,.0f} events/s")
    print(f"hub -> 10 subscribers: {ten:,.0f} events/s in total ({ten / 10:,.0f} each)")
    print(f"bare websockets server -> 1 reader, same frames: {bare:,.0f} events/s")
    print(f"hub_fanout_ratio={one / bare:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--accumulate",
        type=float,
        default=20.0,
        help="seconds of load-profile events to collect first",
    )
    asyncio.run(main_async(parser.parse_args().accumulate))


if __name__ == "__main__":
    main()
