"""Source coverage on screen: every platform's rate and last post in the feed header, and
a flag in the status bar while any platform has gone quiet."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from widgets.common.style import DANGER, TEXT_DIM, readable_on
from widgets.opinion import labels
from widgets.opinion.monitor import OpinionMonitor

_QUIET = (
    f"background: {DANGER}; color: {readable_on(DANGER).name()}; font-weight: bold; padding: 0 6px;"
)


class CoverageStrip(QWidget):
    """The platforms gone quiet in red, then every other platform's rate and last post;
    refreshed every second. Wraps when the panel is narrow."""

    def __init__(self, monitor: OpinionMonitor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("opinionCoverage")
        self._monitor = monitor
        self.quiet_label = QLabel(self)
        self.quiet_label.setObjectName("coverageQuiet")
        self.quiet_label.setTextFormat(Qt.TextFormat.PlainText)
        self.quiet_label.setWordWrap(True)
        self.quiet_label.setStyleSheet(_QUIET)
        self.rates_label = QLabel(self)
        self.rates_label.setObjectName("coverageRates")
        self.rates_label.setTextFormat(Qt.TextFormat.PlainText)
        self.rates_label.setWordWrap(True)
        self.rates_label.setStyleSheet(f"color: {TEXT_DIM};")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.quiet_label)
        layout.addWidget(self.rates_label, 1)
        #: each platform's line as shown at the last refresh
        self.lines: dict[str, str] = {}
        #: the platforms flagged quiet at the last refresh
        self.quiet: list[str] = []
        monitor.ticked.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        reports = self._monitor.coverage()
        self.lines = {r.platform: labels.coverage_line(r) for r in reports}
        self.quiet = [r.platform for r in reports if r.quiet]
        quiet_text = "   ".join(self.lines[p] for p in self.quiet)
        others = [self.lines[r.platform] for r in reports if not r.quiet]
        self.quiet_label.setText(quiet_text)
        self.quiet_label.setVisible(bool(quiet_text))
        self.rates_label.setText(
            self.tr("Sources: {0}").format("   ".join(others)) if others or not quiet_text else ""
        )


class QuietSourcesIndicator(QLabel):
    """For the status bar: hidden while every platform posts; red while any is quiet."""

    def __init__(self, monitor: OpinionMonitor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("opinionQuietSources")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setStyleSheet(f"color: {DANGER}; font-weight: bold; padding: 0 8px;")
        self._monitor = monitor
        monitor.ticked.connect(self.refresh)
        self.hide()

    def refresh(self) -> None:
        quiet = self._monitor.quiet_platforms()
        if quiet:
            self.setText(labels.quiet_summary(quiet))
            self.show()
        else:
            self.hide()
