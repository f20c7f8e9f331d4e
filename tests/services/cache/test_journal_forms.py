"""How the journal keeps frames (services/cache/frames.py): whatever the form, a frame is
read back exactly as it was received."""

from __future__ import annotations

import random
import re

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from services.cache.frames import COMPRESSED, PACKED_POSITIONS, expand_frame, store_form
from tests.services.cache.journal_frames import position, positions_frame, stamp

T0_MS = 1_795_000_000_000


def sample_frame(count: int = 240, seed: int = 1) -> bytes:
    rng = random.Random(seed)
    data = [position(f"U-WZ-{i}", rng, T0_MS - 100, i + 1) for i in range(count)]
    return positions_frame(1000, data, T0_MS)


def test_a_positions_batch_is_packed_small_and_read_back_byte_for_byte() -> None:
    frame = sample_frame()
    stored = store_form(frame, "batch", "positions")
    assert stored.startswith(PACKED_POSITIONS)
    assert expand_frame(stored) == frame
    # about 260 bytes a position as received; the packed form is a small fraction
    assert len(stored) / 240 < 25, len(stored) / 240


def test_a_single_position_event_is_packed_too() -> None:
    frame = sample_frame(count=1)
    assert frame.startswith(b'{"op":"event"')
    stored = store_form(frame, "event", "positions")
    assert stored.startswith(PACKED_POSITIONS)
    assert expand_frame(stored) == frame


def test_a_frame_that_would_not_unpack_exactly_is_compressed_whole() -> None:
    rng = random.Random(2)
    odd = [position(f"U-{i}", rng, T0_MS, 1) for i in range(40)]
    odd[3]["lat"] = 31.12345678  # eight decimals: not representable in millionths
    odd[7]["extra"] = "a field another AVL system adds"
    for frame in (positions_frame(1, odd, T0_MS), sample_frame().replace(b".000Z", b"Z")):
        stored = store_form(frame, "batch", "positions")
        assert stored.startswith(COMPRESSED)
        assert expand_frame(stored) == frame


def test_other_frames_are_verbatim_or_compressed_and_read_back() -> None:
    small = b'{"op":"heads","heads":{"incidents":{"epoch":"e-1","seq":4}}}'
    assert store_form(small, "heads", None) == small
    assert expand_frame(small) == small
    items = [msgspec.json.encode({"id": f"C-{i}", "name": "camera"}) for i in range(200)]
    snapshot = (
        b'{"op":"snapshot","topic":"cameras","epoch":"e-1","seq":9,"items":['
        + b",".join(items)
        + b"]}"
    )
    stored = store_form(snapshot, "snapshot", "cameras")
    assert stored.startswith(COMPRESSED)
    assert len(stored) < len(snapshot) / 5
    assert expand_frame(stored) == snapshot
    event = b'{"op":"event","topic":"incidents","seq":3}'
    assert store_form(event, "event", "incidents") == event  # small events stay as they are
    for malformed in (b"\x00P1 not a frame", b"\x00"):  # rejected as received: kept as is
        assert expand_frame(store_form(malformed, "rejected", None)) == malformed


ids = st.text(alphabet="ABCDEFGHJKLMNPQRSTUVWXYZ-0123456789", min_size=1, max_size=24)
KEYS = ("unit", "lat", "lon", "heading", "speed", "fix_at", "version")
positions = st.tuples(
    ids,
    st.floats(-90, 90, allow_nan=False),
    st.floats(-180, 180, allow_nan=False),
    st.floats(0, 360, allow_nan=False),
    st.floats(0, 1000, allow_nan=False),
    st.integers(0, 4_000_000_000_000).map(stamp),
    st.integers(0, 2**40),
).map(lambda values: dict(zip(KEYS, values, strict=True)))  # the backend's key order
rounded = positions.map(
    lambda p: (
        p
        | {
            "lat": round(p["lat"], 6) + 0.0,  # (+ 0.0: no -0.0, which is kept compressed)
            "lon": round(p["lon"], 6) + 0.0,
            "heading": round(p["heading"], 2) + 0.0,
            "speed": round(p["speed"], 1) + 0.0,
        }
    )
)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.one_of(positions, rounded), min_size=1, max_size=30),
    st.integers(1, 2**40),
    st.integers(0, 4_000_000_000_000),
)
def test_any_positions_frame_reads_back_exactly(data, first_seq, ts_ms) -> None:
    frame = positions_frame(first_seq, data, ts_ms)
    stored = store_form(frame, "batch" if len(data) > 1 else "event", "positions")
    assert expand_frame(stored) == frame


