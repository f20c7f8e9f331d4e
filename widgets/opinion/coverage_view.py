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
_NORMAL = "padding: 0 6px;"


class CoverageStrip(QWidget):
    """One label per platform, refreshed every second; a quiet platform is red."""

    def __init__(self, monitor: OpinionMonitor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("opinionCoverage")
        self._monitor = monitor
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel(self.tr("Sources:"), self)
        self.title.setStyleSheet(f"color: {TEXT_DIM};")
        self._layout.addWidget(self.title)
        self._layout.addStretch(1)
        self.labels: dict[str, QLabel] = {}
        #: the platforms flagged quiet at the last refresh
        self.quiet: list[str] = []
        monitor.ticked.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        reports = self._monitor.coverage()
        self.quiet = [r.platform for r in reports if r.quiet]
        for report in reports:
            label = self.labels.get(report.platform)
            if label is None:
                label = QLabel(self)
                label.setObjectName(f"coverage-{report.platform}")
                label.setTextFormat(Qt.TextFormat.PlainText)
                self.labels[report.platform] = label
                self._layout.insertWidget(self._layout.count() - 1, label)
            label.setText(labels.coverage_line(report))
            if label.property("quiet") != report.quiet:  # restyling is not free: on change
                label.setProperty("quiet", report.quiet)
                label.setStyleSheet(_QUIET if report.quiet else _NORMAL)


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
