"""How a received frame is stored in the cache journal, and read back.

The journal keeps every received frame (the recording replay rebuilds the picture from),
one row per frame. Three stored forms, told apart by the first bytes of ``frame``:

* **packed positions** (``\\x00P1``): an ``event`` or ``batch`` frame of AVL positions —
  most of the traffic — stored as columns of integers (unit ids, seq and time deltas,
  coordinates in millionths of a degree, heading and speed in hundredths, versions),
  MessagePack-encoded and zlib-compressed: about 13 bytes a position instead of about 260;
* **compressed** (``\\x00Z``): any other frame of at least ``COMPRESS_FROM`` bytes
  (snapshots, batches of incidents or units, a positions frame that could not be
  packed), zlib-compressed when that makes it smaller (a cad snapshot shrinks about 20
  times, a batch of incidents 3 to 5 times);
* **verbatim**: everything else (single events, heads, acks), as received. A frame is
  JSON, which never starts with a NUL byte, so a verbatim row is never mistaken for the
  other two — and the rows of a cache written before this module are all verbatim (a
  malformed frame that does start with one is kept compressed).

Lossless by construction: a frame is packed only if unpacking it gives back exactly the
bytes received (checked at write); otherwise it is compressed whole. So replay reads
the very frames that arrived (:func:`expand_frame`), whatever form they were kept in.

Anything that reads ``journal.frame`` directly must pass it through :func:`expand_frame`.
"""

from __future__ import annotations

import calendar
import functools
import time
import zlib
from typing import Any

import msgspec

PACKED_POSITIONS = b"\x00P1"
COMPRESSED = b"\x00Z"
#: frames shorter than this are kept verbatim (compression would save little)
COMPRESS_FROM = 1024
_LEVEL = 6
_POSITION_KEYS = ("unit", "lat", "lon", "heading", "speed", "fix_at", "version")
_EVENT_KEYS = ("op", "topic", "epoch", "seq", "ts", "type", "data")
_COORD, _SCALE = 1_000_000, 100  # lat/lon in 1e-6 degrees; heading and speed in 1e-2


class _Packed(msgspec.Struct, array_like=True):
    """A positions frame as columns (one value per event, in frame order)."""

    batch: bool  # a batch frame (else a single event frame)
    epoch: str
    event_type: str
    seq0: int
    seqs: list[int]  # each event's seq minus the previous one's
    ts0: int  # ms since the epoch
    ts: list[int]  # each event's ts minus the previous one's (ms)
    units: list[str]
    lat: list[int]
    lon: list[int]
    heading: list[int]
    speed: list[int]
    fix: list[int]  # fix_at minus the event's ts (ms)
    version: list[int]


_packer = msgspec.msgpack.Encoder()
_unpacker = msgspec.msgpack.Decoder(_Packed)
_json = msgspec.json.Encoder()


def store_form(frame: bytes, kind: str, topic: str | None) -> bytes:
    """What the journal keeps for a received ``frame`` (see the module docstring)."""
    if topic == "positions" and kind in ("event", "batch"):
        packed = _try_pack_positions(frame)
        if packed is not None:
            return packed
    if frame.startswith(b"\x00"):  # not JSON (a rejected frame): never mistaken for a form
        return COMPRESSED + zlib.compress(frame, _LEVEL)
    if len(frame) >= COMPRESS_FROM:
        compressed = COMPRESSED + zlib.compress(frame, _LEVEL)
        if len(compressed) < len(frame):
            return compressed
    return frame


def expand_frame(stored: bytes) -> bytes:
    """The frame as received, from what the journal keeps (any of the three forms)."""
    stored = bytes(stored)
    if not stored.startswith(b"\x00"):
        return stored
    if stored.startswith(PACKED_POSITIONS):
        return _unpack_positions(zlib.decompress(stored[len(PACKED_POSITIONS) :]))
    if stored.startswith(COMPRESSED):
        return zlib.decompress(stored[len(COMPRESSED) :])
    raise ValueError(f"unknown stored frame form {stored[:3]!r}")


