"""A new incident at a point the operator chose on the map (a call taken at this desk)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from widgets.common import labels
from widgets.incidents.text import KNOWN_CATEGORIES


class NewIncidentDialog(QDialog):
    def __init__(self, lat: float, lon: float, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newIncidentDialog")
        self.setWindowTitle(self.tr("New incident"))
        self.lat, self.lon = lat, lon
        form = QFormLayout(self)
        self.category = QComboBox(self)
        for name in KNOWN_CATEGORIES:
            self.category.addItem(labels.category(name), name)
        self.priority = QComboBox(self)
        for value in (1, 2, 3, 4):
            self.priority.addItem(labels.priority(value), value)
        self.priority.setCurrentIndex(2)
        self.summary = QPlainTextEdit(self)
        self.summary.setPlaceholderText(self.tr("What the caller reports"))
        self.address = QLineEdit(self)
        self.address.setPlaceholderText(self.tr("Street and number, landmark…"))
        location = QLabel(f"{lat:.5f}, {lon:.5f}", self)
        form.addRow(self.tr("Category"), self.category)
        form.addRow(self.tr("Priority"), self.priority)
        form.addRow(self.tr("Summary"), self.summary)
        form.addRow(self.tr("Address"), self.address)
        form.addRow(self.tr("Location"), location)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setEnabled(False)
        self.summary.textChanged.connect(self._on_summary_changed)

    def _on_summary_changed(self) -> None:
        self.ok_button.setEnabled(bool(self.summary.toPlainText().strip()))

    def values(self) -> dict[str, Any]:
        """Keyword arguments for ``CommandController.create_incident``."""
        return {
            "category": self.category.currentData(),
            "priority": int(self.priority.currentData()),
            "summary": self.summary.toPlainText().strip(),
            "address": self.address.text().strip(),
            "lat": self.lat,
            "lon": self.lon,
        }
