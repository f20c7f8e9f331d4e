"""The incident queue: every open incident in triage order, filtered, one row selected."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QItemSelection, QItemSelectionModel, QObject, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QTableView, QVBoxLayout, QWidget

from console.state import SituationStore
from widgets.common.tables import configure_table
from widgets.common.ticker import Ticker
from widgets.incidents.filter import IncidentFilterProxy
from widgets.incidents.filter_bar import IncidentFilterBar
from widgets.incidents.model import IncidentTableModel
from widgets.incidents.roles import IncidentColumn, IncidentRoles

#: Column widths in average character widths (the address column, last, stretches and
#: elides; its tooltip has it in full). Priority, SLA and units come first: at the default
#: dock width they are on screen without scrolling.
_COLUMN_CHARS = {
    IncidentColumn.PRIORITY: 4,
    IncidentColumn.ID: "I-20261128-0042",  # in full
    IncidentColumn.SLA: "on scene -12:05 / 30:00",
    IncidentColumn.UNITS: 13,
    IncidentColumn.STATUS: 10,
    IncidentColumn.CATEGORY: 14,
    IncidentColumn.AGE: 8,
    IncidentColumn.DISTRICT: 9,
}


class IncidentQueuePanel(QWidget):
    """The queue panel: filter bar over a table of the store's incidents.

    Emits :attr:`incidentSelected` when the operator selects another incident (not when
    another panel selects through :meth:`select_incident`, and not when rows inserted,
    removed or re-sorted around the selected one make the view re-announce the same
    selection), :attr:`dispatchRequested` on Enter and
    :attr:`priorityOneArrived` for each new priority-1 incident after the initial load (the
    main window sounds the alert; this panel makes no sound).
    """

    incidentSelected = Signal(str)  # noqa: N815 (Qt signal)
    dispatchRequested = Signal(str)  # noqa: N815 (Qt signal)
    priorityOneArrived = Signal(str)  # noqa: N815 (Qt signal)

    def __init__(
        self,
        store: SituationStore,
        *,
        clock: Callable[[], float] = time.time,
        ticker: Ticker | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("incidentQueue")
        self._selecting = False
        self._announced: str | None = None  # the incident last selected, either way
        self.model = IncidentTableModel(store, clock=clock, ticker=ticker, parent=self)
        self.proxy = IncidentFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.model.priorityOneArrived.connect(self.priorityOneArrived)

        self.table = QTableView(self)
        self.table.setObjectName("incidentTable")
        self.table.setModel(self.proxy)
        self._set_up_table()
        self.filter_bar = IncidentFilterBar(self.model, self.proxy, self)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.table, 1)

        selection = self.table.selectionModel()
        selection.selectionChanged.connect(self._on_selection_changed)
        self.table.installEventFilter(self)

    def shutdown(self) -> None:
        """Stop listening to the store and stop the model's timers (also done on close)."""
        self.model.close()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        self.shutdown()
        super().closeEvent(event)

    def _set_up_table(self) -> None:
        configure_table(
            self.table, _COLUMN_CHARS, IncidentColumn.ADDRESS, row_height=1.8, fit_titles=True
        )
        self.table.horizontalHeader().setMinimumSectionSize(40)

    # ------------------------------------------------------------------ selection
    def selected_incident(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(IncidentRoles.KEY) if rows else None

    def select_incident(self, incident_id: str | None) -> bool:
        """Select and scroll to the incident (without emitting :attr:`incidentSelected`).

        False, and the selection cleared, if it is unknown or hidden by the filters.
        """
        source_row = None if incident_id is None else self.model.row_of(incident_id)
        index = (
            self.proxy.mapFromSource(self.model.index(source_row, 0))
            if source_row is not None
            else None
        )
        self._selecting = True
        try:
            selection = self.table.selectionModel()
            if index is None or not index.isValid():
                selection.clearSelection()
                self._announced = None
                return False
            self._announced = incident_id
            selection.setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.table.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
            return True
        finally:
            self._selecting = False

    def _on_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        if self._selecting:
            return
        key = self.selected_incident()
        if key is not None and key != self._announced:
            self._announced = key
            self.incidentSelected.emit(key)

    # ------------------------------------------------------------------ keyboard
    def eventFilter(  # noqa: N802 (Qt override)
        self, watched: QObject, event: QEvent
    ) -> bool:
        if (
            watched is self.table
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            current = self.table.currentIndex()
            key = current.data(IncidentRoles.KEY) if current.isValid() else None
            if key is not None:
                self.dispatchRequested.emit(key)
                return True
        return super().eventFilter(watched, event)
