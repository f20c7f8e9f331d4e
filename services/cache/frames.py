"""How a received frame is stored in the cache journal, and read back.

The journal keeps every received frame (the recording replay rebuilds the picture from),
one row per frame. Three stored forms, told apart by the first bytes of ``frame``:

* **packed positions** (``\\x00P1``): an ``event`` or ``batch`` frame of AVL positions —
  most of the traffic — stored as columns of integers (unit ids, seq and time deltas,
  coordinates in millionths of a degree, heading and speed in hundredths, versions),
  MessagePack-encoded and zlib-compressed: about 14 bytes a position instead of about 260;
* **compressed** (``\\x00Z``): any other frame of at least ``COMPRESS_FROM`` bytes
  (snapshots, batches of incidents or units, a positions frame that could not be
  packed), zlib-compressed when that makes it smaller (a cad snapshot shrinks about 20
  times, a batch of incidents 3 to 5 times);
* **verbatim**: everything else (single events, heads, acks), as received. A frame is
  JSON, which never starts with a NUL byte, so a verbatim row is never mistaken for the
  other two — and the rows of a cache written before this module are all verbatim (a
  malformed frame that does start with one is kept compressed).

Lossless by construction: a frame is packed only if unpacking it gives back exactly the
bytes received; otherwise it is compressed whole. That is checked at write without
unpacking (see :func:`_try_pack_positions`): the frame must be exactly the text msgspec
writes for its decoded values — as the unpacking writes it — and every value must
survive its integer column (checked with arithmetic on the values). So replay reads the
very frames that arrived (:func:`expand_frame`), whatever form they were kept in.

Anything that reads ``journal.frame`` directly must pass it through :func:`expand_frame`.
"""

from __future__ import annotations

import calendar
import functools
import time
import zlib

import msgspec
import numpy as np

PACKED_POSITIONS = b"\x00P1"
COMPRESSED = b"\x00Z"
#: frames shorter than this are kept verbatim (compression would save little)
COMPRESS_FROM = 1024
_LEVEL = 6
_POSITIONS_LEVEL = 1  # positions: most of the traffic; level 6 saves 5 % for twice the time
_COORD, _SCALE = 1_000_000, 100  # lat/lon in 1e-6 degrees; heading and speed in 1e-2
#: per row of lat, lon, heading, speed
_SCALES = np.array([[_COORD], [_COORD], [_SCALE], [_SCALE]], dtype=np.float64)
_LIMITS = 2.0**52 / _SCALES
_STAMP_LENGTH = 24  # 2026-11-30T20:30:00.123Z
_SEPARATORS_AT = [4, 7, 10, 13, 16, 19, 23]
_SEPARATORS = np.frombuffer(b"--T::.Z", dtype=np.uint8)
_DIGITS_AT = [i for i in range(_STAMP_LENGTH) if i not in _SEPARATORS_AT]
_DIGIT_WEIGHTS = 10 ** np.arange(len(_DIGITS_AT) - 1, -1, -1, dtype=np.int64)


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


