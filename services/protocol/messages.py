"""Protocol v1 envelopes: every frame either side may send (PROTOCOL.md).

Each message is a msgspec ``Struct`` tagged by its ``op``. Payloads whose type depends on
another field (an event's entity, a command's data) are kept as ``msgspec.Raw`` in the
envelope and decoded in a second, typed step by :mod:`services.protocol.codec`, so the
envelope of a frame is validated once and its payload exactly once.
"""

from __future__ import annotations

from typing import Annotated, Any

import msgspec
from msgspec import Meta, Raw, Struct

from services.protocol.entities import Identifier, Timestamp

PROTOCOL_VERSION = 1
MAX_FRAME_BYTES = 1 << 20  # 1 MiB, both directions (close 1009 above it)
PING_INTERVAL_S = 5.0
PING_TIMEOUT_S = 10.0
HELLO_TIMEOUT_S = 5.0
BAD_FRAMES_PER_MINUTE = 20
HEADS_INTERVAL_S = 5.0

# Close codes used by the protocol.
CLOSE_BAD_REQUEST = 4400
CLOSE_UNAUTHORIZED = 4401
CLOSE_HELLO_TIMEOUT = 4408
CLOSE_POLICY = 1008
CLOSE_TOO_BIG = 1009
CLOSE_TRY_AGAIN_LATER = 1013

ERROR_CODES = ("bad_request", "unauthorized", "forbidden", "not_found", "conflict", "unavailable")
Seq = Annotated[int, Meta(ge=0)]
Topic = Annotated[str, Meta(min_length=1, max_length=64)]


class Message(Struct, tag_field="op", kw_only=True):
    """Base of every frame; ``op`` is the tag."""


# --- client -> server -------------------------------------------------------------------


class Hello(Message, tag="hello"):
    v: int
    token: Annotated[str, Meta(max_length=4096)]
    client: Annotated[str, Meta(max_length=256)] = ""


class Resume(Struct, forbid_unknown_fields=True):
    epoch: Annotated[str, Meta(min_length=1, max_length=128)]
    after: Seq


class Subscribe(Message, tag="subscribe"):
    topics: dict[Topic, Resume | None]


class Unsubscribe(Message, tag="unsubscribe"):
    topics: list[Topic]


class Command(Message, tag="command"):
    id: Annotated[str, Meta(min_length=1, max_length=128)]
    type: Annotated[str, Meta(min_length=1, max_length=64)]
    data: Raw = msgspec.field(default_factory=lambda: Raw(b"{}"))


class Watch(Message, tag="watch"):
    cameras: Annotated[list[Identifier], Meta(max_length=64)]
    max_fps: Annotated[float, Meta(gt=0.0, le=30.0)] = 5.0
    max_width: Annotated[int, Meta(ge=64, le=1920)] = 640


class Unwatch(Message, tag="unwatch"):
    cameras: list[Identifier]


ClientMessage = Hello | Subscribe | Unsubscribe | Command | Watch | Unwatch


# --- server -> client -------------------------------------------------------------------


class Welcome(Message, tag="welcome"):
    v: int
    service: str
    topics: list[str]
    role: str
    server_time: Timestamp


class Error(Message, tag="error"):
    code: str
    message: str = ""
    id: str | None = None  # the command id, when the error is about one


class Snapshot(Message, tag="snapshot"):
    topic: Topic
    epoch: str
    seq: Seq
    items: list[Raw]
    # A snapshot too large for one frame arrives in ``parts`` frames, numbered from 1,
    # all with the same epoch and seq; it takes effect when the last part has arrived.
    part: Annotated[int, Meta(ge=1)] = 1
    parts: Annotated[int, Meta(ge=1)] = 1


class Event(Message, tag="event"):
    topic: Topic
    epoch: str
    seq: Annotated[int, Meta(ge=1)]
    ts: Timestamp
    type: Annotated[str, Meta(min_length=1, max_length=64)]
    data: Raw


class Batch(Message, tag="batch"):
    events: list[Event]


class Head(Struct):
    epoch: str
    seq: Seq


class Heads(Message, tag="heads"):
    heads: dict[Topic, Head]


class AckError(Struct):
    code: str
    message: str = ""


class Ack(Message, tag="ack"):
    id: str
    ok: bool
    result: dict[str, Any] | None = None
    error: AckError | None = None


ServerMessage = Welcome | Error | Snapshot | Event | Batch | Heads | Ack
