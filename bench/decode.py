"""Protocol decode + validation throughput vs plain ``json.loads``, in the same run.

Frames are what the hub really sends under load: batches of position events, and
single incident and unit events. "Decode" means: envelope decoded and validated, and
every event's entity validated against its topic schema (what the feed client does).
Decoding includes the nesting pre-scan (services/protocol/limits.py); its own cost is
printed too, as time per frame and as a share of the decode.

    python bench/decode.py
Last line: decode_frames_per_s=<frames/s through services.protocol>
"""

from __future__ import annotations

import json
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from msgspec import Raw

from services.protocol.codec import decode_event_entity, decode_server_frame, encode
from services.protocol.limits import nesting_exceeds
from services.protocol.messages import Batch, Event

TS = "2026-11-28T20:30:00.123Z"


def sample_frames(count: int) -> list[bytes]:
    rng = random.Random(1)
    frames = []
    seq = 0
    for index in range(count):
        if index % 4 == 0:  # a batch of 50 position events
            events = []
            for _ in range(50):
                seq += 1
                data = {
                    "unit": f"U-GS-{rng.randrange(999):03d}",
                    "lat": 31.2 + rng.random() / 5,
                    "lon": 120.5 + rng.random() / 5,
                    "heading": rng.random() * 360,
                    "speed": rng.random() * 14,
                    "fix_at": TS,
                    "version": seq,
                }
                events.append(
                    Event(
                        topic="positions",
                        epoch="e-1",
                        seq=seq,
                        ts=TS,
                        type="position.updated",
                        data=Raw(encode(data)),
                    )
                )
            frames.append(encode(Batch(events=events)))
        else:
            seq += 1
            data = {
                "id": f"I-20261128-{index:04d}",
                "category": "theft",
                "priority": 3,
                "status": "dispatched",
                "summary": "电动车被盗，车主在超市门口等候",
                "location": {"lat": 31.3, "lon": 120.6},
                "address": "姑苏区人民路 100 号",
                "district": "姑苏区",
                "reported_at": TS,
                "updated_at": TS,
                "units": ["U-GS-03"],
                "source": "call",
                "version": 4,
            }
            frames.append(
                encode(
                    Event(
                        topic="incidents",
                        epoch="e-1",
                        seq=seq,
                        ts=TS,
                        type="incident.updated",
                        data=Raw(encode(data)),
                    )
                )
            )
    return frames


def protocol_decode(frame: bytes) -> int:
    message = decode_server_frame(frame)
    events = message.events if isinstance(message, Batch) else [message]
    for event in events:
        decode_event_entity(event)
    return len(events)


def nesting_scan(frame: bytes) -> int:
    nesting_exceeds(frame)
    return 1


def plain_json(frame: bytes) -> int:
    message = json.loads(frame)
    return len(message.get("events", ())) or 1


def rate(function, frames: list[bytes], seconds: float = 2.0) -> tuple[float, float]:
    done = events = 0
    started = time.perf_counter()
    while time.perf_counter() - started < seconds:
        for frame in frames:
            events += function(frame)
        done += len(frames)
    elapsed = time.perf_counter() - started
    return done / elapsed, events / elapsed


def main() -> None:
    frames = sample_frames(400)
    size = sum(map(len, frames)) / len(frames)
    rate(protocol_decode, frames, 0.3)  # warm up
    ours, ours_events = rate(protocol_decode, frames)
    plain, plain_events = rate(plain_json, frames)
    scans, _ = rate(nesting_scan, frames)
    print(f"frames: {len(frames)} distinct, mean {size:.0f} bytes (1 in 4 a 50-event batch)")
    print(f"services.protocol decode+validate: {ours:,.0f} frames/s, {ours_events:,.0f} events/s")
    print(f"json.loads (no validation):        {plain:,.0f} frames/s, {plain_events:,.0f} events/s")
    print(
        f"nesting pre-scan alone:            {scans:,.0f} frames/s, "
        f"{1e6 / scans:.1f} us a frame = {100 * ours / scans:.0f} % of the decode"
    )
    print(f"decode_vs_json_ratio={ours / plain:.2f}")
    print(f"decode_frames_per_s={ours:.0f}")


if __name__ == "__main__":
    main()
