"""The one repaint tick: every per-second view (ages, SLA clocks, escalations) follows it.

A :class:`Ticker` owns the console's only periodic timer. It emits :attr:`Ticker.ticked`
with the clock's reading once a second of *wall* time (so a paused replay still repaints
its "paused" state, and a 60× replay repaints every second showing a minute's progress),
and at once after the clock jumps (a seek, or back to live), so no view shows an old
moment until the next tick. UI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from console.state.clock import Clock


class Ticker(QObject):
    #: the clock's reading (seconds since the Unix epoch), on the UI thread
    ticked = Signal(float)

    def __init__(
        self, clock: Clock, *, interval_ms: int = 1000, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.clock = clock
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.tick)
        self._remove_listener = clock.on_jump(lambda _now: self.tick())

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self._remove_listener()

    def tick(self) -> None:
        """Emit the clock's reading now (the timer's slot; also callable directly)."""
        self.ticked.emit(self.clock())
