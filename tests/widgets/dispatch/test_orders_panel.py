from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont
from pytestqt.qtbot import QtBot

from console.state import CommandRecord, CommandState, SituationStore
from services.client.batch import AckResult, IngestBatch
from tests.console.state.builders import T0, FakeClock, ack, batch, position, unit
from widgets.common import format as fmt
from widgets.common.style import DANGER
from widgets.dispatch import OrdersPanel
from widgets.dispatch.orders_model import (
    HIGHLIGHT,
    CommandColumn,
    OrderColumn,
    dispatch_commands,
    dispatch_target,
)


@pytest.fixture
def orders(qtbot: QtBot, store: SituationStore, clock: FakeClock) -> OrdersPanel:
    panel = OrdersPanel(store, clock=clock)
    qtbot.addWidget(panel)
    return panel


def dispatch_u1(store: SituationStore, clock: FakeClock) -> None:
    """The operator dispatches U-1 to I-1: queued, sent at T0+1, accepted at T0+2."""
    store.track_command(
        "c-1", "incident.dispatch", "I-1 ← U-1", {"incident": "I-1", "units": ["U-1"]}
    )
    clock.at(1)
    store.command_sent("c-1")
    clock.at(2)
    store.apply(
        batch(
            unit("U-1", status="dispatched", incident_id="I-1", dispatched_s=2),
            acks=[ack("c-1", at_s=2)],
        )
    )


def order_text(panel: OrdersPanel, unit_id: str, column: OrderColumn) -> str:
    row = panel.order_proxy.row_keys().index(unit_id)
    return str(panel.order_proxy.index(row, column).data(Qt.ItemDataRole.DisplayRole))


def order_data(panel: OrdersPanel, unit_id: str, column: OrderColumn, role: int) -> object:
    row = panel.order_proxy.row_keys().index(unit_id)
    return panel.order_proxy.index(row, column).data(role)


def command_state(panel: OrdersPanel, command_id: str) -> str:
    row = panel.command_proxy.row_keys().index(command_id)
    return str(panel.command_proxy.index(row, CommandColumn.STATE).data())


def test_an_order_awaiting_ack_shows_sent_and_accepted(
    orders: OrdersPanel, store: SituationStore, clock: FakeClock
) -> None:
    assert orders.objectName() == "ordersPanel"
    dispatch_u1(store, clock)
    clock.at(30)
    orders.refresh()
    assert orders.order_proxy.row_keys() == ["U-1"]
    assert order_text(orders, "U-1", OrderColumn.UNIT) == "Call-U-1"
    assert order_text(orders, "U-1", OrderColumn.INCIDENT) == "I-1"
    assert order_text(orders, "U-1", OrderColumn.SENT) == fmt.local_time(T0 + 1)
    assert order_text(orders, "U-1", OrderColumn.ACCEPTED) == fmt.local_time(T0 + 2)
    assert order_text(orders, "U-1", OrderColumn.ACKNOWLEDGED) == "awaiting acknowledgement (28s)"
    assert order_text(orders, "U-1", OrderColumn.WAITED) == "28s"
    assert orders.escalations == 0
    assert orders.banner.isHidden()
    assert command_state(orders, "c-1") == f"accepted {fmt.local_time(T0 + 2)}"


def test_unacknowledged_past_the_threshold_escalates_until_acknowledged(
    qtbot: QtBot, store: SituationStore, clock: FakeClock
) -> None:
    panel = OrdersPanel(store, clock=clock, tick_ms=10)
    qtbot.addWidget(panel)
    dispatch_u1(store, clock)
    assert panel.escalations == 0

    clock.at(63)  # 61 s unacknowledged: past policy.ack_escalation_s (60 s)
    with qtbot.waitSignal(panel.escalationsChanged, timeout=2000) as blocker:
        pass  # the 1 Hz tick (10 ms here) notices
    assert blocker.args == [1]
    assert panel.escalations == 1
    assert order_text(panel, "U-1", OrderColumn.ACKNOWLEDGED) == (
        "NOT ACKNOWLEDGED 1m 01s — call the unit"
    )
    background = order_data(panel, "U-1", OrderColumn.UNIT, Qt.ItemDataRole.BackgroundRole)
    assert isinstance(background, QColor)
    assert background.name() == DANGER
    font = order_data(panel, "U-1", OrderColumn.WAITED, Qt.ItemDataRole.FontRole)
    assert isinstance(font, QFont)
    assert font.bold()
    assert not panel.banner.isHidden()
    assert panel.banner.text() == "1 order(s) NOT ACKNOWLEDGED — call: Call-U-1"

    clock.at(90)  # still escalated: nothing to signal
    with qtbot.assertNotEmitted(panel.escalationsChanged):
        panel.refresh()

    with qtbot.waitSignal(panel.escalationsChanged, timeout=1000) as blocker:
        store.apply(
            batch(
                unit(
                    "U-1",
                    version=2,
                    status="en_route",
                    incident_id="I-1",
                    dispatched_s=2,
                    ack_s=88,
                    ack_via="phone",
                )
            )
        )
    assert blocker.args == [0]
    assert panel.escalations == 0
    assert panel.banner.isHidden()
    ack_text = order_text(panel, "U-1", OrderColumn.ACKNOWLEDGED)
    assert ack_text == f"{fmt.local_time(T0 + 88)} by phone"
    # no longer red; highlighted for a few seconds as a changed row
    background = order_data(panel, "U-1", OrderColumn.UNIT, Qt.ItemDataRole.BackgroundRole)
    assert background == QColor(HIGHLIGHT)


