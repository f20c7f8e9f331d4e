"""Fuzzing the decoders: any input either decodes or raises ProtocolError, nothing else."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from services.protocol.codec import (
    ProtocolError,
    decode_client_frame,
    decode_command_data,
    decode_entity,
    decode_event_entity,
    decode_removed_key,
    decode_server_frame,
)
from services.protocol.commands import COMMANDS
from services.protocol.entities import TOPIC_ENTITY
from services.protocol.messages import Batch, Event

TS = "2026-11-28T20:30:00.123Z"
FUZZ = settings(max_examples=150, deadline=None, database=None)

VALID_FRAMES = [
    b'{"op":"hello","v":1,"token":"commander-token-0001","client":"tests"}',
    b'{"op":"subscribe","topics":{"incidents":{"epoch":"e-1","after":12},"units":null}}',
    b'{"op":"unsubscribe","topics":["positions"]}',
    b'{"op":"command","id":"c-1","type":"incident.create","data":{"category":"theft",'
    b'"priority":2,"summary":"\\u7535\\u52a8\\u8f66","location":{"lat":31.3,"lon":120.6}}}',
    b'{"op":"watch","cameras":["C-0012"],"max_fps":5,"max_width":640}',
    b'{"op":"welcome","v":1,"service":"cad","topics":["incidents","units"],'
    b'"role":"commander","server_time":"' + TS.encode() + b'"}',
    b'{"op":"event","topic":"positions","epoch":"e-1","seq":7,"ts":"' + TS.encode() + b'",'
    b'"type":"position.updated","data":{"unit":"U-1","lat":31.3,"lon":120.6,'
    b'"fix_at":"' + TS.encode() + b'"}}',
    b'{"op":"batch","events":[{"op":"event","topic":"units","epoch":"e-1","seq":3,'
    b'"ts":"' + TS.encode() + b'","type":"unit.removed","data":{"id":"U-9"}}]}',
    b'{"op":"ack","id":"c-1","ok":false,"error":{"code":"conflict","message":"x"}}',
    b'{"op":"heads","heads":{"incidents":{"epoch":"e-1","seq":12}}}',
]

scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=20)
    | st.sampled_from(["hello", "event", "batch", "command", "incident.create", TS, "e-1"])
)
json_values = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(["op", "v", "token", "topics", "id", "type", "data", "seq", "unit"])
            | st.text(max_size=6),
            children,
            max_size=5,
        )
    ),
    max_leaves=40,
)


@st.composite
def envelopes(draw: st.DrawFn) -> bytes:
    """Objects that look like frames: a known or unknown op, fields of any type."""
    body = draw(st.dictionaries(st.text(max_size=8), json_values, max_size=6))
    body["op"] = draw(
        st.sampled_from(["hello", "subscribe", "command", "event", "batch", "ack", "warp"])
    )
    return json.dumps(body).encode()  # json.dumps writes NaN and Infinity literally


@st.composite
def deep(draw: st.DrawFn) -> bytes:
    levels = draw(st.integers(min_value=20, max_value=3000))
    opener, closer = draw(st.sampled_from([("[", "]"), ('{"a":', "}"), ('["x",', "]")]))
    inner = opener * levels + "1" + closer * levels
    if draw(st.booleans()):  # inside an otherwise valid envelope
        inner = '{"op":"command","id":"c","type":"incident.create","data":' + inner + "}"
    if draw(st.booleans()):
        inner = inner[: draw(st.integers(min_value=0, max_value=len(inner)))]
    return inner.encode()


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    """A valid frame truncated, with bytes replaced, inserted, or a number blown up."""
    frame = bytearray(draw(st.sampled_from(VALID_FRAMES)))
    action = draw(st.sampled_from(["truncate", "replace", "insert", "number", "duplicate"]))
    at = draw(st.integers(min_value=0, max_value=len(frame)))
    if action == "truncate":
        return bytes(frame[:at])
    if action == "replace" and at < len(frame):
        frame[at] = draw(st.integers(min_value=0, max_value=255))
    elif action == "insert":
        frame[at:at] = draw(st.binary(min_size=1, max_size=8))
    elif action == "number":
        frame[at:at] = draw(st.sampled_from([b"9" * 5000, b"1e99999", b"-0.0e-400", b"NaN"]))
    elif action == "duplicate":  # a duplicate key right after the opening brace
        frame[1:1] = b'"op":"warp",'
    return bytes(frame)


anything = (
    st.binary(max_size=600)
    | st.text(max_size=300)
    | envelopes()
    | deep()
    | mutated()
    | json_values.map(lambda value: json.dumps(value).encode())
)


def survives(decode: Callable[[Any], object], data: Any) -> None:
    """``decode(data)`` returns, or raises a ProtocolError with a message; nothing else."""
    error: ProtocolError | None = None
    try:
        decode(data)
    except ProtocolError as exc:
        error = exc
    if error is not None:
        assert (error.code, bool(error.message)) == ("bad_request", True)


@FUZZ
@given(anything)
def test_client_frames(data: bytes | str) -> None:
    survives(decode_client_frame, data)
    if isinstance(data, bytes):  # the same bytes as a str, undecodable ones as surrogates
        survives(decode_client_frame, data.decode("utf-8", "surrogateescape"))


@FUZZ
@given(anything)
def test_server_frames_and_the_entities_they_carry(data: bytes | str) -> None:
    try:
        message = decode_server_frame(data)
    except ProtocolError:
        return
    events = message.events if isinstance(message, Batch) else [message]
    for event in events:
        if isinstance(event, Event):
            survives(decode_event_entity, event)


@FUZZ
@given(anything, st.sampled_from([*sorted(COMMANDS), "no.such.command"]))
def test_command_data(data: bytes | str, command_type: str) -> None:
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    survives(lambda payload: decode_command_data(command_type, payload), raw)


@FUZZ
@given(anything, st.sampled_from([*TOPIC_ENTITY, "nowhere"]))
def test_entities_and_removals(data: bytes | str, topic: str) -> None:
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    survives(lambda payload: decode_entity(topic, payload), raw)
    survives(lambda payload: decode_removed_key(topic, payload), raw)


def test_the_valid_samples_are_valid() -> None:
    """The mutations start from frames that decode (else the fuzzing proves less)."""

    def decodes(frame: bytes) -> bool:
        for decode in (decode_client_frame, decode_server_frame):
            try:
                decode(frame)
            except ProtocolError:
                continue
            return True
        return False

    assert [frame for frame in VALID_FRAMES if not decodes(frame)] == []
