"""Orders keep their place, highlight changes, name who dispatched, and recall/reassign."""

from __future__ import annotations

from types import SimpleNamespace

import msgspec
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from console.state import SituationStore
from tests.console.state.builders import FakeClock, batch, incident, unit
from widgets.dispatch import OrdersPanel
from widgets.dispatch.orders_model import HIGHLIGHT, HIGHLIGHT_S, OrderColumn, dispatched_by_text


class Monotonic:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def orders(qtbot: QtBot, store: SituationStore, clock: FakeClock) -> OrdersPanel:
    store.apply(
        batch(
            incident("I-1", priority=3),
            incident("I-2", priority=1),
            incident("I-3", priority=2, status="closed"),
            msgspec.structs.replace(
                unit("U-1", status="dispatched", incident_id="I-1", dispatched_s=0),
                dispatched_by="console/0.1 ws-12",
            ),
            unit("U-2", status="dispatched", incident_id="I-1", dispatched_s=5),
        )
    )
    panel = OrdersPanel(store, clock=clock)
    qtbot.addWidget(panel)
    return panel


def cell(panel: OrdersPanel, unit_id: str, column: OrderColumn, role: int = 0) -> object:
    row = panel.order_proxy.row_keys().index(unit_id)
    return panel.order_proxy.index(row, column).data(role)


def select(panel: OrdersPanel, unit_id: str) -> None:
    panel.orders_table.selectRow(panel.order_proxy.row_keys().index(unit_id))


def test_dispatched_by_shows_the_workstation_or_cad(orders: OrdersPanel) -> None:
    assert cell(orders, "U-1", OrderColumn.DISPATCHED_BY) == "ws-12"
    tip = cell(orders, "U-1", OrderColumn.DISPATCHED_BY, Qt.ItemDataRole.ToolTipRole)
    assert tip == "console/0.1 ws-12"
    assert cell(orders, "U-2", OrderColumn.DISPATCHED_BY) == "CAD"
    console = SimpleNamespace(dispatched_by="console/0.1 ws 7 (duty-commander-3)")
    assert dispatched_by_text(console) == "ws 7 · duty-commander-3"
    assert dispatched_by_text(SimpleNamespace(dispatched_by="field-app 2.1")) == "field-app 2.1"


def test_new_orders_are_appended_and_changes_highlight_for_a_few_seconds(
    store: SituationStore, orders: OrdersPanel, clock: FakeClock
) -> None:
    monotonic = Monotonic()
    orders.order_model._clock = monotonic  # a test clock for the highlight only
    assert orders.order_proxy.row_keys() == ["U-1", "U-2"]
    background = Qt.ItemDataRole.BackgroundRole
    assert cell(orders, "U-1", OrderColumn.UNIT, background) is None  # the first picture
    # U-0 dispatched later than both but sorting by id would put it first: it is appended
    store.apply(batch(unit("U-0", status="dispatched", incident_id="I-2", dispatched_s=9)))
    assert orders.order_proxy.row_keys() == ["U-1", "U-2", "U-0"]
    assert cell(orders, "U-0", OrderColumn.UNIT, background) == QColor(HIGHLIGHT)
    assert cell(orders, "U-1", OrderColumn.UNIT, background) is None
    # U-1 acknowledged: it stays where it is, highlighted
    store.apply(batch(unit("U-1", status="en_route", incident_id="I-1", dispatched_s=0, ack_s=10)))
    assert orders.order_proxy.row_keys() == ["U-1", "U-2", "U-0"]
    assert cell(orders, "U-1", OrderColumn.UNIT, background) == QColor(HIGHLIGHT)
    # a tick after the highlight time: back to normal, and repainted
    monotonic.now += HIGHLIGHT_S + 0.1
    changed: list[int] = []
    orders.order_model.dataChanged.connect(lambda first, _last: changed.append(first.row()))
    orders.refresh()
    assert cell(orders, "U-1", OrderColumn.UNIT, background) is None
    assert cell(orders, "U-0", OrderColumn.UNIT, background) is None
    assert orders.order_model.row_of("U-1") in changed


def test_recall_asks_for_a_reason_then_asks_to_send(qtbot: QtBot, orders: OrdersPanel) -> None:
    sent: list = []
    orders.recallRequested.connect(lambda *args: sent.append(list(args)))
    select(orders, "U-2")
    orders.orders_table.setFocus()
    orders.recall_action.trigger()  # Delete on the table, or the context menu
    dialog = orders.reason_dialog
    assert dialog is not None
    assert dialog.heading_label.text() == "Take Call-U-2 off I-1? It becomes available."
    assert not dialog.ok_button.isEnabled()
    dialog.ok_button.click()
    assert sent == []
    dialog.reason_edit.setText("wrong unit")
    dialog.ok_button.click()
    assert sent == [["I-1", ["U-2"], "wrong unit"]]
    assert orders.recall_action.shortcut().toString() == "Del"


def test_reassign_offers_open_incidents_most_urgent_first(
    qtbot: QtBot, orders: OrdersPanel
) -> None:
    sent: list = []
    orders.reassignRequested.connect(lambda *args: sent.append(list(args)))
    select(orders, "U-1")
    orders.reassign_action.trigger()
    dialog = orders.reason_dialog
    assert dialog is not None
    assert dialog.choice_box is not None
    choices = [dialog.choice_box.itemData(i) for i in range(dialog.choice_box.count())]
    assert choices == ["I-2"]  # not I-1 (its own), not I-3 (closed)
    dialog.reason_edit.setText("P1 nearby")
    dialog.ok_button.click()
    assert sent == [["U-1", "I-2", "P1 nearby"]]


def test_read_only_disables_recall_and_reassign(orders: OrdersPanel) -> None:
    orders.set_read_only(True)
    select(orders, "U-1")
    orders.recall_action.trigger()
    assert orders.reason_dialog is None
    assert not orders.reassign_action.isEnabled()


def test_the_acknowledged_header_is_not_clipped(qtbot: QtBot, orders: OrdersPanel) -> None:
    orders.resize(560, 400)
    orders.show()
    qtbot.waitExposed(orders)
    header = orders.orders_table.horizontalHeader()
    title = str(orders.order_model.headerData(OrderColumn.ACKNOWLEDGED, Qt.Orientation.Horizontal))
    needed = header.fontMetrics().horizontalAdvance(title)
    assert header.sectionSize(OrderColumn.ACKNOWLEDGED) > needed
    left = header.sectionViewportPosition(OrderColumn.ACKNOWLEDGED)
    assert left >= 0
    assert left + header.sectionSize(OrderColumn.ACKNOWLEDGED) <= header.viewport().width()


def test_more_than_three_orders_show_in_a_300_pixel_dock(
    qtbot: QtBot, store: SituationStore, orders: OrdersPanel
) -> None:
    store.apply(
        batch(
            *[
                unit(f"U-{n}", status="dispatched", incident_id="I-1", dispatched_s=n)
                for n in range(3, 9)
            ]
        )
    )
    orders.resize(700, 300)
    orders.show()
    qtbot.waitExposed(orders)
    table = orders.orders_table
    visible = table.viewport().height() // table.rowHeight(0)
    assert visible > 3, (table.viewport().height(), table.rowHeight(0))
