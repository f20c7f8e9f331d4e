"""The replay timeline (pyqtgraph): the whole recording at a glance, and where we stand.

Event density (frames per step of the recording) as bars, incidents where they were
first seen coloured by priority, operator actions, opinion warnings, and the current
position as a line. Click anywhere or drag the line to seek; the wheel zooms the time
axis, dragging the background pans it; a double-click shows the whole recording again.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from widgets.common.style import BACKGROUND, PRIORITY_COLORS, SEVERITY_COLORS

translate = QCoreApplication.translate  # a name pyside6-lupdate reads

DENSITY_BRUSH = "#3b5b7a"
ACTION_COLOR = "#74c0fc"
CURSOR_COLOR = "#ffffff"
# Rows of the marker band above the density bars (the y axis is hidden).
INCIDENT_ROW, ACTION_ROW, WARNING_ROW = 1.15, 1.3, 1.45


class ReplayTimeline(QWidget):
    #: the operator asked to stand at this moment (seconds since the epoch)
    seek_requested = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plot = pg.PlotWidget(
            self, background=BACKGROUND, axisItems={"bottom": pg.DateAxisItem()}
        )
        self.plot.setObjectName("replayTimelinePlot")
        self.plot.hideAxis("left")
        self.plot.setMouseEnabled(x=True, y=False)
        self.plot.setYRange(0, 1.55, padding=0)
        self.plot.setMinimumHeight(110)
        self.density = pg.BarGraphItem(x0=[], x1=[], y0=[], y1=[], brush=DENSITY_BRUSH, pen=None)
        self.incidents = pg.ScatterPlotItem(size=9, symbol="o", pen=None)
        self.actions = pg.ScatterPlotItem(size=9, symbol="t1", pen=None, brush=ACTION_COLOR)
        self.warnings = pg.ScatterPlotItem(size=9, symbol="d", pen=None)
        for item in (self.density, self.incidents, self.actions, self.warnings):
            self.plot.addItem(item)
        self.cursor = pg.InfiniteLine(
            angle=90, movable=True, pen=pg.mkPen(CURSOR_COLOR, width=2), name="position"
        )
        self.cursor.setToolTip(translate("ReplayTimeline", "Drag to seek"))
        self.plot.addItem(self.cursor)
        self.cursor.sigPositionChangeFinished.connect(
            lambda line: self.seek_requested.emit(float(line.value()))
        )
        self.plot.scene().sigMouseClicked.connect(self._on_click)
        self._span: tuple[float, float] = (0.0, 1.0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot)

    def set_span(self, start: float, end: float) -> None:
        self._span = (start, max(end, start + 1.0))
        self.show_all()

    def show_all(self) -> None:
        self.plot.setXRange(*self._span, padding=0.01)

    def set_density(self, buckets: Sequence[tuple[float, int]]) -> None:
        if not buckets:
            return
        width = (buckets[1][0] - buckets[0][0]) if len(buckets) > 1 else 1.0
        peak = max((n for _, n in buckets), default=0) or 1
        self.density.setOpts(
            x0=[t for t, _ in buckets],
            x1=[t + width for t, _ in buckets],
            y0=[0.0] * len(buckets),
            y1=[n / peak for _, n in buckets],
        )

    def set_markers(
        self,
        incidents: Sequence[tuple[float, int, str]],
        actions: Sequence[tuple[float, str]],
        warnings: Sequence[tuple[float, int, str]],
    ) -> None:
        """(time, priority, label) per incident; (time, label) per operator action;
        (time, level 1 critical/2 warning, label) per opinion warning."""
        self.incidents.setData(
            spots=[
                {
                    "pos": (t, INCIDENT_ROW),
                    "brush": pg.mkBrush(PRIORITY_COLORS.get(p, "#9aa4b2")),
                    "data": label,
                }
                for t, p, label in incidents
            ]
        )
        self.actions.setData(spots=[{"pos": (t, ACTION_ROW), "data": lbl} for t, lbl in actions])
        colors = {1: SEVERITY_COLORS["critical"], 2: SEVERITY_COLORS["warning"]}
        self.warnings.setData(
            spots=[
                {"pos": (t, WARNING_ROW), "brush": pg.mkBrush(colors[level]), "data": label}
                for t, level, label in warnings
            ]
        )

    def set_position(self, moment: float) -> None:
        if not self.cursor.moving:
            self.cursor.setValue(moment)

    def _on_click(self, event: Any) -> None:
        if event.double():
            self.show_all()
            return
        view = self.plot.getPlotItem().vb
        point = view.mapSceneToView(event.scenePos())
        self.seek_requested.emit(float(point.x()))
