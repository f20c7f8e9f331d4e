"""In-memory view of each topic the hub serves: head, recent events, current entities.

This is the *published* state: it changes only after the events that change it are
committed to the event log, so a snapshot or a resume served from it never contains
anything a restarted hub would not also have.

Nothing leaves here as a frame over the 1 MiB limit (docs/protocol.md, "Limits"): the hub
stores no entity too big for one frame (:func:`entity_fits`), and one that an older
build stored anyway is left out of snapshots and state (with an error logged), and its
events are sent as the entity's removal under the same seq (:class:`BatchCache`), so a
client's sequence stays unbroken and its state matches the snapshot's.

Thread: used only on the hub's event-loop thread.
"""

from __future__ import annotations

import logging
from collections import OrderedDict

import msgspec
from msgspec import Raw, Struct

from services.protocol.codec import encode
from services.protocol.entities import TOPIC_KEY
from services.protocol.limits import MAX_ENTITY_BYTES
from services.protocol.messages import MAX_FRAME_BYTES, Event, Snapshot

log = logging.getLogger(__name__)

# Leave room for the envelope around items and batch events.
FRAME_BUDGET = MAX_FRAME_BYTES - 64 * 1024
BATCH_MAX_EVENTS = 2000

#: Topics whose events only ever replace one entity's latest state, and whose past
#: states nobody needs (a unit's position fix replaces its last one). A client resuming
#: one of them with more events missed than SNAPSHOT_FACTOR times the topic's entities,
#: and than SNAPSHOT_MIN_MISSED, gets a snapshot: the same picture for less than the
#: replay. Below the minimum a replay is quick anyway, and a short loss (a failover to
#: another edge) stays a resume (docs/protocol.md, "Ordering and durability guarantees").
LATEST_WINS_TOPICS = frozenset({"positions"})
SNAPSHOT_FACTOR = 2
SNAPSHOT_MIN_MISSED = 10_000


def entity_fits(topic: str, key: str, payload: bytes) -> bool:
    """Whether an encoded entity fits in one frame; logs an error when it does not.

    The hub's last guard before storing an event: commands that would make an entity
    this big are refused before they change anything, so this only fires on a bug.
    """
    if len(payload) <= MAX_ENTITY_BYTES:
        return True
    log.error(
        "%s %s is %d bytes encoded, over the %d bytes one frame carries; not stored or sent",
        topic,
        key,
        len(payload),
        MAX_ENTITY_BYTES,
    )
    return False


def within_budget(events: list[tuple[int, bytes]]) -> list[tuple[int, bytes]]:
    """The leading events whose frames together stay under :data:`FRAME_BUDGET` (always
    at least the first: an event too big to share a frame travels alone)."""
    total = 0
    for count, (_, frame) in enumerate(events):
        total += len(frame)
        if count and total > FRAME_BUDGET:
            return events[:count]
    return events


