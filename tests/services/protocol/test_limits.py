"""The declared maxima: every field has one, and a maximal entity fits well in a frame."""

from __future__ import annotations

import json
from typing import Any

import msgspec
import msgspec.inspect as mi
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from msgspec import Raw

from services.backend.sim.model import IncidentState
from services.protocol.codec import decode_entity, encode
from services.protocol.commands import COMMANDS
from services.protocol.entities import TOPIC_ENTITY
from services.protocol.limits import (
    ADDRESS_CHARS,
    ID_CHARS,
    MAX_DEPTH,
    MAX_INCIDENT_UNITS,
    MAX_NOTES,
    NAME_CHARS,
    NOTE_CHARS,
    TEXT_CHARS,
    nesting_exceeds,
)
from services.protocol.messages import MAX_FRAME_BYTES, ClientMessage, Event, ServerMessage

TS = "2026-11-28T20:30:00.123Z"
WORST = "\x01"  # msgspec writes it as the 6-byte escape \u0001: the most bytes per character

# Lists whose size only the frame bounds (and their items' own limits): the parts of a
# snapshot, the events of a batch, and an ack's free-form result.
BOUNDED_BY_THE_FRAME = {("Snapshot", "items"), ("Batch", "events"), ("Ack", "result")}


def _unbounded(owner: str, name: str, kind: mi.Type, seen: set[type]) -> list[str]:
    if isinstance(kind, mi.UnionType):
        return [p for t in kind.types for p in _unbounded(owner, name, t, seen)]
    if isinstance(kind, mi.StructType):
        return _unbounded_fields(kind, seen)
    found = []
    if isinstance(kind, mi.StrType) and kind.max_length is None and kind.pattern is None:
        found.append(f"{owner}.{name}")
    if isinstance(kind, mi.ListType | mi.DictType):
        if kind.max_length is None and (owner, name) not in BOUNDED_BY_THE_FRAME:
            found.append(f"{owner}.{name}")
        items = kind.item_type if isinstance(kind, mi.ListType) else kind.value_type
        found += _unbounded(owner, f"{name}[]", items, seen)
        if isinstance(kind, mi.DictType):
            found += _unbounded(owner, f"{name}{{key}}", kind.key_type, seen)
    return found


def _unbounded_fields(struct: mi.StructType, seen: set[type]) -> list[str]:
    if struct.cls in seen:
        return []
    seen.add(struct.cls)
    owner = struct.cls.__name__
    return [p for f in struct.fields for p in _unbounded(owner, f.name, f.type, seen)]


def test_every_string_list_and_map_of_every_schema_has_a_declared_maximum() -> None:
    kinds = [
        *TOPIC_ENTITY.values(),
        *(payload for _, payload in COMMANDS.values()),
        ClientMessage,
        ServerMessage,
    ]
    unbounded = [p for kind in kinds for p in _unbounded("", "", mi.type_info(kind), set())]
    assert unbounded == []


def maximal(kind: mi.Type) -> Any:
    """The largest value a schema admits, in encoded bytes (worst-case characters)."""
    if isinstance(kind, mi.UnionType):
        values = [maximal(t) for t in kind.types]
        return max(values, key=lambda value: len(encode(value)))
    if isinstance(kind, mi.StructType):
        value = {f.encode_name: maximal(f.type) for f in kind.fields}
        if kind.tag_field is not None:
            value[kind.tag_field] = kind.tag
        return value
    if isinstance(kind, mi.StrType):
        return TS if kind.pattern else WORST * kind.max_length
    if isinstance(kind, mi.ListType):
        return [maximal(kind.item_type)] * kind.max_length
    if isinstance(kind, mi.LiteralType):
        return max(kind.values, key=lambda value: len(encode(value)))
    if isinstance(kind, mi.IntType | mi.FloatType):
        wide = -(2**63) if isinstance(kind, mi.IntType) else -123.45678901234567
        candidates = [wide, -wide - 1, kind.ge, kind.le]
        admitted = [
            n
            for n in candidates
            if n is not None
            and (kind.ge is None or n >= kind.ge)
            and (kind.le is None or n <= kind.le)
        ]
        return max(admitted, key=lambda n: len(encode(n)))
    if isinstance(kind, mi.BoolType):
        return False
    if isinstance(kind, mi.NoneType):
        return None
    raise AssertionError(f"no maximal value for {kind}")


def event_frame(topic: str, entity: dict[str, Any]) -> bytes:
    return encode(
        Event(
            topic=topic,
            epoch="e" * ID_CHARS,
            seq=2**62,
            ts=TS,
            type="x" * 64,
            data=Raw(encode(entity)),
        )
    )


