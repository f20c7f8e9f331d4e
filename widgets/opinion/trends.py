"""Trends with pyqtgraph: posts per topic over the last hours with a sentiment band and
markers where warnings fired, and incidents per hour by category beside them.

Redraws are rate-limited with pyqtgraph's ``SignalProxy``: the live point follows the
alerts at most once a second, a new sample redraws the topics at once, incidents redraw
at most every two seconds. Hovering a plot shows its values under it (also rate-limited).
Topic names are untrusted text: legends render HTML, so they get escaped text.
"""

from __future__ import annotations

import html

import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QCloseEvent, QColor, QResizeEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSplitter, QVBoxLayout, QWidget

from console.state import ChangeSet, SituationStore
from widgets.common import format as fmt
from widgets.common import labels as common_labels
from widgets.common.style import BACKGROUND, SEVERITY_COLORS, TEXT, TEXT_DIM
from widgets.opinion import trend_data
from widgets.opinion.monitor import OpinionMonitor

TOPICS_SHOWN = 6
PALETTE = ("#4dabf7", "#ff922b", "#69db7c", "#f783ac", "#ffd43b", "#b197fc", "#3bc9db",
           "#ffa8a8", "#a9e34b", "#e599f7", "#74c0fc")  # fmt: skip
_BAND = QColor(116, 192, 252, 60)
_LEGEND = QColor(17, 21, 28, 170)  # the background, translucent: lines show through
#: the topics' plot shows at least this much time, even with less history
MIN_SPAN_S = 15 * 60.0


def _plot(parent: QWidget, title: str) -> pg.PlotWidget:
    plot = pg.PlotWidget(parent, background=BACKGROUND, axisItems={"bottom": pg.DateAxisItem()})
    plot.setTitle(html.escape(title), color=TEXT, size="10pt")
    plot.showGrid(x=True, y=True, alpha=0.15)
    plot.setMouseEnabled(x=False, y=False)
    plot.hideButtons()
    plot.setMenuEnabled(False)
    return plot


