"""The core's write-ahead log on JetStream: what a commit group will write, written first.

One commit of the core (a simulator step, commands and their acks) is published to the
``CC_JOURNAL`` stream *before* any of it reaches a topic stream, the state stream or the
acks bucket. A core killed half way through fanning a group out finds the group in the
journal when it starts again and finishes it (:func:`missing_events`), so a topic never
has half of a command's effects and an ack is never stored without its effects — the
same promise the single process keeps with one SQLite transaction.

A group larger than one JetStream message is cut into several entries; a command's
events and its ack always travel in the same entry.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import msgspec
from msgspec import Raw, Struct

from services.backend.backbone.streams import PAYLOAD_BUDGET


class JournalEvent(Struct, array_like=True):
    topic: str
    seq: int
    key: str
    removed: bool
    frame: bytes  # the event frame exactly as clients receive it


class JournalAck(Struct, array_like=True):
    key: str  # the acks bucket key (issuer and id digest)
    frame: bytes


class JournalEntry(Struct, array_like=True):
    events: list[JournalEvent] = msgspec.field(default_factory=list)
    acks: list[JournalAck] = msgspec.field(default_factory=list)


@dataclass
class Unit:
    """What must stay together: one simulator step's events, or one command's and its ack."""

    events: list[JournalEvent] = field(default_factory=list)
    ack: JournalAck | None = None


_encoder = msgspec.msgpack.Encoder()
_decoder = msgspec.msgpack.Decoder(JournalEntry)


def encode_entry(entry: JournalEntry) -> bytes:
    return _encoder.encode(entry)


def decode_entry(data: bytes) -> JournalEntry:
    return _decoder.decode(data)


def entries_of(units: list[Unit], budget: int = PAYLOAD_BUDGET) -> list[JournalEntry]:
    """Pack units into entries under ``budget`` bytes; a unit with an ack is never split
    (a unit without one — a simulator step — may be)."""
    entries = [JournalEntry()]
    size = 0
    for unit in units:
        unit_size = sum(len(e.frame) + 96 for e in unit.events)
        if unit.ack is not None:
            unit_size += len(unit.ack.frame) + 96
            if entries[-1].events and size + unit_size > budget:
                entries.append(JournalEntry())
                size = 0
            entries[-1].events.extend(unit.events)
            entries[-1].acks.append(unit.ack)
            size += unit_size
            continue
        for event in unit.events:
            event_size = len(event.frame) + 96
            if entries[-1].events and size + event_size > budget:
                entries.append(JournalEntry())
                size = 0
            entries[-1].events.append(event)
            size += event_size
    return [entry for entry in entries if entry.events or entry.acks]


class _EventData(Struct):
    data: Raw


_event_data = msgspec.json.Decoder(_EventData)


def entity_payload(event: JournalEvent) -> bytes | None:
    """The entity JSON an event leaves in the state (None: removed)."""
    return None if event.removed else bytes(_event_data.decode(event.frame).data)


def missing_events(entries: list[JournalEntry], lasts: dict[str, int]) -> list[JournalEvent]:
    """The journalled events past each topic stream's last seq, in order.

    Raises RuntimeError if the journal cannot continue a stream without a gap (the
    stream was changed by something other than this core).
    """
    heads = dict(lasts)
    missing: list[JournalEvent] = []
    for entry in entries:
        for event in entry.events:
            if event.seq <= heads[event.topic]:
                continue
            if event.seq != heads[event.topic] + 1:
                raise RuntimeError(
                    f"the journal holds {event.topic} seq {event.seq} but its stream ends at "
                    f"{heads[event.topic]}: the stream was changed outside the core"
                )
            heads[event.topic] = event.seq
            missing.append(event)
    return missing