@pytest.mark.parametrize("topic", list(TOPIC_ENTITY))
def test_a_maximal_entity_is_valid_and_under_half_the_frame_limit(topic: str) -> None:
    entity = maximal(mi.type_info(TOPIC_ENTITY[topic]))
    decode_entity(topic, encode(entity))  # it is what the schema admits
    frame = event_frame(topic, entity)
    assert len(frame) < MAX_FRAME_BYTES // 2, (topic, len(frame))


def test_a_maximal_simulated_incident_with_every_added_field_fits_too() -> None:
    """The reference backend adds fields (``summary_en``, ``address_en``, ``resolution``,
    ...); at their own limits the incident still encodes under half the frame limit."""
    incident = IncidentState(WORST * ID_CHARS, WORST * NAME_CHARS, 1, 31.3, 120.6)
    incident.summary = incident.summary_en = incident.resolution = WORST * TEXT_CHARS
    incident.address = incident.address_en = WORST * ADDRESS_CHARS
    incident.district = incident.district_en = WORST * NAME_CHARS
    incident.source = incident.lang = WORST * NAME_CHARS
    incident.reported_at = incident.updated_at = incident.closed_at = TS
    incident.units = [WORST * ID_CHARS] * MAX_INCIDENT_UNITS
    incident.notes = [{"ts": TS, "text": WORST * NOTE_CHARS}] * MAX_NOTES
    entity = incident.entity()
    decode_entity("incidents", encode(entity))
    size = len(event_frame("incidents", entity))
    assert size < MAX_FRAME_BYTES // 2, size


# --- nesting ----------------------------------------------------------------------------


def depth(value: Any) -> int:
    """Levels of arrays/objects in a JSON value (a scalar is 0 deep)."""
    if isinstance(value, list):
        return 1 + max((depth(item) for item in value), default=0)
    if isinstance(value, dict):
        return 1 + max((depth(item) for item in value.values()), default=0)
    return 0


def nested(levels: int, inner: str = "1") -> str:
    text = inner
    for level in range(levels):
        text = f"[{text}]" if level % 2 else f'{{"k":{text}}}'
    return text


@pytest.mark.parametrize("levels", [0, 1, 31, 32])
def test_nesting_up_to_the_limit_passes(levels: int) -> None:
    assert not nesting_exceeds(nested(levels).encode())


@pytest.mark.parametrize("levels", [33, 34, 100, 5000])
def test_nesting_past_the_limit_is_found(levels: int) -> None:
    assert nesting_exceeds(nested(levels).encode())


@pytest.mark.parametrize(
    "text",
    [
        '["' + "[" * 100 + '"]',  # brackets inside a string do not count
        '{"a":"' + "{" * 50 + '","b":"' + "]" * 50 + '"}',
        '["\\\\", "' + "[" * 40 + '"]',  # an escaped backslash does not escape the quote
        '["\\"' + "[" * 40 + '"]',  # an escaped quote does not end the string
        "]" * 1000 + "[" * 10,  # a parser stops at the first stray closer
    ],
)
def test_strings_and_escapes_are_respected(text: str) -> None:
    assert not nesting_exceeds(text.encode())


@pytest.mark.parametrize(
    "text",
    [
        '["]",' * 40 + "1" + "]" * 40,  # closers hidden in strings do not close anything
        '["\\"' + '",' + "[" * 40,  # the string ends at the second quote
        "[" * 33,  # never closed: a parser would still go 33 deep first
        "[[]," * 40,
    ],
)
def test_nesting_hidden_behind_strings_is_still_found(text: str) -> None:
    assert nesting_exceeds(text.encode())


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.text(alphabet=st.sampled_from('[]{}"\\ab\n\x01中')),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(
            st.text(alphabet=st.sampled_from('[]{}"\\k'), max_size=3), children, max_size=3
        )
    ),
    max_leaves=60,
)


@settings(max_examples=400, deadline=None, database=None)
@given(json_values, st.integers(min_value=0, max_value=8))
def test_the_scan_agrees_with_the_parsed_depth(value: Any, limit: int) -> None:
    """On valid JSON the byte scan is exact, whatever the strings hold."""
    for document in (json.dumps(value).encode(), encode(value)):
        assert nesting_exceeds(document, limit) == (depth(msgspec.json.decode(document)) > limit)


def test_max_depth_is_small() -> None:
    assert 8 <= MAX_DEPTH <= 64
