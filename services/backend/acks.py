"""The hub's in-memory index of remembered acks, keyed by (issuer, command id).

An issuer is the identity of the token a command came with (its SHA-256 digest), so
the same console resending an id gets the same ack and nobody else's id collides with
it. Memory holds the most recent ``capacity`` acks; once one has been pushed out (or
the log held more than fitted at recovery), memory is *incomplete* and a miss must be
looked up in the event log, which keeps every ack for ``ACK_MEMORY_S``.

Thread: used only on the hub's event-loop thread.
"""

from __future__ import annotations

from collections import OrderedDict

AckKey = tuple[str, str]  # (issuer, command id)

#: refusal codes that depend on the state when the command was judged: remembered like
#: an accepted command's ack, so a resent id gets the same answer. Every other refusal
#: (bad_request, forbidden, rate_limited, unavailable) is given before anything is
#: applied and is not remembered: a resend is judged afresh.
REMEMBERED_REFUSALS = ("not_found", "conflict")


class AckMemory:
    def __init__(self, capacity: int) -> None:
        if capacity < 1:
            raise ValueError(f"ack memory needs room for at least one ack, not {capacity}")
        self.capacity = capacity
        self._frames: OrderedDict[AckKey, bytes] = OrderedDict()
        #: True once an ack the log still holds is not in memory
        self.incomplete = False

    def load(self, newest_first: list[tuple[AckKey, bytes]], *, more_in_log: bool) -> None:
        """Fill from the log's most recent acks (newest first)."""
        self._frames.clear()
        for key, frame in reversed(newest_first[: self.capacity]):
            self._frames[key] = frame
        self.incomplete = more_in_log or len(newest_first) > self.capacity

    def get(self, key: AckKey) -> bytes | None:
        return self._frames.get(key)

    def remember(self, key: AckKey, frame: bytes) -> None:
        self._frames[key] = frame
        self._frames.move_to_end(key)
        while len(self._frames) > self.capacity:
            self._frames.popitem(last=False)
            self.incomplete = True

    def __len__(self) -> int:
        return len(self._frames)