class OpinionTrendsPanel(QWidget):
    #: the topics were redrawn (tests and the benchmark count redraws)
    redrawn = Signal()
    _incidentsTouched = Signal()  # noqa: N815 (Qt signal)

    def __init__(
        self, store: SituationStore, monitor: OpinionMonitor, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("opinionTrends")
        self._store = store
        self.monitor = monitor
        self.redraws = 0
        self.topic_curves: dict[str, pg.PlotDataItem] = {}
        self.category_curves: dict[str, pg.PlotDataItem] = {}
        self._colors: dict[str, str] = {}

        self._build_plots()
        self._build_layout()
        self._throttle(monitor)
        monitor.sampled.connect(self.redraw_topics)
        monitor.sampled.connect(self.redraw_incidents)
        monitor.warningsChanged.connect(self._draw_markers)
        unsubscribe = store.subscribe(self._on_changes)
        self._unsubscribe = unsubscribe
        self.destroyed.connect(lambda *_: unsubscribe())
        self.redraw_topics()
        self.redraw_incidents()

    def _build_plots(self) -> None:
        self.topic_combo = QComboBox(self)
        self.topic_combo.setObjectName("trendTopic")
        self.topic_combo.addItem(self.tr("Busiest topics"), "")
        self.topic_combo.currentIndexChanged.connect(lambda _i: self.redraw_topics())
        self.volume_plot = _plot(self, self.tr("Posts per 10 min, by topic"))
        self.legend = self.volume_plot.addLegend(offset=(8, 8), labelTextColor=TEXT, brush=_LEGEND)
        self.markers = pg.ScatterPlotItem(size=12, symbol="t", pen=pg.mkPen(TEXT))
        self.volume_plot.addItem(self.markers)
        self.mood_plot = _plot(self, self.tr("Sentiment (mean ± spread)"))
        self.mood_plot.setYRange(-1.0, 1.0)
        self.mood_plot.setXLink(self.volume_plot)
        self.mood_curve = self.mood_plot.plot(pen=pg.mkPen("#74c0fc", width=2))
        self.mood_upper = self.mood_plot.plot(pen=pg.mkPen(None))
        self.mood_lower = self.mood_plot.plot(pen=pg.mkPen(None))
        self.mood_band = pg.FillBetweenItem(self.mood_upper, self.mood_lower, brush=_BAND)
        self.mood_plot.addItem(self.mood_band)
        self.incident_plot = _plot(self, self.tr("Incidents per hour, by category"))
        self.incident_legend = self.incident_plot.addLegend(
            offset=(8, 8), labelTextColor=TEXT, brush=_LEGEND
        )
        self.hover_label = QLabel(self)
        self.hover_label.setObjectName("trendHover")
        self.hover_label.setTextFormat(Qt.TextFormat.PlainText)
        self.hover_label.setStyleSheet(f"color: {TEXT_DIM};")

    def _build_layout(self) -> None:
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.volume_plot, 3)
        left_layout.addWidget(self.mood_plot, 1)
        self.splitter = splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(self.incident_plot)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.topic_combo)
        top.addWidget(self.hover_label, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)

    def _throttle(self, monitor: OpinionMonitor) -> None:
        """pyqtgraph's SignalProxy between the inputs and the redraws (UI-thread timers)."""
        inputs = [(monitor.volumesMoved, 1.0, self._on_live),
                  (self._incidentsTouched, 0.5, self._on_incidents)]  # fmt: skip
        for plot in (self.volume_plot, self.mood_plot, self.incident_plot):
            inputs.append((plot.scene().sigMouseMoved, 20.0, self._on_mouse))
        self._proxies = []
        for signal, rate, slot in inputs:
            proxy = pg.SignalProxy(signal, rateLimit=rate, slot=slot, threadSafe=False)
            proxy.setParent(self)
            self._proxies.append(proxy)

    def shutdown(self) -> None:
        self._unsubscribe()
        for proxy in self._proxies:
            proxy.disconnect()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        self.shutdown()
        super().closeEvent(event)

    # ------------------------------------------------------------------ throttled inputs
    def _on_changes(self, changes: ChangeSet) -> None:
        if changes.touched("incidents"):
            self._incidentsTouched.emit()

    def _on_live(self, _args: object) -> None:
        self.redraw_topics()

    def _on_incidents(self, _args: object) -> None:
        self.redraw_incidents()

    # ------------------------------------------------------------------ topics
    def _color(self, key: str) -> str:
        color = self._colors.get(key)
        if color is None:
            color = self._colors[key] = PALETTE[len(self._colors) % len(PALETTE)]
        return color

    def shown_topics(self) -> list[str]:
        chosen = self.topic_combo.currentData()
        now = self.monitor.clock()
        if chosen:
            return [chosen]
        return trend_data.shown_topics(self.monitor.watch, now, TOPICS_SHOWN)

    def redraw_topics(self) -> None:
        watch, now = self.monitor.watch, self.monitor.clock()
        self._offer_topics()
        topics = self.shown_topics()
        for topic in [t for t in self.topic_curves if t not in topics]:
            curve = self.topic_curves.pop(topic)
            self.volume_plot.removeItem(curve)
            self.legend.removeItem(curve)
        for topic in topics:
            series = trend_data.topic_series(watch, topic, now)
            curve = self.topic_curves.get(topic)
            if curve is None:
                color = self._color(topic)
                curve = self.volume_plot.plot(pen=pg.mkPen(color, width=2), name=html.escape(topic))
                self.topic_curves[topic] = curve
            curve.setData(series.times, series.volumes)
        chosen = self.topic_combo.currentData() or None
        times, moods = trend_data.mood_series(watch, now, chosen)
        self.mood_curve.setData(times, [m.mean for m in moods])
        self.mood_upper.setData(times, [min(1.0, m.mean + m.spread) for m in moods])
        self.mood_lower.setData(times, [max(-1.0, m.mean - m.spread) for m in moods])
        self.volume_plot.setXRange(self._shown_start(now), now, padding=0.02)
        self._draw_markers()
        self.redraws += 1
        self.redrawn.emit()

    def _shown_start(self, now: float) -> float:
        """The window's start, or the first sample if the history is shorter (a console
        just started shows its few minutes across the plot, not in its last pixels)."""
        watch = self.monitor.watch
        start = trend_data.window_start(watch, now)
        first = next(iter(watch.history), None)
        if first is not None and first.at > start:
            start = first.at
        return min(start, now - MIN_SPAN_S)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        """Side by side when wide, stacked when tall (docked beside the map)."""
        size = event.size()
        wide = size.width() >= size.height()
        self.splitter.setOrientation(Qt.Orientation.Horizontal if wide else Qt.Orientation.Vertical)
        super().resizeEvent(event)

    def _offer_topics(self) -> None:
        combo = self.topic_combo
        known = {combo.itemData(i) for i in range(combo.count())}
        for topic in sorted(self.monitor.watch.volumes.topic_moods()):
            if topic not in known:
                combo.addItem(topic, topic)

    def _draw_markers(self) -> None:
        """A triangle where each warning on a shown topic fired, coloured by severity."""
        watch, now = self.monitor.watch, self.monitor.clock()
        start = trend_data.window_start(watch, now)
        spots = []
        for warning in watch.warnings.warnings():
            if warning.raised_at < start or warning.topic not in self.topic_curves:
                continue
            times, volumes = watch.history.series(warning.topic, warning.raised_at)
            volume = volumes[0] if times and times[0] == warning.raised_at else warning.volume
            color = SEVERITY_COLORS.get(warning.severity, TEXT)
            spots.append({"pos": (warning.raised_at, volume), "brush": pg.mkBrush(color),
                          "data": warning.id})  # fmt: skip
        self.markers.setData(spots)

    # ------------------------------------------------------------------ incidents
    def redraw_incidents(self) -> None:
        now = self.monitor.clock()
        start = trend_data.window_start(self.monitor.watch, now)
        hours, counts = trend_data.incidents_per_hour(self._store.incidents.values(), start, now)
        centres = [hour + trend_data.HOUR_S / 2 for hour in hours]
        for category in [c for c in self.category_curves if c not in counts]:
            curve = self.category_curves.pop(category)
            self.incident_plot.removeItem(curve)
            self.incident_legend.removeItem(curve)
        for category, values in counts.items():
            curve = self.category_curves.get(category)
            if curve is None:
                color = self._color(f"category:{category}")
                curve = self.incident_plot.plot(
                    pen=pg.mkPen(color, width=2), symbol="s", symbolSize=6, symbolBrush=color,
                    symbolPen=None, name=html.escape(common_labels.category(category)),
                )  # fmt: skip
                self.category_curves[category] = curve
            curve.setData(centres, values)
        if hours:
            self.incident_plot.setXRange(hours[0], hours[-1] + trend_data.HOUR_S, padding=0.02)

    # ------------------------------------------------------------------ hover
    def _on_mouse(self, args: tuple[QPointF]) -> None:
        position = args[0]
        for plot in (self.volume_plot, self.mood_plot, self.incident_plot):
            if plot.sceneBoundingRect().contains(position):
                x = plot.getPlotItem().vb.mapSceneToView(position).x()
                self.hover_label.setText(
                    self.incident_hover_text(x) if plot is self.incident_plot
                    else self.hover_text(x)
                )  # fmt: skip
                return

    def hover_text(self, x: float) -> str:
        """The values of the shown topics and the sentiment at the point nearest ``x``."""
        lines = []
        nearest_at = None
        for topic, curve in self.topic_curves.items():
            times, volumes = curve.getData()
            if times is None or not len(times):
                continue
            index = min(range(len(times)), key=lambda i: abs(times[i] - x))
            nearest_at = times[index]
            lines.append(self.tr("{0}: {1}").format(topic, int(volumes[index])))
        times, means = self.mood_curve.getData()
        if times is not None and len(times):
            index = min(range(len(times)), key=lambda i: abs(times[i] - x))
            nearest_at = nearest_at if nearest_at is not None else times[index]
            lines.append(self.tr("sentiment {0}").format(f"{means[index]:+.2f}"))
        if nearest_at is None:
            return ""
        return " · ".join([fmt.local_time(float(nearest_at)), *lines])

    def incident_hover_text(self, x: float) -> str:
        """Incidents per category in the hour under ``x``."""
        parts = []
        hour_at = None
        for category, curve in self.category_curves.items():
            times, counts = curve.getData()
            for at, count in zip(times, counts, strict=True):
                if abs(at - x) <= trend_data.HOUR_S / 2:
                    hour_at = at - trend_data.HOUR_S / 2
                    if count:
                        parts.append(f"{common_labels.category(category)} {int(count)}")
        if hour_at is None:
            return ""
        return " · ".join([fmt.local_time(float(hour_at)), *parts])
