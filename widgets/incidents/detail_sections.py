"""Parts of the incident detail: assigned units with their orders, timeline, notes."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QGridLayout, QLabel, QListWidget, QVBoxLayout, QWidget

from console.state import Order, UnitView
from console.state.timestamps import ts_seconds
from services.protocol.entities import Note
from widgets.common import format as fmt
from widgets.common import labels
from widgets.common.style import DANGER, SLA_COLORS, TEXT, TEXT_DIM, WARNING
from widgets.common.text import plain_label

_CONTEXT = "IncidentDetailPanel"

#: How each kind of assignment line looks (colours from the shared theme).
LEVEL_STYLES = {
    "escalated": f"color: {DANGER}; font-weight: bold;",
    "awaiting": f"color: {WARNING};",
    "acknowledged": f"color: {SLA_COLORS['ok']};",
    "assigned": f"color: {TEXT};",
    "unknown": f"color: {TEXT_DIM};",
}


def clock_time(timestamp: str) -> str:
    """Local ``HH:MM:SS`` of a protocol timestamp (the raw text if unreadable)."""
    seconds = ts_seconds(timestamp)
    return timestamp if seconds is None else fmt.local_time(seconds)


def assignment_line(unit_id: str, view: UnitView | None, order: Order | None) -> tuple[str, str]:
    """``(text, level)`` of one unit assigned to the incident; ``level`` keys LEVEL_STYLES."""
    if view is None and order is None:
        return QCoreApplication.translate("IncidentDetailPanel", "{0} · {1}").format(
            unit_id, QCoreApplication.translate("IncidentDetailPanel", "unknown unit")
        ), "unknown"
    callsign = order.callsign if order is not None else view.unit.callsign if view else unit_id
    if order is None:
        assert view is not None
        return QCoreApplication.translate("IncidentDetailPanel", "{0} · {1}").format(
            callsign, labels.unit_status(view.unit.status)
        ), "assigned"
    waited = int(order.waited_s)
    if order.escalated:
        text = QCoreApplication.translate(
            "IncidentDetailPanel", "NOT ACKNOWLEDGED {0} s — order may not have arrived"
        ).format(waited)
        level = "escalated"
    elif not order.acknowledged:
        text, level = (
            QCoreApplication.translate(
                "IncidentDetailPanel", "awaiting acknowledgement {0} s"
            ).format(waited),
            "awaiting",
        )
    else:
        level = "acknowledged"
        if order.ack_via == "phone":
            text = QCoreApplication.translate(
                "IncidentDetailPanel", "confirmed by phone after {0} s"
            ).format(waited)
        elif order.ack_via == "manual":
            text = QCoreApplication.translate(
                "IncidentDetailPanel", "acknowledged manually after {0} s"
            ).format(waited)
        elif order.ack_via in (None, "terminal"):
            text = QCoreApplication.translate(
                "IncidentDetailPanel", "acknowledged by terminal after {0} s"
            ).format(waited)
        else:
            text = QCoreApplication.translate(
                "IncidentDetailPanel", "acknowledged via {1} after {0} s"
            ).format(waited, order.ack_via)
    return QCoreApplication.translate("IncidentDetailPanel", "{0} · {1}").format(
        callsign, text
    ), level


class UnitAssignmentList(QWidget):
    """One plain-text line per assigned unit; labels are reused from one refresh to the next."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("incidentUnits")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(2)
        self._empty = plain_label(
            QCoreApplication.translate("IncidentDetailPanel", "No unit assigned"), self
        )
        self._empty.setStyleSheet(LEVEL_STYLES["unknown"])
        self._layout.addWidget(self._empty)
        self._labels: list[QLabel] = []
        self._by_unit: dict[str, QLabel] = {}

    def set_lines(self, lines: Sequence[tuple[str, str, str]]) -> None:
        """``(unit id, text, level)`` per unit, in display order."""
        while len(self._labels) < len(lines):
            label = plain_label(parent=self, wrap=True)
            self._labels.append(label)
            self._layout.addWidget(label)
        while len(self._labels) > len(lines):
            label = self._labels.pop()
            self._layout.removeWidget(label)
            label.deleteLater()
        self._by_unit = {}
        for label, (unit_id, text, level) in zip(self._labels, lines, strict=True):
            name = f"unitLine:{unit_id}"
            if label.objectName() != name:
                label.setObjectName(name)
            self._by_unit[unit_id] = label
            self._show(label, text, level)
        self._empty.setVisible(not lines)

    def set_line(self, unit_id: str, text: str, level: str) -> None:
        """Update the line of one unit already listed (nothing if it is not)."""
        label = self._by_unit.get(unit_id)
        if label is not None:
            self._show(label, text, level)

    @staticmethod
    def _show(label: QLabel, text: str, level: str) -> None:
        """Set only what changed: a style sheet set again re-polishes the label."""
        if label.text() != text:
            label.setText(text)
        if label.property("level") != level:
            label.setProperty("level", level)
            label.setStyleSheet(LEVEL_STYLES[level])

    def line_labels(self) -> list[QLabel]:
        return list(self._labels)

    def texts(self) -> list[str]:
        return [label.text() for label in self._labels]


class TimelineList(QListWidget):
    """Status changes as the store saw them, oldest first (list items are plain text)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("incidentTimeline")
        self._entries: list[tuple[str, str]] = []

    def set_entries(self, entries: list[tuple[str, str]]) -> None:
        if entries == self._entries:
            return
        self._entries = list(entries)
        self.clear()
        for timestamp, status in entries:
            self.addItem(
                QCoreApplication.translate("IncidentDetailPanel", "{0}  {1}").format(
                    clock_time(timestamp), labels.incident_status(status)
                )
            )
        row_height = self.sizeHintForRow(0) if entries else self.fontMetrics().height()
        self.setFixedHeight(min(6, max(1, len(entries))) * max(row_height, 1) + 6)

    def texts(self) -> list[str]:
        return [self.item(row).text() for row in range(self.count())]


class NoteList(QWidget):
    """The incident's notes: time and literal text, newest last."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("incidentNotes")
        self._layout = QGridLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setColumnStretch(1, 1)
        self._notes: tuple[Note, ...] = ()
        self._labels: list[QLabel] = []
        self._empty = plain_label(
            QCoreApplication.translate("IncidentDetailPanel", "No notes"), self
        )
        self._empty.setStyleSheet(LEVEL_STYLES["unknown"])
        self._layout.addWidget(self._empty, 0, 0, 1, 2)

    def set_notes(self, notes: Sequence[Note]) -> None:
        if tuple(notes) == self._notes:
            return
        self._notes = tuple(notes)
        for label in self._labels:
            self._layout.removeWidget(label)
            label.deleteLater()
        self._labels = []
        for row, note in enumerate(self._notes, start=1):
            time_label = plain_label(clock_time(note.ts), self)
            time_label.setStyleSheet(LEVEL_STYLES["unknown"])
            text_label = plain_label(note.text, self, wrap=True)
            text_label.setObjectName("incidentNoteText")
            self._layout.addWidget(time_label, row, 0)
            self._layout.addWidget(text_label, row, 1)
            self._labels += [time_label, text_label]
        self._empty.setVisible(not self._notes)

    def text_labels(self) -> list[QLabel]:
        """The labels holding the notes' text, oldest first."""
        return self._labels[1::2]
