"""The orders panel: every order to the field, tracked to the terminal's acknowledgement.

The upper table lists dispatch orders with their stages sent → accepted → acknowledged
and the desk that sent them. Rows keep their place (oldest first, new orders appended);
a new or changed order is highlighted for a few seconds instead of moving. An escalated
order — the terminal never confirmed, so the order probably did not arrive — is red and
bold until the unit acknowledges (by terminal or by phone) or is reassigned. From an
order's context menu (or Delete / Ctrl+R) the operator recalls the unit or reassigns it
to another open incident, each with a reason (``recallRequested``, ``reassignRequested``).
The lower table lists the operator's own commands with
their state; a refusal shows the server's error code and message as sent.

Refreshed on change sets that touch orders or commands, and on a 1 Hz tick (waits grow).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import Property, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from console.state import ChangeSet, Order, SituationStore
from widgets.common import labels
from widgets.common.adapters import subscribe_until_destroyed
from widgets.common.reason import ReasonDialog, open_in_turn
from widgets.common.style import DANGER, readable_on
from widgets.common.tables import add_row_actions
from widgets.common.ticker import Ticker, TickSubscription
from widgets.dispatch.orders_model import (
    CommandColumn,
    CommandModel,
    OrderColumn,
    OrderModel,
    OrderRow,
    dispatch_commands,
)
from widgets.dispatch.rows import ArrivalProxy, RankedProxy

_BANNER_NAMES = 5  # callsigns named in the banner before "…"


class OrdersPanel(QWidget):
    """Orders and commands; ``escalationsChanged(count)`` drives the main window's banner.

    ``recallRequested(incident_id, [unit_id], reason)`` and
    ``reassignRequested(unit_id, incident_id, reason)`` ask the main window to send them;
    :attr:`reason_dialog` is the open recall/reassign dialog, if any.
    """

    escalationsChanged = Signal(int)  # noqa: N815 (Qt signal)
    recallRequested = Signal(str, list, str)  # noqa: N815 (Qt signal)
    reassignRequested = Signal(str, str, str)  # noqa: N815 (Qt signal)

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
        self.setObjectName("ordersPanel")
        self._store = store
        self._clock = clock
        self._escalations = 0
        self._read_only = False
        self.reason_dialog: ReasonDialog | None = None

        self.banner = QLabel(self)
        self.banner.setObjectName("ordersEscalation")
        self.banner.setTextFormat(Qt.TextFormat.PlainText)
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(
            f"QLabel {{ background: {DANGER}; color: {readable_on(DANGER).name()};"
            " font-weight: bold; padding: 4px 8px; }"
        )
        self.banner.hide()
        self.order_model = OrderModel(self)
        self.order_proxy = ArrivalProxy(self.order_model, self)
        self.orders_table = _table(self, "ordersTable", self.order_proxy, OrderColumn.ACKNOWLEDGED)
        _compact_order_columns(self.orders_table)
        self.recall_action, self.reassign_action = add_row_actions(
            self.orders_table,
            [
                (self.tr("Recall unit…"), "Delete", self.recall_selected),
                (self.tr("Reassign to another incident…"), "Ctrl+R", self.reassign_selected),
            ],
        )
        self.command_model = CommandModel(self)
        self.command_proxy = RankedProxy(self.command_model, self)
        self.commands_table = _table(self, "commandsTable", self.command_proxy, CommandColumn.STATE)
        self._layout()

        self._timer = TickSubscription(self, clock, ticker, self.refresh, interval_ms=tick_ms)
        self._unsubscribe: Callable[[], None] | None = subscribe_until_destroyed(
            self, store, self._on_changes
        )
        self.refresh()
        self._timer.start()

    def _layout(self) -> None:
        orders = QWidget(self)
        orders_layout = QVBoxLayout(orders)
        orders_layout.setContentsMargins(0, 0, 0, 0)
        orders_layout.addWidget(QLabel(self.tr("Orders to the field"), orders))
        orders_layout.addWidget(self.orders_table)
        commands = QWidget(self)
        commands_layout = QVBoxLayout(commands)
        commands_layout.setContentsMargins(0, 0, 0, 0)
        commands_layout.addWidget(QLabel(self.tr("My commands"), commands))
        commands_layout.addWidget(self.commands_table)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(orders)
        splitter.addWidget(commands)
        # Orders are what a commander watches: they get most of the height (at a 300-pixel
        # dock more than three rows show); my commands keep a few lines.
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([400, 100])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(2)
        layout.addWidget(self.banner)
        layout.addWidget(splitter, 1)

    # ------------------------------------------------------------------ public API
    def _get_escalations(self) -> int:
        return self._escalations

    #: Orders escalated right now (unacknowledged past the store's threshold).
    escalations = Property(int, _get_escalations, notify=escalationsChanged)

    def set_read_only(self, read_only: bool) -> None:
        """No recall or reassign (a viewer role, a replay)."""
        self._read_only = read_only
        for action in (self.recall_action, self.reassign_action):
            action.setEnabled(not read_only)

    def selected_order(self) -> Order | None:
        rows = self.orders_table.selectionModel().selectedRows()
        if not rows:
            return None
        row: OrderRow | None = self.order_model.value(self.order_proxy.key_at(rows[0].row()))
        return None if row is None else row.order

    def recall_selected(self) -> None:
        """Ask for a reason, then ``recallRequested`` for the selected order's unit."""
        order = self.selected_order()
        if order is None or order.incident_id is None or self._read_only:
            return
        incident_id = order.incident_id
        dialog = self._open_reason(
            ReasonDialog(
                self.tr("Recall unit"),
                self.tr("Take {0} off {1}? It becomes available.").format(
                    order.callsign, incident_id
                ),
                [],
                ok_text=self.tr("Recall"),
                parent=self,
            )
        )
        dialog.accepted.connect(
            lambda: self.recallRequested.emit(incident_id, [order.unit_id], dialog.reason())
        )

    def reassign_selected(self) -> None:
        """Ask for the incident and a reason, then ``reassignRequested``."""
        order = self.selected_order()
        if order is None or self._read_only:
            return
        choices = self._open_incidents(exclude=order.incident_id)
        dialog = self._open_reason(
            ReasonDialog(
                self.tr("Reassign unit"),
                self.tr("Move {0} from {1} to:").format(order.callsign, order.incident_id or "—"),
                [] if choices else [self.tr("No other open incident.")],
                ok_text=self.tr("Reassign"),
                choices=choices,
                parent=self,
            )
        )

        def confirmed() -> None:
            target = dialog.choice()
            if target is not None:
                self.reassignRequested.emit(order.unit_id, target, dialog.reason())

        dialog.accepted.connect(confirmed)

    def _open_incidents(self, exclude: str | None) -> list[tuple[str, str]]:
        """Open incidents, most urgent first, as (text, id) for the reassign choice."""
        open_ones = [
            incident
            for incident in self._store.incidents.values()
            if incident.status not in ("resolved", "closed") and incident.id != exclude
        ]
        open_ones.sort(key=lambda i: (i.priority, i.reported_at, i.id))
        return [
            (
                self.tr("{0} · {1} · {2} · {3}").format(
                    incident.id,
                    labels.priority(incident.priority),
                    labels.category(incident.category),
                    incident.address or incident.district,
                ),
                incident.id,
            )
            for incident in open_ones
        ]

    def _open_reason(self, dialog: ReasonDialog) -> ReasonDialog:
        return open_in_turn(self, "reason_dialog", dialog)

    def refresh(self) -> None:
        """Recompute orders and commands from the store now."""
        orders = self._store.orders(self._clock())
        commands = self._store.commands()
        behind = dispatch_commands(commands)
        units = self._store.units
        # Oldest first: on the first picture the rows are in dispatch order; afterwards
        # the model keeps each row where it is and appends new ones.
        chronological = sorted(orders, key=lambda o: (o.dispatched_at, o.unit_id))
        self.order_model.sync(
            [
                (
                    order.unit_id,
                    OrderRow(
                        order,
                        behind.get((order.incident_id or "", order.unit_id)),
                        getattr(units.get(order.unit_id), "dispatched_by", None),
                    ),
                )
                for order in chronological
            ]
        )
        self.command_model.sync([(record.command_id, record) for record in commands])
        escalated = [order.callsign for order in orders if order.escalated]
        self._show_banner(escalated)
        if len(escalated) != self._escalations:
            self._escalations = len(escalated)
            self.escalationsChanged.emit(self._escalations)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        if self.reason_dialog is not None:
            self.reason_dialog.reject()
        self._timer.stop()
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        super().closeEvent(event)

    # ------------------------------------------------------------------ handlers
    def _on_changes(self, changes: ChangeSet) -> None:
        if changes.commands or self._touches_orders(changes):
            self.refresh()

    def _touches_orders(self, changes: ChangeSet) -> bool:
        """Did an order appear, change or go? A new position also counts as a unit change
        in the store's change sets, so compare the fields an order is made of."""
        units = self._store.units
        for key in changes.touched("units"):
            unit = units.get(key)
            shown: OrderRow | None = self.order_model.value(key)
            if shown is None:
                if unit is not None and unit.dispatched_at is not None:
                    return True
                continue
            order = shown.order
            if unit is None or (
                unit.dispatched_at,
                unit.ack_at,
                unit.ack_via,
                unit.incident,
                unit.callsign,
                unit.dispatched_by,
            ) != (
                order.dispatched_at,
                order.ack_at,
                order.ack_via,
                order.incident_id,
                order.callsign,
                shown.dispatched_by,
            ):
                return True
        return False

    def _show_banner(self, callsigns: list[str]) -> None:
        if not callsigns:
            self.banner.hide()
            return
        names = ", ".join(callsigns[:_BANNER_NAMES])
        if len(callsigns) > _BANNER_NAMES:
            names += ", …"
        self.banner.setText(
            self.tr("%n order(s) NOT ACKNOWLEDGED — call: {0}", "", len(callsigns)).format(names)
        )
        self.banner.show()


