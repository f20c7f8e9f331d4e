"""The opinion panel: source coverage and early warnings on top, the live alert feed
(newest first, filtered) below, and what to do with the selected alert."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from console.state import ChangeSet, SituationStore
from widgets.common.tables import configure_table
from widgets.opinion.actions import AlertActionBar
from widgets.opinion.cells import AlertColumn, AlertRoles
from widgets.opinion.coverage_view import CoverageStrip
from widgets.opinion.filter import AlertFilterProxy
from widgets.opinion.filter_bar import AlertFilterBar
from widgets.opinion.model import AlertTableModel
from widgets.opinion.monitor import OpinionMonitor
from widgets.opinion.warnings_view import WarningList

#: Column widths in average character widths (the excerpt column stretches).
_COLUMN_CHARS = {
    AlertColumn.TIME: 9,
    AlertColumn.SEVERITY: 9,
    AlertColumn.PLATFORM: 11,
    AlertColumn.TOPIC: 24,
    AlertColumn.DISTRICT: 9,
    AlertColumn.VOLUME: 8,
    AlertColumn.SENTIMENT: 8,
    AlertColumn.STATE: 18,
}


class OpinionFeedPanel(QWidget):
    """The feed of the store's alerts, with the monitor's warnings and coverage.

    Requests leave as signals carrying the alert id: :attr:`acknowledgeRequested`,
    :attr:`linkRequested` (with the incident id) and :attr:`showOnMapRequested`.
    :attr:`alertSelected` is emitted when the operator selects a row (not when another
    panel selects through :meth:`select_alert`).
    """

    alertSelected = Signal(str)  # noqa: N815 (Qt signal)
    acknowledgeRequested = Signal(str)  # noqa: N815 (Qt signal)
    linkRequested = Signal(str, str)  # noqa: N815 (Qt signal)
    showOnMapRequested = Signal(str)  # noqa: N815 (Qt signal)

    def __init__(
        self, store: SituationStore, monitor: OpinionMonitor, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("opinionFeed")
        self._store = store
        self._selecting = False
        self.monitor = monitor
        self.coverage = CoverageStrip(monitor, self)
        self.warning_list = WarningList(monitor, self)
        self.model = AlertTableModel(store, parent=self)
        self.proxy = AlertFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView(self)
        self.table.setObjectName("alertTable")
        self.table.setModel(self.proxy)
        self._set_up_table()
        self.filter_bar = AlertFilterBar(self.model, self.proxy, self)
        self.actions = AlertActionBar(store, monitor.policy, self)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.warning_list)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.coverage)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.actions)

        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.actions.acknowledgeRequested.connect(self._on_acknowledge)
        self.actions.showOnMapRequested.connect(self._on_show_on_map)
        self.actions.linkRequested.connect(self._on_link)
        self.warning_list.warningSelected.connect(self._on_warning_selected)
        monitor.ticked.connect(self.actions.refresh_suggestions)
        unsubscribe = store.subscribe(self._on_changes)
        self._unsubscribe = unsubscribe
        self.destroyed.connect(lambda *_: unsubscribe())

    def shutdown(self) -> None:
        """Stop listening to the store (also done on close and destroy)."""
        self.model.close()
        self._unsubscribe()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        self.shutdown()
        super().closeEvent(event)

    def set_read_only(self, read_only: bool) -> None:
        """Hide acknowledge and link (viewer and video-wall roles)."""
        self.actions.set_read_only(read_only)

    def _set_up_table(self) -> None:
        # newest first, always (the model's order)
        configure_table(self.table, _COLUMN_CHARS, AlertColumn.EXCERPT, fit_titles=True)

    # ------------------------------------------------------------------ selection
    def selected_alert(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(AlertRoles.KEY) if rows else None

    def select_alert(self, alert_id: str | None) -> bool:
        """Select and scroll to the alert (without emitting :attr:`alertSelected`).

        False, and the selection cleared, if it is unknown or hidden by the filters.
        """
        self.model.flush()  # the row may be in the store's latest change set only
        source_row = None if alert_id is None else self.model.row_of(alert_id)
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
                self._show_actions()
                return False
            selection.setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
            self._show_actions()
            return True
        finally:
            self._selecting = False

    def _on_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._show_actions()
        if self._selecting:
            return
        key = self.selected_alert()
        if key is not None:
            self.alertSelected.emit(key)

    def _show_actions(self) -> None:
        key = self.selected_alert()
        self.actions.set_alert(None if key is None else self._store.alerts.get(key))

    def _on_changes(self, changes: ChangeSet) -> None:
        key = self.selected_alert()
        if key is not None and key in changes.touched("alerts"):
            self._show_actions()

    def _on_warning_selected(self, warning_id: str) -> None:
        """Select the busiest alert behind the warning (if the filters show it)."""
        warning = self.monitor.watch.warnings.get(warning_id)
        if warning is None:
            return
        alerts = [
            a
            for a in self._store.alerts.values()
            if a.topic == warning.topic and a.district == warning.district
        ]
        if alerts:
            self.select_alert(max(alerts, key=lambda a: (a.volume, a.ts)).id)

    # ------------------------------------------------------------------ requests
    def _on_acknowledge(self) -> None:
        key = self.selected_alert()
        if key is not None:
            self.acknowledgeRequested.emit(key)

    def _on_link(self, incident_id: str) -> None:
        key = self.selected_alert()
        if key is not None:
            self.linkRequested.emit(key, incident_id)

    def _on_show_on_map(self) -> None:
        key = self.selected_alert()
        if key is not None:
            self.showOnMapRequested.emit(key)
