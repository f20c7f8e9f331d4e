"""The foundation build's window: every service's topics, live, from the embedded backend."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from services.backend.runner import BackendThread
from services.protocol.entities import SERVICE_TOPICS


class BackendStatusWindow(QMainWindow):
    """A table of (service, topic): epoch, head seq, entities, events/s; refreshed 1 Hz."""

    COLUMNS = ("service", "topic", "epoch", "head seq", "entities", "events/s")

    def __init__(self, backend: BackendThread) -> None:
        super().__init__()
        self._backend = backend
        self._previous: dict[str, tuple[float, int]] = {}
        self.setWindowTitle(self.tr("Command Centre — S city"))
        self.resize(900, 420)
        body = QWidget(self)
        layout = QVBoxLayout(body)
        title = QLabel(self.tr("Embedded backend: simulated S city"), body)
        title.setFont(QFont(title.font().family(), 16, QFont.Weight.Bold))
        layout.addWidget(title)
        note = QLabel(
            self.tr(
                "Live topics of the four services. The operations desk, map and video wall "
                "are being built on this feed."
            ),
            body,
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        self.table = QTableWidget(0, len(self.COLUMNS), body)
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in self.COLUMNS])
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table)
        self.setCentralWidget(body)
        self.statusBar().showMessage(
            self.tr("Listening on ws://127.0.0.1:{0} (/cad /avl /video /opinion)").format(
                backend.port
            )
        )
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()
        self.refresh()

    def refresh(self) -> None:
        rows = self._backend.call(self._read_topics)
        self.table.setRowCount(len(rows))
        now = time.monotonic()
        for row, (service, topic, epoch, head, entities) in enumerate(rows):
            before = self._previous.get(topic)
            per_second = "—" if before is None else f"{(head - before[1]) / (now - before[0]):.0f}"
            self._previous[topic] = (now, head)
            for column, value in enumerate((service, topic, epoch, head, entities, per_second)):
                item = QTableWidgetItem(str(value))
                if isinstance(value, int):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, column, item)

    def _read_topics(self) -> list[tuple[str, str, str, int, int]]:
        """Runs on the backend's loop thread (the only thread touching hub state)."""
        hub = self._backend.hub
        assert hub is not None
        return [
            (
                f"/{service}",
                topic,
                hub.topics[topic].epoch,
                hub.topics[topic].head,
                len(hub.topics[topic].entities),
            )
            for service, topics in SERVICE_TOPICS.items()
            for topic in topics
        ]

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        self._timer.stop()
        super().closeEvent(event)
