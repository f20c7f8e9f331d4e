"""Shared by the benchmarks: start the reference backend as its own process, read frames fast."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "bench-commander-token-0001"  # tokens are at least 24 characters


def start_backend(
    data: Path, *extra: str, port: int = 0, die_with_me: bool = False
) -> tuple[subprocess.Popen[str], int]:
    """``command-centre-services`` on loopback (a free port by default); process and port.
    ``die_with_me``: the kernel stops it if this process dies (Linux; call from the main
    thread: the signal follows the thread that started it)."""
    preexec = None
    if die_with_me and os.name == "posix":
        from console.embedded import die_with_parent  # noqa: PLC0415

        parent = os.getpid()

        def preexec() -> None:
            die_with_parent(parent)

    data.mkdir(parents=True, exist_ok=True)
    tokens = data.parent / "bench-tokens.toml"
    tokens.write_text(f'[tokens]\n"{TOKEN}" = "commander"\n', encoding="utf-8")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "services.backend.cli",
            "--port",
            str(port),
            "--data",
            str(data),
            "--tokens",
            str(tokens),
            *extra,
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        preexec_fn=preexec,  # noqa: PLW1509
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    match = re.search(r"ws://127\.0\.0\.1:(\d+)", line)
    if not match:
        process.kill()
        raise RuntimeError(f"backend did not start: {line!r}")
    return process, int(match.group(1))


def count_events(frame: bytes | str) -> tuple[int, int]:
    """(events in the frame, seq of its last event) without a full decode."""
    if isinstance(frame, str):
        frame = frame.encode()
    if frame.startswith(b'{"op":"batch"'):
        count = frame.count(b'"op":"event"')
    elif frame.startswith(b'{"op":"event"'):
        count = 1
    else:
        return 0, -1
    at = frame.rfind(b'"seq":') + 6
    end = at
    while frame[end : end + 1].isdigit():
        end += 1
    return count, int(frame[at:end])


def synthetic_picture(units: int, incidents: int):
    """An IngestBatch of resets shaped like the S city's (for cache and cold-start runs)."""
    import random  # noqa: PLC0415
    import time  # noqa: PLC0415
    from datetime import UTC, datetime  # noqa: PLC0415

    import msgspec  # noqa: PLC0415

    from services.client.batch import IngestBatch, TopicReset  # noqa: PLC0415
    from services.protocol.codec import decode_entity  # noqa: PLC0415
    from services.protocol.times import format_ts  # noqa: PLC0415

    rng = random.Random(3)
    ts = format_ts(datetime.now(UTC))
    batch = IngestBatch()
    specs = {
        "units": (
            units,
            lambda i: {
                "id": f"U-{i:05d}",
                "callsign": f"GS{i:04d}",
                "kind": "patrol_car",
                "station": f"S-{i % 30}",
                "status": rng.choice(["available", "en_route", "busy"]),
                "shift_started_at": ts,
                "version": 3,
            },
        ),
        "positions": (
            units,
            lambda i: {
                "unit": f"U-{i:05d}",
                "lat": 31.1 + rng.random() / 2,
                "lon": 120.4 + rng.random(),
                "heading": rng.random() * 360,
                "speed": rng.random() * 12,
                "fix_at": ts,
                "version": 9,
            },
        ),
        "incidents": (
            incidents,
            lambda i: {
                "id": f"I-20261128-{i:04d}",
                "category": "theft",
                "priority": 1 + i % 4,
                "status": "new",
                "summary": "电动车在小区门口被盗，报警人在现场等候",
                "location": {"lat": 31.3, "lon": 120.6},
                "address": "姑苏区人民路 100 号",
                "district": "姑苏区",
                "reported_at": ts,
                "updated_at": ts,
                "units": [],
                "source": "call",
                "version": 2,
            },
        ),
    }
    key_field = {"units": "id", "positions": "unit", "incidents": "id"}
    for topic, (count, make) in specs.items():
        items, raw = {}, {}
        for index in range(count):
            payload = msgspec.json.encode(make(index))
            entity = decode_entity(topic, payload)
            key = getattr(entity, key_field[topic])
            items[key], raw[key] = entity, payload
        batch.reset(TopicReset(topic, "e-bench", count, items, raw))
        batch.received[topic] = time.time()
    return batch


async def head_of(port: int) -> tuple[str, int]:
    """(epoch, head seq) of the positions topic, from a fresh snapshot."""
    import json  # noqa: PLC0415

    from websockets.asyncio.client import connect  # noqa: PLC0415

    hello = json.dumps({"op": "hello", "v": 1, "token": TOKEN, "client": "bench"})
    async with connect(f"ws://127.0.0.1:{port}/avl", compression=None, max_size=None) as ws:
        await ws.send(hello)
        await ws.recv()
        await ws.send(json.dumps({"op": "subscribe", "topics": {"positions": None}}))
        while True:
            snapshot = json.loads(await ws.recv())
            if snapshot["part"] == snapshot["parts"]:
                return snapshot["epoch"], snapshot["seq"]


def drop_page_cache() -> str | None:
    """Drop the page cache (root only), so a run reads from disk as a cold start does;
    None when done, else why not."""
    try:
        os.sync()
        Path("/proc/sys/vm/drop_caches").write_text("3\n", encoding="ascii")
    except OSError as exc:
        return str(exc)
    return None