class _PositionData(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    unit: str
    lat: float
    lon: float
    heading: float
    speed: float
    fix_at: str
    version: int


class _PositionEvent(
    msgspec.Struct, tag="event", tag_field="op", forbid_unknown_fields=True, gc=False
):
    topic: str
    epoch: str
    seq: int
    ts: str
    type: str
    data: _PositionData


class _PositionBatch(msgspec.Struct, tag="batch", tag_field="op", forbid_unknown_fields=True):
    events: list[_PositionEvent]


_positions_decoder = msgspec.json.Decoder(_PositionEvent | _PositionBatch)


def _try_pack_positions(frame: bytes) -> bytes | None:
    """The packed form of ``frame``, or None if it would not unpack to the same bytes.

    Checked by construction rather than by unpacking: (1) the frame is exactly what
    msgspec writes for its decoded values (key order, no spaces, shortest float and
    integer text, string escapes) — :func:`_unpack_positions` writes it the same way;
    (2) every value survives the integer columns: a coordinate times 10**6, a heading or
    speed times 100, rounded, divides back to the very same float (no -0.0), and every
    timestamp is a millisecond one that is written back as read; the epoch, type and
    topic are the same for every event."""
    try:
        message = _positions_decoder.decode(frame)
        if _json.encode(message) != frame:
            return None
        packed = _pack_positions(message)
    except (ValueError, TypeError, KeyError, OverflowError, msgspec.MsgspecError):
        return None
    if packed is None:
        return None
    return PACKED_POSITIONS + zlib.compress(packed, _POSITIONS_LEVEL)


def _pack_positions(message: _PositionEvent | _PositionBatch) -> bytes | None:
    """The columns of a decoded positions frame, or None if a value would not survive them."""
    batch = isinstance(message, _PositionBatch)
    events = message.events if isinstance(message, _PositionBatch) else [message]
    if not events:
        return None
    rows = [
        (
            e.topic,
            e.epoch,
            e.type,
            e.seq,
            e.ts,
            d.fix_at,
            d.unit,
            d.version,
            d.lat,
            d.lon,
            d.heading,
            d.speed,
        )
        for e in events
        for d in (e.data,)
    ]
    topics, epochs, types, seqs, stamps, fixes, units, versions, *floats = zip(*rows, strict=True)
    if set(topics) != {"positions"} or len(set(epochs)) != 1 or len(set(types)) != 1:
        return None
    values = np.array(floats, dtype=np.float64)  # rows: lat, lon, heading, speed
    # Integers well inside a float's 53 bits divide back exactly as _unpack_positions
    # divides them (int / int): the same float, or the frame is not packed.
    if not (np.abs(values) < _LIMITS).all():  # (also refuses nan and inf)
        return None
    if (np.signbit(values) & (values == 0)).any():  # -0.0 would come back as 0.0
        return None
    columns = np.rint(values * _SCALES)
    if not np.array_equal(columns / _SCALES, values):
        return None
    lat, lon, heading, speed = columns.astype(np.int64).tolist()
    ms = _milliseconds(stamps + fixes)
    ts, fix = ms[: len(events)], ms[len(events) :]
    return _packer.encode(
        _Packed(
            batch,
            epochs[0],
            types[0],
            seqs[0],
            [b - a for a, b in zip((seqs[0], *seqs), seqs, strict=False)],  # exact ints
            int(ts[0]),
            np.diff(ts, prepend=ts[0]).tolist(),
            list(units),
            lat,
            lon,
            heading,
            speed,
            (fix - ts).tolist(),
            list(versions),
        )
    )


def _milliseconds(stamps: tuple[str, ...]) -> np.ndarray:
    """Milliseconds since the epoch of protocol timestamps (``…T20:30:00.123Z``), each of
    which :func:`_stamp` writes back exactly as it is; ValueError for any other text.
    (A frame's few hundred at once, as arrays of characters; each distinct second is
    converted, and checked, once.)"""
    text = "".join(stamps).encode("ascii")  # (UnicodeEncodeError is a ValueError)
    if len(text) != _STAMP_LENGTH * len(stamps):
        raise ValueError("not millisecond timestamps")
    chars = np.frombuffer(text, dtype=np.uint8).reshape(len(stamps), _STAMP_LENGTH)
    digits = chars[:, _DIGITS_AT].astype(np.int64) - ord("0")
    if (chars[:, _SEPARATORS_AT] != _SEPARATORS).any() or (digits < 0).any() or (digits > 9).any():
        raise ValueError("not millisecond timestamps")
    number = digits @ _DIGIT_WEIGHTS  # YYYYMMDDhhmmssfff as one integer
    _, first, which = np.unique(number // 1000, return_index=True, return_inverse=True)
    of = np.array([_seconds_of(stamps[i][:19]) for i in first.tolist()], dtype=np.int64)
    # (four-digit years: far inside 64 bits, no overflow in what follows)
    return of[which.ravel()] * 1000 + number % 1000


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


def _stamp(ms: int) -> str:
    seconds, millis = divmod(ms, 1000)
    return f"{_text_of(seconds)}.{millis:03d}Z"


@functools.lru_cache(maxsize=256)
def _seconds_of(text: str) -> int:
    """Seconds since the epoch of ``YYYY-MM-DDTHH:MM:SS``, only if :func:`_text_of` writes
    them back as the same text (ValueError otherwise)."""
    seconds = calendar.timegm(time.strptime(text, "%Y-%m-%dT%H:%M:%S"))
    if _text_of(seconds) != text:
        raise ValueError(f"not a timestamp as the protocol writes it: {text!r}")
    return seconds


@functools.lru_cache(maxsize=256)
def _text_of(seconds: int) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(seconds))