def test_orders_are_in_dispatch_order_and_escalation_does_not_move_them(
    orders: OrdersPanel, store: SituationStore, clock: FakeClock
) -> None:
    store.apply(
        batch(
            unit("U-1", status="en_route", incident_id="I-1", dispatched_s=0, ack_s=5),
            unit("U-2", status="dispatched", incident_id="I-2", dispatched_s=10),
            unit("U-3", status="dispatched", incident_id="I-3", dispatched_s=50),
        )
    )
    clock.at(80)
    orders.refresh()
    assert orders.order_proxy.row_keys() == ["U-1", "U-2", "U-3"]  # U-2 escalated: stays put
    assert orders.escalations == 1
    # An order from another desk has no command: the CAD dispatch time stands in.
    assert order_text(orders, "U-2", OrderColumn.SENT) == "—"
    assert order_text(orders, "U-2", OrderColumn.ACCEPTED) == fmt.local_time(T0 + 10)
    assert order_text(orders, "U-1", OrderColumn.ACKNOWLEDGED).endswith("by terminal")


def test_a_refused_command_shows_the_server_error_literally(
    orders: OrdersPanel, store: SituationStore
) -> None:
    store.track_command(
        "c-9", "incident.dispatch", "I-4 ← U-7, U-8", {"incident": "I-4", "units": ["U-7", "U-8"]}
    )
    store.track_command("c-10", "incident.update", "I-4: priority")
    store.apply(
        batch(
            acks=[
                AckResult(
                    command_id="c-9",
                    ok=False,
                    result=None,
                    error_code="forbidden",
                    error_message="role viewer may not incident.dispatch",
                    received_at=T0,
                ),
                AckResult(
                    command_id="c-10",
                    ok=False,
                    result=None,
                    error_code="conflict",
                    error_message="<b>version 3</b> is not 2",
                    received_at=T0,
                ),
            ]
        )
    )
    assert orders.command_proxy.row_keys() == ["c-10", "c-9"]  # newest first
    assert command_state(orders, "c-9") == (
        "refused: forbidden — role viewer may not incident.dispatch"
    )
    assert command_state(orders, "c-10") == "refused: conflict — <b>version 3</b> is not 2"
    row = orders.command_proxy.row_keys().index("c-9")
    foreground = orders.command_proxy.index(row, CommandColumn.STATE).data(
        Qt.ItemDataRole.ForegroundRole
    )
    assert isinstance(foreground, QColor)
    assert foreground.name() == DANGER
    assert orders.command_proxy.index(row, CommandColumn.COMMAND).data() == "Dispatch"


def test_pending_commands_show_their_state(orders: OrdersPanel, store: SituationStore) -> None:
    store.track_command("c-1", "unit.set_status", "U-1 → busy")
    assert command_state(orders, "c-1") == "queuing…"
    store.apply(IngestBatch(queued=["c-1"]))
    assert command_state(orders, "c-1") == "queued"
    store.command_sent("c-1")
    assert command_state(orders, "c-1") == f"sent {fmt.local_time(T0)}"


def test_a_command_not_queued_says_so_in_red_until_it_is(
    orders: OrdersPanel, store: SituationStore
) -> None:
    store.track_command(
        "c-1", "incident.dispatch", "I-1 ← U-1", {"incident": "I-1", "units": ["U-1"]}
    )
    store.apply(IngestBatch(not_queued={"c-1": "database or disk is full"}))
    assert command_state(orders, "c-1") == "NOT queued: database or disk is full"
    row = orders.command_proxy.row_keys().index("c-1")
    state = orders.command_proxy.index(row, CommandColumn.STATE)
    assert state.data(Qt.ItemDataRole.ForegroundRole).name() == DANGER
    assert "not in the local audit log" in state.data(Qt.ItemDataRole.ToolTipRole)
    store.apply(IngestBatch(sent=["c-1"]))  # sent from memory: still not in the outbox
    assert command_state(orders, "c-1") == (
        f"sent {fmt.local_time(T0)} · NOT queued: database or disk is full"
    )
    store.apply(IngestBatch(queued=["c-1"]))  # the cache took it after all
    assert command_state(orders, "c-1") == f"sent {fmt.local_time(T0)}"


def test_dispatch_join_prefers_the_accepted_command() -> None:
    def record(command_id: str, units: list[str] | None, state: CommandState) -> CommandRecord:
        data = None if units is None else {"incident": "I-1", "units": units}
        return CommandRecord(command_id, "incident.dispatch", "", state, T0, data=data)

    newer_refused = record("c-2", ["U-1"], "refused")
    older_accepted = record("c-1", ["U-1", "U-2"], "accepted")
    joined = dispatch_commands([newer_refused, older_accepted])
    assert joined[("I-1", "U-1")] is older_accepted
    assert joined[("I-1", "U-2")] is older_accepted
    assert dispatch_target(record("c-3", None, "sent")) is None
    other = CommandRecord("c-4", "incident.close", "I-1", "sent", T0)
    assert dispatch_target(other) is None


def test_close_stops_the_tick_and_the_subscription(
    orders: OrdersPanel, store: SituationStore, clock: FakeClock
) -> None:
    orders.close()
    dispatch_u1(store, clock)
    assert orders.order_proxy.rowCount() == 0
    assert not orders._timer.isActive()


def test_a_new_position_alone_does_not_recompute_orders(
    orders: OrdersPanel, store: SituationStore, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    dispatch_u1(store, clock)
    refreshes: list[int] = []
    monkeypatch.setattr(orders, "refresh", lambda: refreshes.append(1))
    store.apply(batch(position("U-1", fix_s=3)))
    assert refreshes == []
    store.apply(batch(unit("U-1", version=2, status="en_route", incident_id="I-1", dispatched_s=2)))
    assert refreshes == []  # status alone: the order is the same
    store.apply(batch(unit("U-2", status="dispatched", incident_id="I-2", dispatched_s=3)))
    assert refreshes == [1]
