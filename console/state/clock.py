"""The console's one clock: wall time when live; a settable rate, pause and seek in replay.

Every age, SLA clock, staleness check and periodic repaint reads this clock (it is a
plain callable returning seconds since the Unix epoch, so anything that took
``clock: Callable[[], float]`` takes it unchanged). Plain Python, no Qt, no timers: the
panels' ticker (``widgets/common/ticker.py``) turns it into the one repaint tick.

Live, ``clock()`` is the wall clock. Replaying, it runs from a chosen moment at a rate
(0.25× … 60×), can be paused, and can be moved to any moment (``seek``); listeners hear
of every jump, so views recompute at once instead of at the next tick.
"""

from __future__ import annotations

import time
from collections.abc import Callable

JumpListener = Callable[[float], None]


class Clock:
    """Seconds since the Unix epoch, live or replayed (see the module docstring)."""

    def __init__(
        self,
        wall: Callable[[], float] = time.time,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._wall = wall
        self._monotonic = monotonic
        self._live = True
        self._rate = 1.0
        self._paused = False
        self._anchor_time = 0.0  # the clock's reading at the anchor
        self._anchor_mono = 0.0  # the monotonic reading at the anchor
        self._listeners: list[JumpListener] = []

    def __call__(self) -> float:
        if self._live:
            return self._wall()
        if self._paused:
            return self._anchor_time
        return self._anchor_time + (self._monotonic() - self._anchor_mono) * self._rate

    # --- state -------------------------------------------------------------------------

    @property
    def live(self) -> bool:
        return self._live

    @property
    def rate(self) -> float:
        return self._rate

    @property
    def paused(self) -> bool:
        return self._paused

    # --- control (replay) --------------------------------------------------------------

    def _reanchor(self, at: float) -> None:
        self._anchor_time = at
        self._anchor_mono = self._monotonic()

    def seek(self, moment: float) -> None:
        """Leave live time and stand at ``moment`` (keeping rate and pause)."""
        self._live = False
        self._reanchor(moment)
        self._jumped()

    def set_rate(self, rate: float) -> None:
        """Replay ``rate`` seconds of recorded time per second (live time ignores it)."""
        if not 0.0 < rate <= 1000.0:
            raise ValueError(f"rate must be in (0, 1000], not {rate}")
        if not self._live:
            self._reanchor(self())
        self._rate = rate

    def pause(self) -> None:
        if not self._live and not self._paused:
            self._reanchor(self())
        self._paused = True

    def resume(self) -> None:
        if not self._live and self._paused:
            self._reanchor(self._anchor_time)
        self._paused = False

    def go_live(self) -> None:
        """Back to the wall clock, rate 1, running."""
        self._live, self._rate, self._paused = True, 1.0, False
        self._jumped()

    # --- listeners ---------------------------------------------------------------------

    def on_jump(self, listener: JumpListener) -> Callable[[], None]:
        """Call ``listener(now)`` after every seek and return to live; returns the remover."""
        self._listeners.append(listener)

        def remove() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return remove

    def _jumped(self) -> None:
        now = self()
        for listener in tuple(self._listeners):
            listener(now)
