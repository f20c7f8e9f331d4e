"""Safe dispatch, recall, reassign and unit status on the whole desk, against the real hub."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt

from tests.console.test_desk import LIVE, all_live, select_in_queue
from widgets.dispatch.orders_model import OrderColumn

CITY = {
    "auto_dispatch_after_s": None,
    "ack_median_s": 1.0,
    "ack_max_s": 3.0,
    "never_ack_probability": 0.0,
    "call_interval_s": 5.0,
}


def open_incidents(store) -> list:
    return [i for i in store.incidents.values() if i.status == "new"]


def test_several_units_need_a_reason_that_reaches_notes_and_audit_then_recall_and_reassign(
    qtbot, make_desk
) -> None:
    desk = make_desk(CITY, workstation="ws-test")
    store, window = desk.session.store, desk.window
    qtbot.waitUntil(lambda: all_live(desk) and len(open_incidents(store)) >= 2, timeout=LIVE)
    incident, other = open_incidents(store)[:2]
    select_in_queue(desk, incident.id)
    qtbot.waitUntil(lambda: window.dispatch.model.rowCount() >= 3, timeout=LIVE)
    panel = window.dispatch
    panel.table.selectAll()  # Ctrl+A
    chosen = panel.selected_unit_ids()
    qtbot.mouseClick(panel.dispatch_button, Qt.MouseButton.LeftButton)
    dialog = panel.confirmation
    assert dialog is not None
    assert f"{len(chosen)} units in one order" in dialog.why_label.text()
    assert not [r for r in store.commands() if r.kind == "incident.dispatch"]  # nothing sent
    dialog.reason_edit.setText("riot reported: every car in reach")
    dialog.ok_button.click()
    (record,) = [r for r in store.commands() if r.kind == "incident.dispatch"]
    qtbot.waitUntil(lambda: store.command(record.command_id).state == "accepted", timeout=LIVE)

    # the hub wrote the override into the incident's notes, in the same change
    def notes(key: str) -> list[str]:
        return [note.text for note in store.incidents[key].notes]

    qtbot.waitUntil(
        lambda: any(n.endswith(": riot reported: every car in reach") for n in notes(incident.id)),
        timeout=LIVE,
    )
    # the console's audit keeps the reason with the command
    cache = desk.session.feed.cache
    audited = [row for row in cache.audit_rows(record.command_id) if row["result"] == "queued"]
    assert json.loads(audited[0]["detail"])["reason"] == "riot reported: every car in reach"

    # every order says who dispatched it: this workstation
    orders = window.orders
    qtbot.waitUntil(
        lambda: all(orders.order_model.row_of(u) is not None for u in chosen), timeout=LIVE
    )
    first, second = chosen[0], chosen[1]
    model = orders.order_model
    by = "ws-test · duty"  # the workstation and its operator
    qtbot.waitUntil(
        lambda: model.index(model.row_of(first), OrderColumn.DISPATCHED_BY).data() == by,
        timeout=LIVE,
    )

    # recall the first unit from the orders table, with a reason
    orders.orders_table.selectRow(orders.order_proxy.row_keys().index(first))
    orders.recall_action.trigger()
    assert orders.reason_dialog is not None
    orders.reason_dialog.reason_edit.setText("not needed after all")
    orders.reason_dialog.ok_button.click()
    qtbot.waitUntil(
        lambda: store.units[first].status == "available" and store.units[first].incident is None,
        timeout=LIVE,
    )
    assert first not in store.incidents[incident.id].units
    qtbot.waitUntil(
        lambda: any(n.endswith(": not needed after all") for n in notes(incident.id)),
        timeout=LIVE,
    )

    # reassign the second unit to the other incident
    orders.orders_table.selectRow(orders.order_proxy.row_keys().index(second))
    orders.reassign_action.trigger()
    dialog = orders.reason_dialog
    assert dialog is not None
    assert dialog.choice_box is not None
    dialog.choice_box.setCurrentIndex(dialog.choice_box.findData(other.id))
    dialog.reason_edit.setText("P1 next door")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: store.units[second].incident == other.id, timeout=LIVE)
    qtbot.waitUntil(
        lambda: any(n.endswith(": P1 next door") for n in notes(other.id)), timeout=LIVE
    )
    assert second not in store.incidents[incident.id].units


def test_out_of_service_without_a_reason_is_refused_by_dialog_and_hub(qtbot, make_desk) -> None:
    desk = make_desk(CITY)
    store, window = desk.session.store, desk.window
    qtbot.waitUntil(
        lambda: all_live(desk) and any(u.status == "available" for u in store.units.values()),
        timeout=LIVE,
    )
    unit_id = next(u.id for u in store.units.values() if u.status == "available")
    board = window.units
    assert board.select_unit(unit_id)
    board.out_of_service_action.trigger()
    dialog = board.reason_dialog
    assert dialog is not None
    assert not dialog.ok_button.isEnabled()
    # the hub refuses it too, when a client sends it without a reason
    command_id = desk.session.controller.set_unit_status(unit_id, "off_duty")
    qtbot.waitUntil(lambda: store.command(command_id).state == "refused", timeout=LIVE)
    assert store.command(command_id).error_code == "bad_request"
    assert "reason" in (store.command(command_id).error_message or "")
    assert store.units[unit_id].status == "available"
    # with a reason, through the dialog
    dialog.choice_box.setCurrentIndex(dialog.choice_box.findData("busy"))
    dialog.reason_edit.setText("vehicle fault")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: store.units[unit_id].status == "busy", timeout=LIVE)
    assert store.units[unit_id].status_reason == "vehicle fault"
