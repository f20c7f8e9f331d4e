"""The one repaint tick: every per-second view (ages, SLA clocks, escalations) follows it.

The main window owns one :class:`Ticker` over the console's clock and hands it to every
panel (``PanelContext.ticker``); a panel built on its own (a test, a tool) makes a
private one with :func:`ticker_for`. It emits :attr:`Ticker.ticked`
with the clock's reading once a second of *wall* time (so a paused replay still repaints
its "paused" state, and a 60× replay repaints every second showing a minute's progress),
and at once after the clock jumps (a seek, or back to live), so no view shows an old
moment until the next tick. UI thread only.

A timer's tick runs the panels' :class:`TickSubscription` slots one per event-loop turn
(a zero-interval timer takes the next one each turn), so the second's repaint work is
not one long stall: input, network and other timers get their turn in between. A tick
after a jump, or :meth:`Ticker.tick` called directly, runs every slot at once.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal


class Ticker(QObject):
    #: the clock's reading (seconds since the Unix epoch), on the UI thread
    ticked = Signal(float)

    def __init__(
        self,
        clock: Callable[[], float],
        *,
        interval_ms: int = 1000,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.clock = clock
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._on_timer)
        #: subscriptions whose slot waits for its own turn after a timer's tick
        self._turns: deque[TickSubscription] = deque()
        self._turn = QTimer(self)
        self._turn.setInterval(0)
        self._turn.timeout.connect(self._next_turn)
        self._spreading = False
        on_jump = getattr(clock, "on_jump", None)  # the console's Clock; a test's fake has none
        self._remove_listener: Callable[[], None] = (
            on_jump(lambda _now: self.tick()) if on_jump else lambda: None
        )

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self._turn.stop()
        self._turns.clear()
        self._remove_listener()

    def tick(self) -> None:
        """Emit the clock's reading now; every subscription's slot runs before this returns."""
        self.ticked.emit(self.clock())

    @property
    def spreading(self) -> bool:
        """A timer's tick is being emitted: subscriptions take a turn each (:meth:`defer`)."""
        return self._spreading

    def defer(self, subscription: TickSubscription) -> None:
        """Run ``subscription``'s slot in a later event-loop turn of its own (once)."""
        if subscription not in self._turns:
            self._turns.append(subscription)
        if not self._turn.isActive():
            self._turn.start()

    def forget(self, subscription: TickSubscription) -> None:
        """Its slot has run (or it ended): no turn for it."""
        if subscription in self._turns:
            self._turns.remove(subscription)

    def _on_timer(self) -> None:
        self._spreading = True
        try:
            self.tick()
        finally:
            self._spreading = False

    def _next_turn(self) -> None:
        if not self._turns:
            self._turn.stop()
            return
        subscription = self._turns.popleft()
        if not self._turns:
            self._turn.stop()
        if shiboken6.isValid(subscription):
            subscription.run()


def ticker_for(
    owner: QObject, clock: Callable[[], float], ticker: Ticker | None, interval_ms: int = 1000
) -> Ticker:
    """``ticker`` if the panel was given the window's; else a running one of its own."""
    if ticker is not None:
        return ticker
    own = Ticker(clock, interval_ms=interval_ms, parent=owner)
    own.start()
    return own


class TickSubscription(QObject):
    """One panel's use of the tick, switched on and off like a timer (``start``, ``stop``,
    ``isActive``): ``slot`` runs on every tick while active (in a turn of its own after a
    timer's tick). A child of the panel, so the connection ends with it."""

    def __init__(
        self,
        owner: QObject,
        clock: Callable[[], float],
        ticker: Ticker | None,
        slot: Callable[[], object],
        *,
        interval_ms: int = 1000,
        active: bool = False,
    ) -> None:
        super().__init__(owner)
        self._slot = slot
        self._active = active
        self.ticker = ticker_for(self, clock, ticker, interval_ms)
        self.ticker.ticked.connect(self._on_tick)
        ticker = self.ticker
        self.destroyed.connect(
            lambda *_: ticker.forget(self) if shiboken6.isValid(ticker) else None
        )

    def start(self) -> None:
        self._active = True

    def stop(self) -> None:
        self._active = False

    def isActive(self) -> bool:  # noqa: N802 (the QTimer name it stands in for)
        return self._active

    def run(self) -> None:
        """The slot, if still active."""
        self.ticker.forget(self)
        if self._active:
            self._slot()

    def _on_tick(self, _now: float) -> None:
        if not self._active:
            return
        if self.ticker.spreading:
            self.ticker.defer(self)
        else:
            self.run()
