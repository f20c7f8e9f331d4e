"""Strict decoding and fast encoding of protocol frames.

Decoding never lets an exception escape: every failure becomes a :class:`ProtocolError`
whose ``code`` is a protocol error code and whose ``message`` says precisely what was
wrong and where (``Expected `int`, got `str` - at `$.v```), so the connection loop can
answer ``bad_request`` and carry on. Size and nesting are checked on the raw bytes
before the parser sees them (docs/protocol.md, "Limits"), so no input can make it
recurse deeper than :data:`~services.protocol.limits.MAX_DEPTH`.
"""

from __future__ import annotations

from typing import Any

import msgspec
from msgspec import Raw, Struct

from services.protocol.commands import COMMANDS
from services.protocol.entities import TOPIC_ENTITY, TOPIC_KEY
from services.protocol.limits import MAX_DEPTH, nesting_exceeds
from services.protocol.messages import (
    MAX_FRAME_BYTES,
    ClientMessage,
    Event,
    ServerMessage,
)


class ProtocolError(Exception):
    """A frame that breaks the protocol; ``code`` is a protocol error code."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


_client_decoder = msgspec.json.Decoder(ClientMessage)
_server_decoder = msgspec.json.Decoder(ServerMessage)
_entity_decoders = {topic: msgspec.json.Decoder(kind) for topic, kind in TOPIC_ENTITY.items()}
_command_decoders = {name: msgspec.json.Decoder(kind) for name, (_, kind) in COMMANDS.items()}
_encoder = msgspec.json.Encoder()


def _decode(
    decoder: msgspec.json.Decoder[Any], frame: str | bytes, what: str, *, scan: bool = True
) -> Any:
    """Decode with size and nesting checked first; ``scan=False`` only for a part of a
    frame that was itself checked (nesting of a part is at most that of its frame)."""
    if isinstance(frame, str):
        frame = frame.encode("utf-8", "surrogatepass")
    if len(frame) > MAX_FRAME_BYTES:
        raise ProtocolError("bad_request", f"{what} of {len(frame)} bytes exceeds 1 MiB")
    if scan and nesting_exceeds(frame):
        raise ProtocolError("bad_request", f"{what} nests deeper than {MAX_DEPTH} levels")
    try:
        return decoder.decode(frame)
    except msgspec.ValidationError as exc:
        raise ProtocolError("bad_request", f"invalid {what}: {exc}") from None
    except msgspec.DecodeError as exc:
        raise ProtocolError("bad_request", f"malformed {what}: {exc}") from None
    except RecursionError:  # only reachable through scan=False misuse; still no traceback
        raise ProtocolError("bad_request", f"{what} nests too deep") from None


def decode_client_frame(frame: str | bytes) -> ClientMessage:
    """Decode one text frame a client sent to a service."""
    return _decode(_client_decoder, frame, "frame")


def decode_server_frame(frame: str | bytes) -> ServerMessage:
    """Decode one text frame a service sent to a client (envelope only)."""
    return _decode(_server_decoder, frame, "frame")


def decode_entity(topic: str, data: Raw | bytes) -> Struct:
    """Validate an event's or snapshot item's entity against its topic's schema."""
    return _decode_entity(topic, data, scan=True)


def _decode_entity(topic: str, data: Raw | bytes, *, scan: bool) -> Struct:
    decoder = _entity_decoders.get(topic)
    if decoder is None:
        raise ProtocolError("bad_request", f"unknown topic {topic!r}")
    return _decode(decoder, bytes(data), f"{topic} entity", scan=scan)


def decode_removed_key(topic: str, data: Raw | bytes) -> str:
    """The id carried by a ``*.removed`` event (``{"id": ...}`` or ``{"unit": ...}``)."""
    return _decode_removed_key(topic, data, scan=True)


def _decode_removed_key(topic: str, data: Raw | bytes, *, scan: bool) -> str:
    key = TOPIC_KEY.get(topic)
    if key is None:
        raise ProtocolError("bad_request", f"unknown topic {topic!r}")
    body = _decode(_dict_decoder, bytes(data), f"{topic} removal", scan=scan)
    value = body.get(key)
    if not isinstance(value, str) or not value:
        raise ProtocolError("bad_request", f"{topic} removal lacks a string {key!r}")
    return value


_dict_decoder = msgspec.json.Decoder(dict[str, Any])


def decode_event_entity(event: Event) -> Struct | str:
    """An event's validated entity, or the removed id for ``*.removed`` events.

    ``event`` comes from :func:`decode_server_frame`, which checked the nesting of the
    whole frame, so its ``data`` is not scanned a second time.
    """
    if event.type.endswith(".removed"):
        return _decode_removed_key(event.topic, event.data, scan=False)
    return _decode_entity(event.topic, event.data, scan=False)


def decode_command_data(command_type: str, data: Raw | bytes) -> Struct:
    """Validate a command's ``data`` for its type; unknown types are ``bad_request``."""
    decoder = _command_decoders.get(command_type)
    if decoder is None:
        raise ProtocolError("bad_request", f"unknown command type {command_type!r}")
    return _decode(decoder, bytes(data), f"{command_type} data")


def encode(message: Any) -> bytes:
    """Encode a message, struct, dict or list as compact UTF-8 JSON."""
    return _encoder.encode(message)
