"""What one connection still has to send besides its events: control frames and snapshots.

Events are not queued here: a session pulls them from the topic (memory or log) when it
can send, so a slow client only lags. Everything else waits here, counted in bytes so
the session can close a client that falls further behind than its bound:

* control frames (acks, errors, heads), sent in the order queued;
* snapshot parts. Per topic there is at most one snapshot being sent and one waiting:
  subscribing again to a topic whose snapshot has not started replaces it, and one that
  has started is finished first while only the newest later one waits behind it. A
  subscribe flood therefore never queues snapshot after snapshot.

Snapshot frames are shared with every other subscriber (``TopicState`` caches them),
but each connection's queue counts them in full: it is what that client still owes.

Thread: used only on the hub's event-loop thread.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass


@dataclass
class _Snapshot:
    frames: list[bytes]
    sent: int = 0  # parts already handed out


class SendQueue:
    def __init__(self) -> None:
        self._control: deque[bytes] = deque()
        self._sending: dict[str, _Snapshot] = {}  # topic -> snapshot being (or next) sent
        self._waiting: dict[str, list[bytes]] = {}  # topic -> newer snapshot behind it
        self.nbytes = 0

    def push(self, frame: bytes) -> None:
        """Queue one control frame."""
        self._control.append(frame)
        self.nbytes += len(frame)

    def set_snapshot(self, topic: str, frames: list[bytes]) -> None:
        """Queue ``frames`` (one snapshot's parts) for ``topic``, coalescing (see module)."""
        size = sum(map(len, frames))
        current = self._sending.get(topic)
        if current is None or current.sent == 0:
            if current is not None:
                self.nbytes -= sum(map(len, current.frames))
            self._sending[topic] = _Snapshot(frames)
        else:
            replaced = self._waiting.get(topic)
            if replaced is not None:
                self.nbytes -= sum(map(len, replaced))
            self._waiting[topic] = frames
        self.nbytes += size

    def drop_snapshots(self, topic: str) -> None:
        """Forget ``topic``'s queued snapshots (the client unsubscribed)."""
        current = self._sending.pop(topic, None)
        if current is not None:
            self.nbytes -= sum(map(len, current.frames[current.sent :]))
        waiting = self._waiting.pop(topic, None)
        if waiting is not None:
            self.nbytes -= sum(map(len, waiting))

    def has_snapshot(self, topic: str) -> bool:
        """Whether a snapshot of ``topic`` is still to be sent (its events must wait)."""
        return topic in self._sending

    def pop(self) -> bytes | None:
        """The next frame to send: control frames first, then one snapshot part."""
        if self._control:
            frame = self._control.popleft()
        elif self._sending:
            topic, snapshot = next(iter(self._sending.items()))
            frame = snapshot.frames[snapshot.sent]
            snapshot.sent += 1
            if snapshot.sent == len(snapshot.frames):
                del self._sending[topic]
                waiting = self._waiting.pop(topic, None)
                if waiting is not None:
                    self._sending[topic] = _Snapshot(waiting)
        else:
            return None
        self.nbytes -= len(frame)
        return frame

    def __bool__(self) -> bool:
        return bool(self._control or self._sending)
