"""The orders panel: every order to the field, tracked to the terminal's acknowledgement.

The upper table lists dispatch orders (escalated first, then the other unacknowledged,
then acknowledged; the store decides what is escalated) with their stages sent →
accepted → acknowledged. An escalated order — the terminal never confirmed, so the
order probably did not arrive — is red and bold until the unit acknowledges (by terminal
or by phone) or is reassigned. The lower table lists the operator's own commands with
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

from console.state import ChangeSet, SituationStore
from widgets.common.adapters import subscribe_until_destroyed
from widgets.common.style import DANGER, readable_on
from widgets.common.ticker import Ticker, TickSubscription
from widgets.dispatch.orders_model import (
    CommandColumn,
    CommandModel,
    OrderColumn,
    OrderModel,
    OrderRow,
    dispatch_commands,
)
from widgets.dispatch.rows import RankedProxy

_BANNER_NAMES = 5  # callsigns named in the banner before "…"


class OrdersPanel(QWidget):
    """Orders and commands; ``escalationsChanged(count)`` drives the main window's banner."""

    escalationsChanged = Signal(int)  # noqa: N815 (Qt signal)

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
        self.order_proxy = RankedProxy(self.order_model, self)
        self.orders_table = _table(self, "ordersTable", self.order_proxy, OrderColumn.ACKNOWLEDGED)
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
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(splitter, 1)

    # ------------------------------------------------------------------ public API
    def _get_escalations(self) -> int:
        return self._escalations

    #: Orders escalated right now (unacknowledged past the store's threshold).
    escalations = Property(int, _get_escalations, notify=escalationsChanged)

    def refresh(self) -> None:
        """Recompute orders and commands from the store now."""
        orders = self._store.orders(self._clock())
        commands = self._store.commands()
        behind = dispatch_commands(commands)
        self.order_model.sync(
            [
                (
                    order.unit_id,
                    OrderRow(order, behind.get((order.incident_id or "", order.unit_id))),
                )
                for order in orders
            ]
        )
        self.command_model.sync([(record.command_id, record) for record in commands])
        escalated = [order.callsign for order in orders if order.escalated]
        self._show_banner(escalated)
        if len(escalated) != self._escalations:
            self._escalations = len(escalated)
            self.escalationsChanged.emit(self._escalations)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
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
            ) != (
                order.dispatched_at,
                order.ack_at,
                order.ack_via,
                order.incident_id,
                order.callsign,
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


def _table(parent: QWidget, name: str, model: RankedProxy, stretch: int) -> QTableView:
    table = QTableView(parent)
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setWordWrap(False)
    table.verticalHeader().setVisible(False)
    header = table.horizontalHeader()
    # Interactive, not ResizeToContents: that would read every cell on every change.
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setDefaultSectionSize(110)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table
