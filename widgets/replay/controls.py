"""Replay controls: play/pause, 0.25×–60×, step, next incident, seek — over the one clock.

The controls move the console's :class:`~console.state.clock.Clock`; the replay source
follows it and every panel shows the moment it reads. They follow the window's ticker
(once a second, and at once after a seek): the position label, the timeline's cursor,
the progress of a long seek or of indexing the recording, and a pause at the end.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Protocol

from PySide6.QtCore import QDateTime, QTimeZone
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from widgets.common.ticker import Ticker, ticker_for
from widgets.replay.timeline import ReplayTimeline

RATES = (0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 30.0, 60.0)


class ReplayClock(Protocol):
    def __call__(self) -> float: ...
    @property
    def paused(self) -> bool: ...
    @property
    def rate(self) -> float: ...
    def pause(self) -> None: ...
    def resume(self) -> None: ...
    def set_rate(self, rate: float) -> None: ...
    def seek(self, moment: float) -> None: ...


class ReplayDriver(Protocol):
    """What the controls read of the replay source (console/replay/source.py)."""

    @property
    def start_time(self) -> float: ...
    @property
    def end_time(self) -> float: ...
    @property
    def progress(self) -> float: ...
    @property
    def index_progress(self) -> float: ...
    @property
    def index(self) -> Any: ...
    def next_event_after(self, moment: float) -> float | None: ...


class ReplayControls(QWidget):
    def __init__(
        self,
        driver: ReplayDriver,
        clock: ReplayClock,
        *,
        ticker: Ticker | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("replayControls")
        self.driver, self.clock = driver, clock
        self.play = QPushButton(self)
        self.play.setObjectName("replayPlay")
        self.play.clicked.connect(self.toggle_play)
        self.step = QPushButton(self.tr("Next event"), self)
        self.step.setToolTip(self.tr("Stand at the next recorded change"))
        self.step.clicked.connect(self.step_to_next_event)
        self.next_incident = QPushButton(self.tr("Next incident"), self)
        self.next_incident.setToolTip(self.tr("Stand where the next incident was first seen"))
        self.next_incident.clicked.connect(self.jump_to_next_incident)
        self.rate = QComboBox(self)
        self.rate.setObjectName("replayRate")
        self.rate.setToolTip(self.tr("Replay speed"))
        for rate in RATES:
            self.rate.addItem(self.tr("{0}×").format(f"{rate:g}"), rate)
        self.rate.setCurrentIndex(RATES.index(1.0))
        self.rate.currentIndexChanged.connect(
            lambda _i: self.clock.set_rate(self.rate.currentData())
        )
        self.position = QLabel(self)
        self.position.setObjectName("replayPosition")
        self.go_to = QDateTimeEdit(self)
        self.go_to.setTimeZone(QTimeZone.utc())
        self.go_to.setDisplayFormat("yyyy-MM-dd HH:mm:ss 'UTC'")
        self.go_to.setMinimumDateTime(_qt_time(driver.start_time))
        self.go_to.setMaximumDateTime(_qt_time(driver.end_time))
        self.go = QPushButton(self.tr("Go"), self)
        self.go.setToolTip(self.tr("Stand at this moment"))
        self.go.clicked.connect(lambda: self.seek(self.go_to.dateTime().toSecsSinceEpoch()))
        self.loading = QProgressBar(self)
        self.loading.setRange(0, 100)
        self.loading.setMaximumWidth(180)
        self.timeline = ReplayTimeline(self)
        self.timeline.set_span(driver.start_time, driver.end_time)
        self.timeline.seek_requested.connect(self.seek)
        self._markers_shown = False
        row = QHBoxLayout()
        for widget in (self.play, self.step, self.next_incident, self.rate, self.position):
            row.addWidget(widget)
        row.addStretch(1)
        for widget in (self.go_to, self.go, self.loading):
            row.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(row)
        layout.addWidget(self.timeline, 1)
        self.ticker = ticker_for(self, clock, ticker)
        self.ticker.ticked.connect(self.refresh)
        self.refresh(clock())

    # --- actions ------------------------------------------------------------------------

    def toggle_play(self) -> None:
        if self.clock.paused:
            if self.clock() >= self.driver.end_time:
                self.clock.seek(self.driver.start_time)
            self.clock.resume()
        else:
            self.clock.pause()
        self.refresh(self.clock())

    def seek(self, moment: float) -> None:
        start, end = self.driver.start_time, self.driver.end_time
        self.clock.seek(min(max(float(moment), start), end))

    def step_to_next_event(self) -> None:
        following = self.driver.next_event_after(self.clock())
        if following is not None:
            self.clock.pause()
            self.seek(following)

    def jump_to_next_incident(self) -> None:
        index = self.driver.index
        marker = index.next_incident(self.clock()) if index is not None else None
        if marker is not None:
            self.seek(marker.ts)

    # --- following the clock ------------------------------------------------------------

    def refresh(self, now: float) -> None:
        if now >= self.driver.end_time and not self.clock.paused:
            self.clock.pause()  # the end of the recording: stand there
            now = self.clock()
        paused = self.clock.paused
        self.play.setText(self.tr("Play") if paused else self.tr("Pause"))
        state = (
            self.tr("paused") if paused else self.tr("playing {0}×").format(f"{self.clock.rate:g}")
        )
        moment = datetime.fromtimestamp(now, UTC).strftime("%Y-%m-%d %H:%M:%S")
        self.position.setText(self.tr("{0} UTC · {1}").format(moment, state))
        self.timeline.set_position(now)
        self.next_incident.setEnabled(self.driver.index is not None)
        loading = min(self.driver.progress, self.driver.index_progress)
        self.loading.setVisible(loading < 1.0)
        self.loading.setValue(int(loading * 100))
        self.loading.setFormat(
            self.tr("Loading… %p%") if self.driver.progress < 1.0 else self.tr("Indexing… %p%")
        )
        if not self._markers_shown and self.driver.index is not None:
            self._show_markers(self.driver.index)

    def _show_markers(self, index: Any) -> None:
        self._markers_shown = True
        self.timeline.set_density(index.density)
        self.timeline.set_markers(
            [(m.ts, m.priority, m.label) for m in index.incidents],
            [(m.ts, m.label) for m in index.actions],
            [(m.ts, m.priority, m.label) for m in index.warnings],
        )


def _qt_time(moment: float) -> QDateTime:
    return QDateTime.fromSecsSinceEpoch(int(moment), QTimeZone.utc())
