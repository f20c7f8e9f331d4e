"""A new incident from a call taken at this desk: opened at a point the operator chose on
the map, or from the keyboard (Ctrl+N) with no point yet.

The intake assistant reads what the call-taker types in "What the caller says" and
suggests category, priority and place (:mod:`widgets.incidents.intake_view`); accepting a
suggestion fills that field, which stays editable. An accepted place gives the location
(and the district) unless the operator has chosen a point on the map. The address field
searches the S-city gazetteer as it is typed (streets, landmarks, station areas; Chinese,
English or an alias): picking a completion places the point the same way, and the
location line shows it with its district. OK is enabled once
there is a summary, a category and a location: nothing is created without the call-taker
pressing it (the category starts unchosen, so a call is never filed as the first one).
"""

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

from console.state.categories import CATEGORIES
from console.state.intake import Candidate, IntakeAssistant
from widgets.common import labels
from widgets.incidents.address_search import AddressSearch, GazetteerPlace
from widgets.incidents.intake_view import IntakeSuggestionsView
from widgets.incidents.text import KNOWN_CATEGORIES


class NewIncidentDialog(QDialog):
    def __init__(
        self,
        lat: float | None = None,
        lon: float | None = None,
        parent: QWidget | None = None,
        *,
        assistant: IntakeAssistant | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("newIncidentDialog")
        self.setWindowTitle(self.tr("New incident"))
        self.lat, self.lon = lat, lon
        self.district = ""
        self._point_from_map = lat is not None and lon is not None
        form = QFormLayout(self)
        self.summary = QPlainTextEdit(self)
        self.summary.setObjectName("newIncidentSummary")
        self.summary.setPlaceholderText(self.tr("What the caller says"))
        self.suggestions = IntakeSuggestionsView(assistant, self)
        self.category = QComboBox(self)
        self.category.addItem(self.tr("Choose a category…"), None)
        for name in dict.fromkeys((*KNOWN_CATEGORIES, *CATEGORIES)):
            self.category.addItem(labels.category(name), name)
        self.priority = QComboBox(self)
        for value in (1, 2, 3, 4):
            self.priority.addItem(labels.priority(value), value)
        self.priority.setCurrentIndex(2)
        self.address = QLineEdit(self)
        self.address.setObjectName("newIncidentAddress")
        self.address.setPlaceholderText(
            self.tr("Street and number, landmark… (type to search the city's places)")
        )
        self.address_search = AddressSearch(self.address)
        self.address_search.placePicked.connect(self._on_place_picked)
        self.location = QLabel(self)
        self.location.setObjectName("newIncidentLocation")
        form.addRow(self.tr("Summary"), self.summary)
        form.addRow(self.suggestions)
        form.addRow(self.tr("Category"), self.category)
        form.addRow(self.tr("Priority"), self.priority)
        form.addRow(self.tr("Address"), self.address)
        form.addRow(self.tr("Location"), self.location)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.summary.textChanged.connect(self._on_summary_changed)
        self.suggestions.accepted.connect(self._on_accepted)
        self.category.currentIndexChanged.connect(self._update_ok)
        self._show_location("")
        self._update_ok()
        self.summary.setFocus()

    def _on_summary_changed(self) -> None:
        self.suggestions.set_text(self.summary.toPlainText())
        self._update_ok()

    def _on_accepted(self, key: str, value: object) -> None:
        if key == "category":
            index = self.category.findData(value)
            if index >= 0:
                self.category.setCurrentIndex(index)
        elif key == "priority":
            index = self.priority.findData(value)
            if index >= 0:
                self.priority.setCurrentIndex(index)
        elif key == "place" and isinstance(value, Candidate):
            self.address.setText(f"{value.zh} {value.en}")
            self._place(value.en, value.district, value.lat, value.lon)

    def _on_place_picked(self, place: GazetteerPlace) -> None:
        self._place(place.en, place.district, place.lat, place.lon)

    def _place(self, name: str, district: str, lat: float, lon: float) -> None:
        """A named place was chosen: its district, and its point unless the map gave one."""
        self.district = district
        if not self._point_from_map:
            self.lat, self.lon = lat, lon
        self._show_location(name)
        self._update_ok()

    def _show_location(self, place: str) -> None:
        if self.lat is None or self.lon is None:
            self.location.setText(
                self.tr("none yet: accept a place, or use “New incident here” on the map")
            )
        elif self._point_from_map or not place:
            self.location.setText(f"{self.lat:.5f}, {self.lon:.5f}")
        else:
            self.location.setText(
                self.tr("{lat:.5f}, {lon:.5f} (at {place}, {district})").format(
                    lat=self.lat, lon=self.lon, place=place, district=self.district
                )
            )

    def _update_ok(self) -> None:
        has_summary = bool(self.summary.toPlainText().strip())
        has_category = self.category.currentData() is not None
        located = self.lat is not None and self.lon is not None
        self.ok_button.setEnabled(has_summary and has_category and located)

    def values(self) -> dict[str, Any]:
        """Keyword arguments for ``CommandController.create_incident``."""
        if self.lat is None or self.lon is None:
            raise ValueError("the new incident has no location yet")
        if self.category.currentData() is None:
            raise ValueError("the new incident has no category yet")
        return {
            "category": self.category.currentData(),
            "priority": int(self.priority.currentData()),
            "summary": self.summary.toPlainText().strip(),
            "address": self.address.text().strip(),
            "district": self.district,
            "lat": self.lat,
            "lon": self.lon,
        }
