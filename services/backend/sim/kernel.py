"""The simulator's kernel: clock, timestamps, scheduled actions and the event outbox.

Simulated time is kept as float seconds since the start (``t``); the clock itself advances
in whole milliseconds so that ``step(0.1)`` a thousand times lands exactly on 100 s.
Everything that happens later is a scheduled action in a heap keyed by (time, sequence),
so ties resolve in scheduling order and a run is deterministic. Actions carry a
generation number: an entity bumps its generation to cancel everything it scheduled.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any, NamedTuple

from services.protocol.times import parse_ts

Action = Callable[[Any, int], None]


class Emitted(NamedTuple):
    """One event produced by the simulator.

    ``data`` is the whole entity (a fresh dict) for ``*.created``/``*.updated`` events and
    ``{"id": ...}`` (``{"unit": ...}`` on positions) for ``*.removed`` events.
    """

    topic: str
    type: str
    data: dict[str, Any]


class CommandRejected(Exception):  # noqa: N818 - the name is the backend's API
    """A command the current state does not allow; ``code`` is a protocol error code."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


class Kernel:
    """Clock, timestamp formatting, the action heap and the list of emitted events."""

    __slots__ = ("_heap", "_prefix", "_prefix_second", "_seq", "clock_ms", "out", "start", "t")

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            start = start.replace(tzinfo=UTC)
        start = start.astimezone(UTC)
        self.start = start.replace(microsecond=start.microsecond // 1000 * 1000)
        self.clock_ms = 0
        #: the time of whatever is happening now (an action's time while it runs)
        self.t = 0.0
        self.out: list[Emitted] = []
        self._heap: list[tuple[float, int, Action, Any, int]] = []
        self._seq = 0
        self._prefix_second = -1
        self._prefix = ""

    @property
    def now(self) -> datetime:
        """The clock as an aware UTC datetime."""
        return self.start + timedelta(milliseconds=self.clock_ms)

    def moment(self, t: float) -> datetime:
        """The datetime of simulated time ``t``."""
        return self.start + timedelta(milliseconds=round(t * 1000))

    def ts(self, t: float | None = None) -> str:
        """Protocol timestamp of ``t`` (default: now), e.g. ``2026-11-28T20:30:00.123Z``."""
        ms = round((self.t if t is None else t) * 1000) + self.start.microsecond // 1000
        second, millis = divmod(ms, 1000)
        if second != self._prefix_second:
            base = self.start.replace(microsecond=0) + timedelta(seconds=second)
            self._prefix = base.strftime("%Y-%m-%dT%H:%M:%S.")
            self._prefix_second = second
        return f"{self._prefix}{millis:03d}Z"

    def seconds_of(self, moment: datetime) -> float:
        """Simulated time (seconds since start) of an aware datetime."""
        return (moment - self.start).total_seconds()

    def seconds_of_ts(self, text: str | None) -> float:
        """Simulated time of a protocol timestamp; ``None`` (or garbage) means now."""
        if not text:
            return self.t
        try:
            return self.seconds_of(parse_ts(text))
        except ValueError:
            return self.t

    def schedule(self, at: float, action: Action, subject: Any = None, gen: int = 0) -> None:
        """Run ``action(subject, gen)`` at simulated time ``at`` (never before now)."""
        self._seq += 1
        heapq.heappush(self._heap, (max(at, self.t), self._seq, action, subject, gen))

    def emit(self, topic: str, kind: str, data: dict[str, Any]) -> None:
        """Append an event to the outbox."""
        self.out.append(Emitted(topic, kind, data))

    def drain(self) -> list[Emitted]:
        """Take the events emitted so far."""
        out, self.out = self.out, []
        return out

    def jump_to(self, t: float) -> None:
        """Set the clock forward to ``t`` without running anything (before the world runs)."""
        if self._heap:
            raise RuntimeError("cannot jump the clock once actions are scheduled")
        self.clock_ms = max(self.clock_ms, math.ceil(t * 1000))
        self.t = self.clock_ms / 1000

    def advance(self, dt: float) -> None:
        """Move the clock by ``dt`` seconds, running every action due on the way, in order."""
        if dt < 0:
            raise ValueError(f"cannot step backwards (dt={dt})")
        self.clock_ms += round(dt * 1000)
        end = self.clock_ms / 1000
        heap = self._heap
        while heap and heap[0][0] <= end:
            at, _, action, subject, gen = heapq.heappop(heap)
            self.t = at
            action(subject, gen)
        self.t = end


class DailyIds:
    """Ids like ``I-20261128-0042``: a prefix, the simulated day and a per-day counter
    that never reuses a number already seen (ids restored after a restart included)."""

    def __init__(self, prefix: str, kernel: Kernel) -> None:
        self._prefix = prefix
        self._kernel = kernel
        self._day = ""
        self._counter = 0
        self._seen: dict[str, int] = {}  # highest counter per day among existing ids

    def remember(self, existing: str) -> None:
        parts = existing.split("-")
        if len(parts) == 3 and parts[0] == self._prefix and parts[2].isdigit():
            self._seen[parts[1]] = max(self._seen.get(parts[1], 0), int(parts[2]))
            if parts[1] == self._day:
                self._counter = max(self._counter, int(parts[2]))

    def next(self) -> str:
        day = self._kernel.moment(self._kernel.t).strftime("%Y%m%d")
        if day != self._day:
            self._day, self._counter = day, self._seen.get(day, 0)
        self._counter += 1
        return f"{self._prefix}-{day}-{self._counter:04d}"
