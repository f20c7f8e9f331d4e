"""The unit board: every unit by station, with live status counts and quick filters.

Built on :class:`~widgets.units.model.UnitTableModel` (incremental rows, kept grouped by
station, then callsign) and :class:`~widgets.units.filter.UnitFilterModel` (filters).
The station column is shown first, so the table reads as one block per station.

A dispatcher sets the selected unit's status from its context menu or the keyboard:
"Back in service" (Ctrl+Shift+A) at once, "Out of service…" (Ctrl+Shift+S: busy or off
duty) only with a reason, which the board then shows in the Reason column.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from console.state import SituationStore
from widgets.common import labels
from widgets.common.reason import ReasonDialog, open_in_turn
from widgets.common.tables import add_row_actions
from widgets.common.ticker import Ticker
from widgets.units.cells import UnitColumn
from widgets.units.filter import UnitFilterModel
from widgets.units.model import UnitRoles, UnitTableModel
from widgets.units.summary import SUMMARY_STATUSES, UnitSummaryStrip


class UnitBoardPanel(QWidget):
    """All units, grouped by station; emits ``unitSelected(unit_id)`` on the operator's pick.

    :meth:`select_unit` selects a unit from elsewhere (the map) without re-emitting.
    ``statusRequested(unit_id, status, reason)`` asks the main window to send
    ``unit.set_status``; :attr:`reason_dialog` is the open out-of-service dialog, if any.
    Closing the panel stops its model (store subscription and clock tick).
    """

    unitSelected = Signal(str)  # noqa: N815 (Qt signal)
    statusRequested = Signal(str, str, str)  # noqa: N815 (Qt signal)

    def __init__(
        self,
        store: SituationStore,
        *,
        clock: Callable[[], float] = time.time,
        tick_ms: int = 1000,
        ticker: Ticker | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("unitBoard")
        self._store = store
        self._quiet = False  # True while select_unit moves the selection
        self.model = UnitTableModel(store, clock=clock, tick_ms=tick_ms, ticker=ticker, parent=self)
        self.filter_model = UnitFilterModel(self.model, self)

        self.summary = UnitSummaryStrip(self)
        self.status_filter = QComboBox(self)
        self.status_filter.setObjectName("unitStatusFilter")
        self.status_filter.addItem(self.tr("All statuses"), None)
        for status in SUMMARY_STATUSES:
            self.status_filter.addItem(labels.unit_status(status), status)
        self.station_filter = QComboBox(self)
        self.station_filter.setObjectName("unitStationFilter")
        self.kind_filter = QComboBox(self)
        self.kind_filter.setObjectName("unitKindFilter")
        self.search = QLineEdit(self)
        self.search.setObjectName("unitSearch")
        self.search.setPlaceholderText(self.tr("Search callsign, unit, station, incident…"))
        self.search.setClearButtonEnabled(True)
        self.off_duty_toggle = QCheckBox(self.tr("Show off duty"), self)
        self.off_duty_toggle.setObjectName("unitShowOffDuty")
        self.shown_label = QLabel(self)
        self.shown_label.setTextFormat(Qt.TextFormat.PlainText)

        self.table = self._make_table()
        self.reason_dialog: ReasonDialog | None = None
        self._read_only = False
        self.in_service_action, self.out_of_service_action = add_row_actions(
            self.table,
            [
                (
                    self.tr("Back in service (available)"),
                    "Ctrl+Shift+A",
                    self.set_selected_available,
                ),
                (self.tr("Out of service…"), "Ctrl+Shift+S", self.take_selected_out_of_service),
            ],
        )
        self._layout()
        self._refresh_facets()
        self._refresh_counts()
        self._refresh_shown()
        self._connect()

    def _make_table(self) -> QTableView:
        table = QTableView(self)
        table.setObjectName("unitTable")
        table.setModel(self.filter_model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        header.moveSection(header.visualIndex(UnitColumn.STATION), 0)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setToolTip(self.tr("Grouped by station, then callsign"))
        return table

    def _connect(self) -> None:
        self.model.countsChanged.connect(self._refresh_counts)
        self.model.facetsChanged.connect(self._refresh_facets)
        for signal in (
            self.filter_model.rowsInserted,
            self.filter_model.rowsRemoved,
            self.filter_model.modelReset,
            self.filter_model.layoutChanged,
        ):
            signal.connect(self._refresh_shown)
        self.status_filter.currentIndexChanged.connect(self._on_status_filter)
        self.station_filter.currentIndexChanged.connect(self._on_station_filter)
        self.kind_filter.currentIndexChanged.connect(self._on_kind_filter)
        self.search.textChanged.connect(self.filter_model.set_text)
        self.off_duty_toggle.toggled.connect(self.filter_model.set_show_off_duty)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)

    def _layout(self) -> None:
        filters = QHBoxLayout()
        filters.addWidget(self.status_filter)
        filters.addWidget(self.station_filter)
        filters.addWidget(self.kind_filter)
        filters.addWidget(self.search, 1)
        filters.addWidget(self.off_duty_toggle)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.shown_label)

    # ------------------------------------------------------------------ public API
    def select_unit(self, unit_id: str) -> bool:
        """Select and show ``unit_id``; False if the store has no such unit.

        A unit hidden by the filters is made visible (filters cleared, off duty shown if
        needed). Does not emit :attr:`unitSelected`.
        """
        row = self.model.row_of(unit_id)
        if row is None:
            return False
        source_index = self.model.index(row, 0)
        index = self.filter_model.mapFromSource(source_index)
        if not index.isValid():
            self._reveal(source_index)
            index = self.filter_model.mapFromSource(source_index)
        if not index.isValid():
            return False
        self._quiet = True
        try:
            self.table.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        finally:
            self._quiet = False
        self.table.scrollTo(index)
        return True

    def selected_unit(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return str(rows[0].data(UnitRoles.KEY)) if rows else None

    def set_read_only(self, read_only: bool) -> None:
        """No status commands (a viewer role, a replay)."""
        self._read_only = read_only
        for action in (self.in_service_action, self.out_of_service_action):
            action.setEnabled(not read_only)

    def set_selected_available(self) -> None:
        unit_id = self.selected_unit()
        if unit_id is not None and not self._read_only:
            self.statusRequested.emit(unit_id, "available", "")

    def take_selected_out_of_service(self) -> None:
        """Ask busy or off duty, and why; nothing is sent without a reason."""
        unit_id = self.selected_unit()
        if unit_id is None or self._read_only:
            return
        unit = self._store.units.get(unit_id)
        callsign = unit.callsign if unit is not None else unit_id
        dialog = ReasonDialog(
            self.tr("Out of service"),
            self.tr("Take {0} out of service?").format(callsign),
            [],
            ok_text=self.tr("Set status"),
            choices=[(labels.unit_status(s), s) for s in ("busy", "off_duty")],
            choice_label=self.tr("New status:"),
            parent=self,
        )

        def confirmed() -> None:
            status = dialog.choice()
            if status is not None:
                self.statusRequested.emit(unit_id, status, dialog.reason())

        dialog.accepted.connect(confirmed)
        open_in_turn(self, "reason_dialog", dialog)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        if self.reason_dialog is not None:
            self.reason_dialog.reject()
        self.model.close()
        super().closeEvent(event)

    # ------------------------------------------------------------------ handlers
    def _reveal(self, source_index: QModelIndex) -> None:
        for combo in (self.status_filter, self.station_filter, self.kind_filter):
            combo.setCurrentIndex(0)
        self.search.clear()
        if source_index.data(UnitRoles.STATUS) == "off_duty":
            self.off_duty_toggle.setChecked(True)

    def _on_selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        if self._quiet:
            return
        indexes = selected.indexes()
        if indexes:
            self.unitSelected.emit(str(indexes[0].data(UnitRoles.KEY)))

    def _on_status_filter(self, _index: int) -> None:
        self.filter_model.set_status(self.status_filter.currentData())

    def _on_station_filter(self, _index: int) -> None:
        self.filter_model.set_station(self.station_filter.currentData())

    def _on_kind_filter(self, _index: int) -> None:
        self.filter_model.set_kind(self.kind_filter.currentData())

    def _refresh_counts(self) -> None:
        self.summary.set_counts(self.model.status_counts())

    def _refresh_shown(self) -> None:
        self.shown_label.setText(
            self.tr("{0} of {1} units shown").format(
                self.filter_model.rowCount(), self.model.rowCount()
            )
        )

    def _refresh_facets(self) -> None:
        _fill(self.station_filter, self.tr("All stations"), [(s, s) for s in self.model.stations()])
        _fill(
            self.kind_filter,
            self.tr("All kinds"),
            [(labels.unit_kind(k), k) for k in self.model.kinds()],
        )
        # A chosen station or kind that vanished falls back to "all": follow the combos.
        self._on_station_filter(self.station_filter.currentIndex())
        self._on_kind_filter(self.kind_filter.currentIndex())


def _fill(combo: QComboBox, any_label: str, items: list[tuple[str, str]]) -> None:
    """Refill ``combo`` with "any" then ``items``, keeping the current choice if it remains."""
    current = combo.currentData()
    combo.blockSignals(True)
    try:
        combo.clear()
        combo.addItem(any_label, None)
        for text, value in items:
            combo.addItem(text, value)
        position = combo.findData(current) if current is not None else 0
        combo.setCurrentIndex(max(position, 0))
    finally:
        combo.blockSignals(False)
