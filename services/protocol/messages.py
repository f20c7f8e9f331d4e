"""Protocol v1 envelopes: every frame either side may send (docs/protocol.md).

Each message is a msgspec ``Struct`` tagged by its ``op``. Payloads whose type depends on
another field (an event's entity, a command's data) are kept as ``msgspec.Raw`` in the
envelope and decoded in a second, typed step by :mod:`services.protocol.codec`, so the
envelope of a frame is validated once and its payload exactly once.
"""

from __future__ import annotations

from typing import Annotated, Any

import msgspec
from msgspec import Meta, Raw, Struct

from services.protocol import limits
from services.protocol.entities import Identifier, Timestamp
from services.protocol.limits import (
    ID_CHARS,
    MAX_CAMERAS,
    MAX_TOPICS,
    Epoch,
    Label,
    Name,
    Text,
    Token,
)

PROTOCOL_VERSION = 1
MAX_FRAME_BYTES = limits.MAX_FRAME_BYTES  # 1 MiB, both directions (close 1009 above it)
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

ERROR_CODES = (
    "bad_request",
    "unauthorized",
    "forbidden",
    "not_found",
    "conflict",
    "unavailable",
    "rate_limited",  # a per-connection budget is spent; send it again later
)
Seq = Annotated[int, Meta(ge=0)]
Topic = Annotated[str, Meta(min_length=1, max_length=64)]
CommandId = Annotated[str, Meta(min_length=1, max_length=ID_CHARS)]
CommandType = Annotated[str, Meta(min_length=1, max_length=64)]
EventType = Annotated[str, Meta(min_length=1, max_length=64)]


class Message(Struct, tag_field="op", kw_only=True):
    """Base of every frame; ``op`` is the tag."""


# --- client -> server -------------------------------------------------------------------


class Hello(Message, tag="hello"):
    v: int
    token: Token
    client: Label = ""


class Resume(Struct, forbid_unknown_fields=True):
    epoch: Epoch
    after: Seq


class Subscribe(Message, tag="subscribe"):
    topics: Annotated[dict[Topic, Resume | None], Meta(max_length=MAX_TOPICS)]


class Unsubscribe(Message, tag="unsubscribe"):
    topics: Annotated[list[Topic], Meta(max_length=MAX_TOPICS)]


class Command(Message, tag="command"):
    id: CommandId
    type: CommandType
    data: Raw = msgspec.field(default_factory=lambda: Raw(b"{}"))


class Watch(Message, tag="watch"):
    cameras: Annotated[list[Identifier], Meta(max_length=MAX_CAMERAS)]
    max_fps: Annotated[float, Meta(gt=0.0, le=30.0)] = 5.0
    max_width: Annotated[int, Meta(ge=64, le=1920)] = 640


class Unwatch(Message, tag="unwatch"):
    cameras: Annotated[list[Identifier], Meta(max_length=MAX_CAMERAS)]


ClientMessage = Hello | Subscribe | Unsubscribe | Command | Watch | Unwatch


# --- server -> client -------------------------------------------------------------------


class Welcome(Message, tag="welcome"):
    v: int
    service: Name
    topics: Annotated[list[Topic], Meta(max_length=MAX_TOPICS)]
    role: Name
    server_time: Timestamp


class Error(Message, tag="error"):
    code: Name
    message: Text = ""
    id: CommandId | None = None  # the command id, when the error is about one


class Snapshot(Message, tag="snapshot"):
    topic: Topic
    epoch: Epoch
    seq: Seq
    # Bounded by the frame: a part holds what fits in 1 MiB.
    items: list[Raw]
    # A snapshot too large for one frame arrives in ``parts`` frames, numbered from 1,
    # all with the same epoch and seq; it takes effect when the last part has arrived.
    part: Annotated[int, Meta(ge=1)] = 1
    parts: Annotated[int, Meta(ge=1)] = 1


class Event(Message, tag="event"):
    topic: Topic
    epoch: Epoch
    seq: Annotated[int, Meta(ge=1)]
    ts: Timestamp
    type: EventType
    data: Raw


class Batch(Message, tag="batch"):
    events: list[Event]  # bounded by the frame


class Head(Struct):
    epoch: Epoch
    seq: Seq


class Heads(Message, tag="heads"):
    heads: Annotated[dict[Topic, Head], Meta(max_length=MAX_TOPICS)]


class AckError(Struct):
    code: Name
    message: Text = ""


class Ack(Message, tag="ack"):
    id: CommandId
    ok: bool
    result: dict[Name, Any] | None = None  # bounded by the frame and MAX_DEPTH
    error: AckError | None = None


ServerMessage = Welcome | Error | Snapshot | Event | Batch | Heads | Ack
