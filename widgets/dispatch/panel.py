"""The dispatch panel: which units to send to the selected incident, and the send button.

Recommendations come from :func:`console.state.rank_units`, fastest estimated arrival
first, with the reasoning shown in a column and as a tooltip. The list is recomputed when
something it depends on changes — the selected incident, an available unit or its
position, a unit on the list — at most every ``throttle_ms`` (1 s: ≤ 1 Hz), and on the
tick so fix ages and stale-fix flags move even when the AVL feed is silent.
Rows are diffed, not reset, so the operator's selection survives every refresh.

Safe dispatch: an order of several units, of a unit far above the best estimate, or of a
fatigued crew (:func:`console.state.safety.check_dispatch`) is not sent until the
operator confirms it in a dialog that says why for each unit and gives a reason; the
reason travels with the command into the incident's notes and the audit.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QItemSelection, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from console.state import ChangeSet, SituationStore, rank_units
from console.state.safety import DispatchCheck, check_dispatch
from services.protocol.entities import Incident
from widgets.common import labels
from widgets.common.adapters import subscribe_until_destroyed
from widgets.common.reason import ReasonDialog, open_in_turn
from widgets.common.style import WARNING
from widgets.common.ticker import Ticker, TickSubscription
from widgets.dispatch.recommendations import (
    DEFAULT_HIDDEN,
    RecommendationColumn,
    RecommendationModel,
    concern_text,
)
from widgets.dispatch.rows import RankedProxy

_WATCHED_UNITS = ("units", "positions")


class DispatchPanel(QWidget):
    """Recommended units for one incident; ``dispatchRequested(incident_id, unit_ids,
    reason)`` (``reason`` is "" when nothing needed confirming).

    The panel only asks: the main window sends the command (through the controller) and
    the orders panel follows it to the field terminal. :attr:`confirmation` is the open
    confirmation dialog, if any.
    """

    dispatchRequested = Signal(str, list, str)  # noqa: N815 (Qt signal)

    def __init__(
        self,
        store: SituationStore,
        *,
        clock: Callable[[], float] = time.time,
        limit: int = 10,
        throttle_ms: int = 1000,
        tick_ms: int = 1000,
        ticker: Ticker | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("dispatchPanel")
        self._store = store
        self._clock = clock
        self._limit = limit
        self._incident_id: str | None = None
        self._read_only = False
        self.confirmation: ReasonDialog | None = None

        self.incident_label = _plain_label(self, "dispatchIncident")
        self.summary_label = _plain_label(self, "dispatchIncidentSummary")
        self.summary_label.setWordWrap(True)
        self.model = RecommendationModel(self)
        self.proxy = RankedProxy(self.model, self)
        self.table = self._make_table()
        self.empty_label = _plain_label(self, "dispatchEmpty")
        self.dispatch_button = QPushButton(self)
        self.dispatch_button.setObjectName("dispatchButton")
        self.read_only_label = _plain_label(self, "dispatchReadOnly")
        self.read_only_label.setWordWrap(True)
        self.read_only_label.setStyleSheet(f"color: {WARNING};")
        self.read_only_label.hide()
        self._layout()

        self._throttle = QTimer(self)
        self._throttle.setSingleShot(True)
        self._throttle.setInterval(throttle_ms)
        self._throttle.timeout.connect(self.refresh)
        self._tick = TickSubscription(
            self, clock, ticker, self._schedule_refresh, interval_ms=tick_ms
        )
        self.dispatch_button.clicked.connect(self._on_dispatch_clicked)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self._unsubscribe: Callable[[], None] | None = subscribe_until_destroyed(
            self, store, self._on_changes
        )
        self.refresh()

    def _make_table(self) -> QTableView:
        table = QTableView(self)
        table.setObjectName("dispatchRecommendations")
        table.setModel(self.proxy)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setWordWrap(False)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        # Every column as wide as its widest text (an ETA is never cut: "1h 05m" stays
        # whole), only "why" takes what is left and elides; its tooltip says it all.
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(RecommendationColumn.REASONING, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(table.fontMetrics().horizontalAdvance("0") * 3)
        for column in DEFAULT_HIDDEN:
            table.setColumnHidden(column, True)
        table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        return table

    def _layout(self) -> None:
        buttons = QHBoxLayout()
        buttons.addWidget(self.read_only_label, 1)
        buttons.addStretch(0)
        buttons.addWidget(self.dispatch_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.incident_label)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        layout.addLayout(buttons)

    # ------------------------------------------------------------------ public API
    @property
    def incident_id(self) -> str | None:
        return self._incident_id

    def set_incident(self, incident_id: str | None) -> None:
        """Recommend units for ``incident_id`` (``None``: nothing selected)."""
        if incident_id != self._incident_id:
            self._incident_id = incident_id
            self.table.clearSelection()
        if incident_id is None:
            self._tick.stop()
        elif not self._tick.isActive():
            self._tick.start()
        self.refresh()

    def set_read_only(self, read_only: bool, reason: str | None = None) -> None:
        """Hide the dispatch button and say why (a viewer role, a replay, ...)."""
        self._read_only = read_only
        self.dispatch_button.setVisible(not read_only)
        self.read_only_label.setVisible(read_only)
        self.read_only_label.setText(
            reason
            or self.tr("Read-only: this workstation may not dispatch units (role or replay).")
        )
        self._update_button()

    def is_read_only(self) -> bool:
        return self._read_only

    def selected_unit_ids(self) -> list[str]:
        """The selected units, in ranking order."""
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [self.proxy.key_at(row) for row in rows]

    def refresh(self) -> None:
        """Recompute the header and the recommendations now."""
        self._throttle.stop()
        incident_id = self._incident_id
        incident = None if incident_id is None else self._store.incidents.get(incident_id)
        if incident is None:
            self.summary_label.clear()
            self.model.sync([])
            if incident_id is None:
                self.incident_label.setText(self.tr("No incident selected"))
                self.empty_label.setText(self.tr("Select an incident to see which units to send."))
            else:
                self.incident_label.setText(
                    self.tr("{0}: no longer in the picture").format(incident_id)
                )
                self.empty_label.setText(self.tr("Nothing to dispatch to."))
        else:
            self._show_incident(incident)
            ranked = rank_units(self._store, incident.id, self._clock(), limit=self._limit)
            self.model.sync([(rec.unit_id, rec) for rec in ranked])
            self.empty_label.setText(self.tr("No available unit with a known position."))
        self.empty_label.setVisible(self.model.rowCount() == 0)
        self._update_button()

    def _show_incident(self, incident: Incident) -> None:
        self.incident_label.setText(
            self.tr("{0} · {1} · {2} · {3}").format(
                incident.id,
                labels.priority(incident.priority),
                labels.category(incident.category),
                labels.incident_status(incident.status),
            )
        )
        summary = incident.summary
        if incident.address:
            summary = self.tr("{0} — {1}").format(incident.address, summary)
        if incident.units:
            summary += "\n" + self.tr("Already assigned: {0}").format(", ".join(incident.units))
        self.summary_label.setText(summary)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        if self.confirmation is not None:
            self.confirmation.reject()
        self._throttle.stop()
        self._tick.stop()
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        super().closeEvent(event)

    # ------------------------------------------------------------------ handlers
    def _on_changes(self, changes: ChangeSet) -> None:
        if (
            self._incident_id is not None
            and not self._throttle.isActive()
            and self._affects_ranking(changes)
        ):
            self._schedule_refresh()

    def _affects_ranking(self, changes: ChangeSet) -> bool:
        """The selected incident changed, or a unit that is available or on the list (or
        its position): anything else cannot change what the panel shows."""
        if self._incident_id in changes.touched("incidents"):
            return True
        units = self._store.units
        listed = self.model.row_of
        for collection in _WATCHED_UNITS:
            for key in changes.touched(collection):
                unit = units.get(key)
                if (unit is not None and unit.status == "available") or listed(key) is not None:
                    return True
        return False

    def _schedule_refresh(self) -> None:
        if not self._throttle.isActive():
            self._throttle.start()

    def _on_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._update_button()

    def _update_button(self) -> None:
        count = len(self.table.selectionModel().selectedRows())
        self.dispatch_button.setText(self.tr("Dispatch selected ({0})").format(count))
        can_send = (
            not self._read_only
            and count > 0
            and self._incident_id is not None
            and self._incident_id in self._store.incidents
        )
        self.dispatch_button.setEnabled(can_send)

    def _on_dispatch_clicked(self) -> None:
        unit_ids = self.selected_unit_ids()
        if self._read_only or self._incident_id is None or not unit_ids:
            return
        self.table.clearSelection()  # one click, one order: no accidental double dispatch
        check = check_dispatch(self._store, self._incident_id, unit_ids, self._clock())
        if not check.needs_confirmation:
            self.dispatchRequested.emit(self._incident_id, unit_ids, "")
            return
        self._confirm(check)

    def _confirm(self, check: DispatchCheck) -> None:
        """Ask with the reasons; the order leaves only when confirmed with a reason."""
        units = self._store.units
        callsigns = {u: units[u].callsign or u for u in check.unit_ids if u in units}
        names = [callsigns.get(u, u) for u in check.unit_ids]
        several = self.tr("%n units in one order: {0}", "", len(names)).format(", ".join(names))
        why = [several] if check.several else []
        why += [concern_text(concern) for concern in check.concerns]
        dialog = ReasonDialog(
            self.tr("Confirm dispatch"),
            self.tr("Send {0} to {1}?").format(
                ", ".join(callsigns.get(u, u) for u in check.unit_ids), check.incident_id
            ),
            why,
            ok_text=self.tr("Dispatch with this reason"),
            parent=self,
        )
        dialog.accepted.connect(
            lambda: self.dispatchRequested.emit(
                check.incident_id, list(check.unit_ids), dialog.reason()
            )
        )
        open_in_turn(self, "confirmation", dialog)


def _plain_label(parent: QWidget, name: str) -> QLabel:
    """A label for data from the wire: shown literally, never as rich text."""
    label = QLabel(parent)
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label