#: minimum widths of the orders' columns, in "0" digits of the table's font (so they
#: scale with the font and DPI); Acknowledged stretches over the rest
ORDER_COLUMN_DIGITS = {
    OrderColumn.UNIT: 8,
    OrderColumn.INCIDENT: 15,
    OrderColumn.SENT: 8,
    OrderColumn.ACCEPTED: 8,
    OrderColumn.ACKNOWLEDGED: 13,
    OrderColumn.WAITED: 7,
    OrderColumn.DISPATCHED_BY: 7,
}


def _compact_order_columns(table: QTableView) -> None:
    """Columns as narrow as their content allows, header texts never clipped; the
    decision columns (Acknowledged, Waited) come right after Unit and Incident."""
    header = table.horizontalHeader()
    digit = table.fontMetrics().horizontalAdvance("0")
    header_metrics = header.fontMetrics()
    model = table.model()
    for column, digits in ORDER_COLUMN_DIGITS.items():
        title = str(model.headerData(column, Qt.Orientation.Horizontal))
        width = max(digits * digit, header_metrics.horizontalAdvance(title) + 2 * digit)
        header.resizeSection(column, width)
    header.setMinimumSectionSize(4 * digit)
    for visual, column in enumerate(
        (
            OrderColumn.UNIT,
            OrderColumn.INCIDENT,
            OrderColumn.ACKNOWLEDGED,
            OrderColumn.WAITED,
            OrderColumn.SENT,
            OrderColumn.ACCEPTED,
            OrderColumn.DISPATCHED_BY,
        )
    ):
        header.moveSection(header.visualIndex(column), visual)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(False)
    header.setSectionResizeMode(OrderColumn.ACKNOWLEDGED, QHeaderView.ResizeMode.Stretch)


def _table(
    parent: QWidget, name: str, model: RankedProxy | ArrivalProxy, stretch: int
) -> QTableView:
    table = QTableView(parent)
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setWordWrap(False)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 6)
    header = table.horizontalHeader()
    # Interactive, not ResizeToContents: that would read every cell on every change.
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setDefaultSectionSize(110)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table
