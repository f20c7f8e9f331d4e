from __future__ import annotations

import pytest

from services.protocol.codec import (
    ProtocolError,
    decode_client_frame,
    decode_command_data,
    decode_entity,
    decode_event_entity,
    decode_server_frame,
    encode,
)
from services.protocol.messages import Event, Hello, Subscribe
from services.protocol.times import format_ts, parse_ts

POSITION = (
    b'{"unit":"U-1","lat":31.3,"lon":120.6,"heading":90,"speed":8.5,'
    b'"fix_at":"2026-11-28T20:30:00.123Z"}'
)


def test_client_frames_decode_to_typed_messages() -> None:
    hello = decode_client_frame('{"op":"hello","v":1,"token":"t","client":"c"}')
    assert hello == Hello(v=1, token="t", client="c")
    sub = decode_client_frame(
        b'{"op":"subscribe","topics":{"incidents":{"epoch":"e-1","after":120},"units":null}}'
    )
    assert isinstance(sub, Subscribe)
    assert sub.topics["incidents"].after == 120
    assert sub.topics["units"] is None


@pytest.mark.parametrize(
    ("frame", "fragment"),
    [
        ("{", "malformed"),
        ('{"op":"warp"}', "$.op"),
        ('{"op":"hello","v":"1","token":"t"}', "$.v"),
        ('{"op":"hello","v":1}', "token"),
        ('{"op":"subscribe","topics":{"units":{"epoch":"e","after":-4}}}', "after"),
        ('{"op":"watch","cameras":["C-1"],"max_fps":500}', "max_fps"),
        ("[1,2]", "object"),
        ('"hello"', "object"),
    ],
)
def test_bad_client_frames_raise_precise_protocol_errors(frame: str, fragment: str) -> None:
    with pytest.raises(ProtocolError) as caught:
        decode_client_frame(frame)
    assert caught.value.code == "bad_request"
    assert fragment in caught.value.message


def test_oversized_frame_is_refused_before_parsing() -> None:
    with pytest.raises(ProtocolError, match="exceeds 1 MiB"):
        decode_client_frame(b" " * ((1 << 20) + 1))


def test_event_round_trip_and_entity_validation() -> None:
    event = decode_server_frame(
        b'{"op":"event","topic":"positions","epoch":"e","seq":3,'
        b'"ts":"2026-11-28T20:30:00.123Z","type":"position.updated","data":' + POSITION + b"}"
    )
    assert isinstance(event, Event)
    position = decode_event_entity(event)
    assert position.lat == 31.3
    assert decode_server_frame(encode(event)) == event


def test_entity_validation_rejects_out_of_range_and_bad_times() -> None:
    with pytest.raises(ProtocolError, match="lat"):
        decode_entity("positions", POSITION.replace(b"31.3", b"131.3"))
    with pytest.raises(ProtocolError, match="fix_at"):
        decode_entity("positions", POSITION.replace(b"20:30:00.123Z", b"yesterday"))
    with pytest.raises(ProtocolError, match="unknown topic"):
        decode_entity("weather", POSITION)


def test_removed_events_carry_their_key() -> None:
    event = Event(
        topic="positions",
        epoch="e",
        seq=1,
        ts="2026-11-28T20:30:00.123Z",
        type="position.removed",
        data=__import__("msgspec").Raw(b'{"unit":"U-9"}'),
    )
    assert decode_event_entity(event) == "U-9"


def test_command_data_is_validated_per_type() -> None:
    dispatch = decode_command_data(
        "incident.dispatch", b'{"incident":"I-1","units":["U-1"],"expected_version":7}'
    )
    assert dispatch.units == ["U-1"]
    with pytest.raises(ProtocolError, match="units"):
        decode_command_data("incident.dispatch", b'{"incident":"I-1","units":[]}')
    with pytest.raises(ProtocolError, match="unknown command type"):
        decode_command_data("incident.explode", b"{}")
    with pytest.raises(ProtocolError, match="colour"):
        decode_command_data("incident.close", b'{"incident":"I-1","colour":"red"}')


def test_hostile_text_survives_encoding_verbatim() -> None:
    hostile = '<img src=x onerror=alert(1)>"\\\u2028'
    entity = decode_entity(
        "alerts",
        encode(
            {
                "id": "A-1",
                "ts": "2026-11-28T20:30:00.000Z",
                "platform": "weibo",
                "topic": hostile,
                "excerpt": hostile,
                "sentiment": -0.5,
                "volume": 3,
                "severity": "watch",
                "version": 1,
            }
        ),
    )
    assert entity.excerpt == hostile


def test_timestamps_have_milliseconds_and_z() -> None:
    moment = parse_ts("2026-11-28T20:30:00.123Z")
    assert format_ts(moment) == "2026-11-28T20:30:00.123Z"
    with pytest.raises(ValueError, match="Z"):
        parse_ts("2026-11-28T20:30:00")
