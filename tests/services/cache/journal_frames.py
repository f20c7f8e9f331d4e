"""Positions frames shaped exactly as the reference backend sends them, for cache tests."""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field

import msgspec

from services.client.batch import IngestBatch, JournalEntry
from services.protocol.codec import decode_entity

EPOCH = "e-cache"


def stamp(ms: int) -> str:
    seconds, millis = divmod(ms, 1000)
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(seconds)) + f".{millis:03d}Z"


def position(unit: str, rng: random.Random, fix_ms: int, version: int) -> dict:
    return {
        "unit": unit,
        "lat": round(31.1 + rng.random() / 2, 6),
        "lon": round(120.4 + rng.random(), 6),
        "heading": rng.choice([0.0, 90.0, 180.0, 270.0, round(rng.random() * 360, 1)]),
        "speed": round(rng.random() * 14, 1),
        "fix_at": stamp(fix_ms),
        "version": version,
    }


def positions_frame(first_seq: int, data: list[dict], ts_ms: int, epoch: str = EPOCH) -> bytes:
    """A batch frame (or a single event frame for one position), as the hub encodes it."""
    events = [
        {
            "op": "event",
            "topic": "positions",
            "epoch": epoch,
            "seq": first_seq + i,
            "ts": stamp(ts_ms),
            "type": "position.updated",
            "data": item,
        }
        for i, item in enumerate(data)
    ]
    if len(events) == 1:
        return msgspec.json.encode(events[0])
    return msgspec.json.encode({"op": "batch", "events": events})


@dataclass
class Fleet:
    """Units reporting positions: each call to :meth:`batch` is one received frame."""

    units: int = 300
    seed: int = 5
    seq: int = 0
    versions: dict[str, int] = field(default_factory=dict)
    #: the newest raw payload of each unit (what the cache and a replay must hold)
    latest: dict[str, bytes] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)

    def batch(self, received: float, count: int = 200) -> IngestBatch:
        ts_ms = int(received * 1000)
        data = []
        for _ in range(count):
            unit = f"U-{self.rng.randrange(self.units):05d}"
            self.versions[unit] = self.versions.get(unit, 0) + 1
            data.append(position(unit, self.rng, ts_ms - 100, self.versions[unit]))
        frame = positions_frame(self.seq + 1, data, ts_ms)
        batch = IngestBatch()
        for item in data:
            raw = msgspec.json.encode(item)
            batch.upsert("positions", item["unit"], decode_entity("positions", raw), raw)
            self.latest[item["unit"]] = raw
        first, self.seq = self.seq + 1, self.seq + count
        batch.cursors["positions"] = (EPOCH, self.seq)
        batch.received["positions"] = received
        batch.events = count
        kind = "batch" if count > 1 else "event"
        batch.journal.append(
            JournalEntry("avl", received, frame, kind, "positions", EPOCH, first, self.seq)
        )
        return batch