@settings(max_examples=60, deadline=None)
@given(st.lists(rounded, min_size=1, max_size=30), st.integers(0, 4_000_000_000_000))
def test_positions_of_the_protocol_precision_are_always_packed(data, ts_ms) -> None:
    frame = positions_frame(7, data, ts_ms)
    assert store_form(frame, "batch", "positions").startswith(PACKED_POSITIONS)


# --- the check by construction (no unpacking at write) ---------------------------------
# A frame is packed only if it is exactly msgspec's text of its values and each value
# survives the integer columns. Any other spelling of the same positions — which a
# different server or a proxy could send — must be kept whole, never "corrected".

NON_CANONICAL = {
    "a space after a colon": (rb'"lat":', b'"lat": '),
    "a space after a comma": (rb',"lon"', b', "lon"'),
    "an integer-valued float written as an integer": (rb'"heading":(\d+)\.0,', rb'"heading":\1,'),
    "a trailing zero": (rb'"speed":(\d+\.\d+)', rb'"speed":\g<1>0'),
    "an exponent": (rb'"speed":(\d+)\.(\d)\d*', rb'"speed":\1\2e-1'),
    "an escaped letter": (rb'"unit":"U', rb'"unit":"\\u0055'),
    "a negative zero": (rb'"heading":[0-9.]+', b'"heading":-0.0'),
    "one more key": (rb'"version":', b'"extra":1,"version":'),
    "keys in another order": (rb'"lat":([0-9.-]+),"lon":([0-9.-]+)', rb'"lon":\2,"lat":\1'),
    "a timestamp without milliseconds": (rb'"fix_at":"([^".]+)\.\d{3}Z"', rb'"fix_at":"\1Z"'),
    "a leap second": (rb'"ts":"(\d{4}-\d\d-\d\d)T[^"]+"', rb'"ts":"\1T23:59:60.000Z"'),
    "non-ASCII digits in the milliseconds": (
        rb'"fix_at":"([^"]+)\.\d(\d\d)Z"',
        '"fix_at":"\\1.\u0663\\2Z"'.encode(),
    ),
    "seven decimals": (rb'"lat":(\d+\.\d+)', rb'"lat":\g<1>0000001'),
    "a thirteenth month": (rb'"fix_at":"(\d{4})-\d\d-', rb'"fix_at":"\1-13-'),
    "a 30th of February": (rb'"fix_at":"(\d{4})-\d\d-\d\d', rb'"fix_at":"\1-02-30'),
    "a lower-case t": (rb'"ts":"(\d{4}-\d\d-\d\d)T', rb'"ts":"\1t'),
    "a year before 1000": (rb'"ts":"\d{4}-', b'"ts":"0999-'),
    "another topic in the batch": (rb'"topic":"positions"', b'"topic":"positionz"'),
}


def mutated(frame: bytes, name: str, count: int = 1) -> bytes:
    pattern, replacement = NON_CANONICAL[name]
    return re.sub(pattern, replacement, frame, count=count)


@pytest.mark.parametrize("name", sorted(NON_CANONICAL))
def test_a_positions_frame_spelled_otherwise_is_kept_whole_and_read_back(name: str) -> None:
    frame = sample_frame(count=30)
    changed = mutated(frame, name)
    assert changed != frame, "the mutation did not apply"
    stored = store_form(changed, "batch", "positions")
    assert stored.startswith(COMPRESSED)
    assert expand_frame(stored) == changed


@settings(max_examples=150, deadline=None)
@given(
    st.lists(rounded, min_size=1, max_size=20),
    st.integers(1, 2**40),
    st.integers(0, 4_000_000_000_000),
    st.sampled_from(sorted(NON_CANONICAL)),
    st.integers(0, 3),
)
def test_any_spelling_of_a_positions_frame_reads_back_exactly(
    data, first_seq, ts_ms, name, count
) -> None:
    frame = positions_frame(first_seq, data, ts_ms)
    changed = mutated(frame, name, count)  # count 0: every occurrence
    stored = store_form(changed, "batch" if len(data) > 1 else "event", "positions")
    assert expand_frame(stored) == changed
    if changed == frame:  # nothing to change (say, no speed with decimals)
        assert stored.startswith(PACKED_POSITIONS)