# --- positions ------------------------------------------------------------------------


def _try_pack_positions(frame: bytes) -> bytes | None:
    """The packed form of ``frame``, or None if it does not unpack to the same bytes."""
    try:
        packed = _pack_positions(frame)
        if packed is None or _unpack_positions(packed) != frame:
            return None
    except (ValueError, TypeError, KeyError, OverflowError, msgspec.MsgspecError):
        return None
    return PACKED_POSITIONS + zlib.compress(packed, _LEVEL)


def _pack_positions(frame: bytes) -> bytes | None:
    message = msgspec.json.decode(frame)
    if not isinstance(message, dict):
        return None
    batch = message.get("op") == "batch"
    events = message.get("events") if batch else [message]
    if not isinstance(events, list) or not events:
        return None
    first = events[0]
    epoch, event_type = first["epoch"], first["type"]
    columns: dict[str, list[Any]] = {
        name: []
        for name in ("seqs", "ts", "units", "lat", "lon", "heading", "speed", "fix", "version")
    }
    previous_seq = seq0 = first["seq"]
    previous_ts = ts0 = _ms(first["ts"])
    for event in events:
        data = event["data"]
        if (
            event["epoch"] != epoch
            or event["type"] != event_type
            or tuple(event) != _EVENT_KEYS
            or tuple(data) != _POSITION_KEYS
        ):
            return None
        ts = _ms(event["ts"])
        columns["seqs"].append(event["seq"] - previous_seq)
        columns["ts"].append(ts - previous_ts)
        previous_seq, previous_ts = event["seq"], ts
        columns["units"].append(data["unit"])
        columns["lat"].append(round(data["lat"] * _COORD))
        columns["lon"].append(round(data["lon"] * _COORD))
        columns["heading"].append(round(data["heading"] * _SCALE))
        columns["speed"].append(round(data["speed"] * _SCALE))
        columns["fix"].append(_ms(data["fix_at"]) - ts)
        columns["version"].append(data["version"])
    return _packer.encode(_Packed(batch, epoch, event_type, seq0, ts0=ts0, **columns))


def _unpack_positions(packed: bytes) -> bytes:
    p = _unpacker.decode(packed)
    events = []
    seq, ts = p.seq0, p.ts0
    for i, unit in enumerate(p.units):
        seq += p.seqs[i]
        ts += p.ts[i]
        stamp = _stamp(ts)
        data = {
            "unit": unit,
            "lat": p.lat[i] / _COORD,
            "lon": p.lon[i] / _COORD,
            "heading": p.heading[i] / _SCALE,
            "speed": p.speed[i] / _SCALE,
            "fix_at": _stamp(ts + p.fix[i]),
            "version": p.version[i],
        }
        events.append(
            {
                "op": "event",
                "topic": "positions",
                "epoch": p.epoch,
                "seq": seq,
                "ts": stamp,
                "type": p.event_type,
                "data": data,
            }
        )
    if p.batch:
        return _json.encode({"op": "batch", "events": events})
    if len(events) != 1:
        raise ValueError("a packed event frame holds one event")
    return _json.encode(events[0])


def _ms(stamp: str) -> int:
    """Milliseconds since the epoch of a protocol timestamp (``…T20:30:00.123Z``)."""
    if len(stamp) != 24 or stamp[19] != "." or stamp[23] != "Z":
        raise ValueError(f"not a millisecond timestamp: {stamp!r}")
    return _seconds_of(stamp[:19]) * 1000 + int(stamp[20:23])


def _stamp(ms: int) -> str:
    seconds, millis = divmod(ms, 1000)
    return f"{_text_of(seconds)}.{millis:03d}Z"


@functools.lru_cache(maxsize=256)
def _seconds_of(text: str) -> int:
    return calendar.timegm(time.strptime(text, "%Y-%m-%dT%H:%M:%S"))


@functools.lru_cache(maxsize=256)
def _text_of(seconds: int) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(seconds))
