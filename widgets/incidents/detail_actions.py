"""The incident detail's action bar: re-prioritise, re-classify, add a note, dispatch, close.

The bar only emits requests; the panel adds the incident id and the controller acts.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from services.protocol.entities import Incident
from services.protocol.limits import NOTE_CHARS
from widgets.common import labels
from widgets.incidents.text import KNOWN_CATEGORIES, PRIORITIES

NOTE_MAX_CHARS = NOTE_CHARS  # the protocol refuses longer notes


class IncidentActionBar(QWidget):
    """Buttons and inputs acting on one incident; disabled while there is none."""

    updateRequested = Signal(dict)  # noqa: N815 (Qt signal)
    dispatchRequested = Signal()  # noqa: N815 (Qt signal)
    closeRequested = Signal()  # noqa: N815 (Qt signal)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("incidentActions")
        self._incident: Incident | None = None
        self._build_choices()
        self._build_commands()
        self._lay_out()
        self.priority_combo.currentIndexChanged.connect(self._update_apply)
        self.category_combo.currentIndexChanged.connect(self._update_apply)
        self.apply_button.clicked.connect(self._on_apply)
        self.note_edit.returnPressed.connect(self.submit_note)
        self.note_edit.textChanged.connect(self._update_note_button)
        self.note_button.clicked.connect(self.submit_note)
        self.dispatch_button.clicked.connect(self.dispatchRequested)
        self.close_button.clicked.connect(self.closeRequested)
        self.set_incident(None)

    def _build_choices(self) -> None:
        self.priority_combo = QComboBox(self)
        self.priority_combo.setObjectName("incidentPriorityChoice")
        for priority in PRIORITIES:
            self.priority_combo.addItem(labels.priority(priority), priority)
        self.priority_combo.setToolTip(self.tr("New priority (P1 is the most urgent)"))
        self.category_combo = QComboBox(self)
        self.category_combo.setObjectName("incidentCategoryChoice")
        for category in KNOWN_CATEGORIES:
            self.category_combo.addItem(labels.category(category), category)
        self.category_combo.setToolTip(self.tr("New category"))
        self.apply_button = QPushButton(self.tr("Apply"), self)
        self.apply_button.setObjectName("incidentApplyChanges")
        self.apply_button.setToolTip(self.tr("Send the new priority and category to the CAD"))

    def _build_commands(self) -> None:
        self.note_edit = QLineEdit(self)
        self.note_edit.setObjectName("incidentNoteInput")
        self.note_edit.setMaxLength(NOTE_MAX_CHARS)
        self.note_edit.setPlaceholderText(self.tr("Add a note…"))
        self.note_button = QPushButton(self.tr("Add note"), self)
        self.note_button.setObjectName("incidentAddNote")
        self.note_button.setToolTip(self.tr("Add the note to the incident (Enter)"))

        self.dispatch_button = QPushButton(self.tr("Dispatch…"), self)
        self.dispatch_button.setObjectName("incidentDispatch")
        self.dispatch_button.setToolTip(self.tr("Choose units to send to this incident"))
        self.close_button = QPushButton(self.tr("Close incident"), self)
        self.close_button.setObjectName("incidentClose")
        self.close_button.setToolTip(self.tr("Close the incident (asks for confirmation)"))

    def _lay_out(self) -> None:
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        choices = QHBoxLayout()
        choices.addWidget(self.priority_combo)
        choices.addWidget(self.category_combo, 1)
        choices.addWidget(self.apply_button)
        note = QHBoxLayout()
        note.addWidget(self.note_edit, 1)
        note.addWidget(self.note_button)
        commands = QHBoxLayout()
        commands.addWidget(self.dispatch_button)
        commands.addStretch(1)
        commands.addWidget(self.close_button)
        layout.addLayout(choices, 0, 0)
        layout.addLayout(note, 1, 0)
        layout.addLayout(commands, 2, 0)

    # ------------------------------------------------------------------ state
    def set_incident(self, incident: Incident | None) -> None:
        """Show the actions for ``incident``. The priority and category choices follow the
        incident unless the operator has changed them and not applied yet."""
        previous = self._incident
        self._incident = incident
        if incident is None:
            self.setEnabled(False)
            return
        self.setEnabled(True)
        same = previous is not None and previous.id == incident.id
        if not same or self.priority_combo.currentData() == previous.priority:
            self.priority_combo.setCurrentIndex(self.priority_combo.findData(incident.priority))
        if self.category_combo.findData(incident.category) < 0:
            self.category_combo.addItem(labels.category(incident.category), incident.category)
        if not same or self.category_combo.currentData() == previous.category:
            self.category_combo.setCurrentIndex(self.category_combo.findData(incident.category))
        if not same:
            self.note_edit.clear()
        active = incident.status != "closed"
        self.dispatch_button.setEnabled(active and incident.status != "resolved")
        self.close_button.setEnabled(active)
        self._update_apply()
        self._update_note_button()

    def pending_changes(self) -> dict[str, Any]:
        """The priority/category edits not applied yet."""
        incident = self._incident
        if incident is None:
            return {}
        changes: dict[str, Any] = {}
        priority = self.priority_combo.currentData()
        if priority is not None and priority != incident.priority:
            changes["priority"] = priority
        category = self.category_combo.currentData()
        if category is not None and category != incident.category:
            changes["category"] = category
        return changes

    def _update_apply(self, *_args: object) -> None:
        self.apply_button.setEnabled(bool(self.pending_changes()))

    def _update_note_button(self, *_args: object) -> None:
        self.note_button.setEnabled(bool(self.note_edit.text().strip()))

    # ------------------------------------------------------------------ handlers
    def _on_apply(self) -> None:
        changes = self.pending_changes()
        if changes:
            self.updateRequested.emit(changes)

    def submit_note(self) -> None:
        """Send the typed note; an empty or blank note is refused (nothing is sent)."""
        text = self.note_edit.text().strip()
        if self._incident is None or not text:
            return
        self.note_edit.clear()
        self.updateRequested.emit({"note": text})