class TopicState:
    """One topic: its entities keyed by id, its head seq and a window of recent events."""

    def __init__(self, name: str, epoch: str, *, window: int) -> None:
        self.name = name
        self.epoch = epoch
        self.head = 0
        self.oldest_held = 1  # the oldest seq still available anywhere (memory or log)
        self.entities: dict[str, bytes] = {}
        # The newest events, oldest first, as a plain list: slicing it is O(batch), where a
        # deque's indexing is O(distance from its ends). Trimmed to ``window`` in chunks.
        self._capacity = window
        self._window: list[tuple[int, bytes]] = []
        self._snapshot_cache: tuple[int, list[bytes]] | None = None

    def load(
        self, head: int, oldest: int, entities: dict[str, bytes], recent: list[tuple[int, bytes]]
    ) -> None:
        self.head = head
        self.oldest_held = oldest
        self.entities = {
            key: payload
            for key, payload in entities.items()
            if entity_fits(self.name, key, payload)  # only an older build stored these
        }
        self._window = list(recent[-self._capacity :])

    def publish(self, seq: int, frame: bytes, key: str, payload: bytes | None) -> None:
        """Record one committed event (``payload`` None means the entity was removed)."""
        if seq != self.head + 1:
            raise RuntimeError(f"{self.name}: publishing seq {seq} after head {self.head}")
        self.head = seq
        self._window.append((seq, frame))
        if len(self._window) > self._capacity + self._capacity // 4:
            del self._window[: len(self._window) - self._capacity]
        if payload is None:
            self.entities.pop(key, None)
        else:
            self.entities[key] = payload

    def window_start(self) -> int:
        """The oldest seq held in memory (``head + 1`` when the window is empty)."""
        return self._window[0][0] if self._window else self.head + 1

    def from_window(self, after: int, limit: int) -> list[tuple[int, bytes]] | None:
        """Events with seq > ``after`` from memory, or None if memory no longer has them."""
        start = self.window_start()
        if after + 1 < start:
            return None
        offset = after + 1 - start
        return within_budget(self._window[offset : offset + limit])

    def can_resume(self, epoch: str, after: int) -> bool:
        return epoch == self.epoch and self.oldest_held - 1 <= after <= self.head

    def snapshot_is_cheaper(self, after: int) -> bool:
        """Whether a client resuming after ``after`` should get a snapshot instead: a
        latest-wins topic with more events to replay than SNAPSHOT_FACTOR times its
        entities (a snapshot item is about the size of an event) and SNAPSHOT_MIN_MISSED."""
        if self.name not in LATEST_WINS_TOPICS:
            return False
        missed = self.head - after
        return missed > max(SNAPSHOT_FACTOR * len(self.entities), SNAPSHOT_MIN_MISSED)

    def snapshot_frames(self) -> tuple[int, list[bytes]]:
        """The snapshot at the current head, split into frames under the size limit."""
        cached = self._snapshot_cache
        if cached is not None and cached[0] == self.head:
            return cached
        parts: list[list[Raw]] = [[]]
        size = 0
        for key, payload in self.entities.items():
            if not entity_fits(self.name, key, payload):
                continue
            if parts[-1] and size + len(payload) > FRAME_BUDGET:
                parts.append([])
                size = 0
            parts[-1].append(Raw(payload))
            size += len(payload) + 1
        frames = [
            encode(
                Snapshot(
                    topic=self.name,
                    epoch=self.epoch,
                    seq=self.head,
                    items=items,
                    part=number,
                    parts=len(parts),
                )
            )
            for number, items in enumerate(parts, start=1)
        ]
        self._snapshot_cache = (self.head, frames)
        return self._snapshot_cache


class BatchCache:
    """Encoded batch frames shared by subscribers at the same position (fan-out).

    ``events`` come from :meth:`TopicState.from_window` or the event log, cut to
    :func:`within_budget`, so a batch stays under the frame limit; a single event over
    the limit (stored by an older build) is replaced by :func:`removal_stub`.
    """

    def __init__(self, size: int = 64) -> None:
        self._frames: OrderedDict[tuple[str, int, int], bytes] = OrderedDict()
        self._size = size

    def frame(self, topic: str, events: list[tuple[int, bytes]]) -> bytes:
        if len(events) == 1 and len(events[0][1]) <= MAX_FRAME_BYTES:
            return events[0][1]
        key = (topic, events[0][0], events[-1][0])
        frame = self._frames.get(key)
        if frame is None:
            frames = [f if len(f) <= MAX_FRAME_BYTES else removal_stub(f) for _, f in events]
            if len(frames) == 1:
                frame = frames[0]
            else:
                frame = b'{"op":"batch","events":[' + b",".join(frames) + b"]}"
            self._frames[key] = frame
            if len(self._frames) > self._size:
                self._frames.popitem(last=False)
        return frame


class _StoredEvent(Struct):
    """An event frame as the hub stored it, read without the protocol's limits."""

    topic: str
    epoch: str
    seq: int
    ts: str
    type: str
    data: Raw


class _Keyed(Struct):
    id: str | None = None
    unit: str | None = None


_event_decoder = msgspec.json.Decoder(_StoredEvent)
_keyed_decoder = msgspec.json.Decoder(_Keyed)


def removal_stub(frame: bytes) -> bytes:
    """The event in ``frame`` (over the frame limit) as its entity's removal, same seq.

    Snapshots leave such an entity out, so a client that follows the events ends with
    the same state as one that takes a snapshot. The frame is the hub's own encoding of
    an event, so it decodes (its size alone is wrong); an entity without its key gives a
    removal the client skips, its seq still counted.
    """
    event = _event_decoder.decode(frame)
    key_field = TOPIC_KEY[event.topic]
    key = getattr(_keyed_decoder.decode(event.data), key_field)
    kind = event.type.rsplit(".", 1)[0]
    log.error(
        "%s seq %d (%s %s) is %d bytes, over the frame limit; sent as %s.removed",
        event.topic,
        event.seq,
        event.type,
        key,
        len(frame),
        kind,
    )
    return encode(
        Event(
            topic=event.topic,
            epoch=event.epoch,
            seq=event.seq,
            ts=event.ts,
            type=f"{kind}.removed",
            data=Raw(encode({key_field: key})),
        )
    )
