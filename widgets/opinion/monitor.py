"""The opinion watch on the UI thread: fed by the store, sampled by the one repaint tick.

``OpinionMonitor`` owns the Qt-free :class:`~console.state.opinion.OpinionWatch`. It
hears every alert change from the store (O(changes)), and at every tick of the window's
:class:`~widgets.common.ticker.Ticker` (once a second, and at once after the clock
jumps; a monitor built alone makes its own) asks the watch
whether a sample is due (every ``sample_seconds``), whether a platform has gone quiet,
and how many critical warnings are unacknowledged past their threshold. All its
signals are emitted on the UI thread. Every time it uses is the session's clock.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from console.state import ChangeSet, SituationStore
from console.state.opinion import OpinionPolicy, OpinionWatch, PlatformCoverage, SpikeWarning
from widgets.common.ticker import Ticker, ticker_for


class OpinionMonitor(QObject):
    #: a spike started: one warning (SpikeWarning), emitted once per spike
    warningRaised = Signal(object)  # noqa: N815 (Qt signal)
    #: a warning was raised, followed, ended or acknowledged
    warningsChanged = Signal()  # noqa: N815 (Qt signal)
    #: unacknowledged critical warnings past their threshold (count)
    escalationsChanged = Signal(int)  # noqa: N815 (Qt signal)
    #: the set of quiet platforms changed (list of PlatformCoverage)
    quietChanged = Signal(object)  # noqa: N815 (Qt signal)
    #: once a second: coverage figures (last seen, rates) moved on
    ticked = Signal()
    #: a new sample is in the history
    sampled = Signal()
    #: the current volumes changed (the trends' live point)
    volumesMoved = Signal()  # noqa: N815 (Qt signal)

    def __init__(
        self,
        store: SituationStore,
        policy: OpinionPolicy,
        *,
        clock: Callable[[], float] = time.time,
        ticker: Ticker | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.policy = policy
        self.clock = clock
        self.watch = OpinionWatch(policy, started_at=clock())
        self._has_data = bool(store.alerts)
        if store.alerts:
            self.watch.note(store.alerts.values(), (), clock())
        self._quiet: tuple[str, ...] = ()
        self.escalations = 0
        self._own_ticker = ticker is None
        self._ticker = ticker_for(self, clock, ticker)
        self._ticker.ticked.connect(self.tick)
        unsubscribe = store.subscribe(self._on_changes)
        self._unsubscribe: Callable[[], None] | None = unsubscribe
        self.destroyed.connect(lambda *_: unsubscribe())

    def close(self) -> None:
        """Stop listening to the store and stop the tick (idempotent)."""
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
            self._ticker.ticked.disconnect(self.tick)
            if self._own_ticker:
                self._ticker.stop()

    # ------------------------------------------------------------------ reading
    def warnings(self) -> list[SpikeWarning]:
        return self.watch.warnings.warnings()

    def coverage(self) -> list[PlatformCoverage]:
        return self.watch.coverage.report(self.clock())

    def quiet_platforms(self) -> list[PlatformCoverage]:
        return self.watch.quiet_platforms(self.clock())

    # ------------------------------------------------------------------ the operator
    def acknowledge_warning(self, warning_id: str) -> bool:
        if not self.watch.acknowledge(warning_id, self.clock()):
            return False
        self.warningsChanged.emit()
        self._check_escalations(self.clock())
        return True

    # ------------------------------------------------------------------ feeding
    def _on_changes(self, changes: ChangeSet) -> None:
        touched = changes.added["alerts"] | changes.changed["alerts"]
        removed = changes.removed["alerts"]
        if not touched and not removed:
            return
        self._has_data = True
        alerts = self.store.alerts
        upserted = [alerts[key] for key in touched if key in alerts]
        if self.watch.note(upserted, removed, self.clock()):
            self.volumesMoved.emit()

    def tick(self, now: float | None = None) -> None:
        """Sample if due; re-check quiet platforms and escalations (the ticker's slot)."""
        now = self.clock() if now is None else now
        has_data = self._has_data or self.store.layer_age("alerts", now) is not None
        if has_data and self.watch.sample_due(now):
            self._has_data = True
            raised = self.watch.sample(now)
            if self.watch.changed:
                self.warningsChanged.emit()
            for warning in raised:
                self.warningRaised.emit(warning)
            self.sampled.emit()
        quiet = self.watch.quiet_platforms(now)
        names = tuple(c.platform for c in quiet)
        if names != self._quiet:
            self._quiet = names
            self.quietChanged.emit(quiet)
        self._check_escalations(now)
        self.ticked.emit()

    def _check_escalations(self, now: float) -> None:
        count = len(self.watch.escalated(now))
        if count != self.escalations:
            self.escalations = count
            self.escalationsChanged.emit(count)
