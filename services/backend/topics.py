"""In-memory view of each topic the hub serves: head, recent events, current entities.

This is the *published* state: it changes only after the events that change it are
committed to the event log, so a snapshot or a resume served from it never contains
anything a restarted hub would not also have.

Thread: used only on the hub's event-loop thread.
"""

from __future__ import annotations

from collections import OrderedDict

from msgspec import Raw

from services.protocol.codec import encode
from services.protocol.messages import MAX_FRAME_BYTES, Snapshot

# Leave room for the envelope around items and batch events.
FRAME_BUDGET = MAX_FRAME_BYTES - 64 * 1024
BATCH_MAX_EVENTS = 2000


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
        self.entities = dict(entities)
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
        out = self._window[offset : offset + limit]
        total = 0
        for count, (_, frame) in enumerate(out):
            total += len(frame)
            if count and total > FRAME_BUDGET:
                return out[:count]
        return out

    def can_resume(self, epoch: str, after: int) -> bool:
        return epoch == self.epoch and self.oldest_held - 1 <= after <= self.head

    def snapshot_frames(self) -> tuple[int, list[bytes]]:
        """The snapshot at the current head, split into frames under the size limit."""
        cached = self._snapshot_cache
        if cached is not None and cached[0] == self.head:
            return cached
        parts: list[list[Raw]] = [[]]
        size = 0
        for payload in self.entities.values():
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
    """Encoded batch frames shared by subscribers at the same position (fan-out)."""

    def __init__(self, size: int = 64) -> None:
        self._frames: OrderedDict[tuple[str, int, int], bytes] = OrderedDict()
        self._size = size

    def frame(self, topic: str, events: list[tuple[int, bytes]]) -> bytes:
        if len(events) == 1:
            return events[0][1]
        key = (topic, events[0][0], events[-1][0])
        frame = self._frames.get(key)
        if frame is None:
            frame = b'{"op":"batch","events":[' + b",".join(f for _, f in events) + b"]}"
            self._frames[key] = frame
            if len(self._frames) > self._size:
                self._frames.popitem(last=False)
        return frame
