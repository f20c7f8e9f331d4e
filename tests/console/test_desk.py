"""The operations desk against the real embedded backend (issue: operations desk)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from tests.services.backend.wsclient import VIEWER
from widgets.common import labels
from widgets.dispatch.orders_model import OrderColumn
from widgets.incidents.roles import IncidentRoles
from widgets.units.cells import UnitColumn

LIVE = 20000  # ms: generous bounds for a loaded CI machine; waits end as soon as true


def all_live(desk) -> bool:
    states = [desk.session.store.service_status(s) for s in ("cad", "avl", "video", "opinion")]
    return all(s is not None and s.state == "live" for s in states)


def queue_ids(desk) -> list[str]:
    model = desk.window.queue.model
    return [model.key_at(row) for row in range(model.rowCount())]


def select_in_queue(desk, incident_id: str) -> None:
    """Select a row the way an operator's click does (the selection model, not the API)."""
    queue = desk.window.queue
    source = queue.model.index(queue.model.row_of(incident_id), 0)
    queue.table.selectRow(queue.proxy.mapFromSource(source).row())


def unit_status_text(desk, unit_id: str) -> str:
    model = desk.window.units.model
    return model.data(model.index(model.row_of(unit_id), UnitColumn.STATUS))


def click_dispatch(qtbot, window) -> None:
    """Click Dispatch; if the pick needs confirming (a fatigued crew, say), give a reason."""
    qtbot.mouseClick(window.dispatch.dispatch_button, Qt.MouseButton.LeftButton)
    dialog = window.dispatch.confirmation
    if dialog is not None:
        dialog.reason_edit.setText("test: the top pick")
        dialog.ok_button.click()


def test_default_start_shows_incidents_and_units_arriving_live(qtbot, make_desk) -> None:
    desk = make_desk()
    qtbot.waitUntil(lambda: all_live(desk), timeout=LIVE)
    qtbot.waitUntil(lambda: desk.window.queue.model.rowCount() > 0, timeout=LIVE)
    assert desk.window.units.model.rowCount() >= 100
    assert not desk.window.banner.isVisible()
    before = set(queue_ids(desk))
    qtbot.waitUntil(lambda: bool(set(queue_ids(desk)) - before), timeout=60000)  # a 110 call
    assert desk.window.status_strip.clock.text()
    assert "commander" in desk.window.windowTitle()


def test_dispatch_from_the_desk_is_tracked_to_the_field_terminal(qtbot, make_desk) -> None:
    desk = make_desk(
        {
            "auto_dispatch_after_s": None,
            "ack_median_s": 3.0,
            "ack_max_s": 6.0,
            "never_ack_probability": 0.0,
            "call_interval_s": 5.0,
        }
    )
    store, window = desk.session.store, desk.window
    qtbot.waitUntil(
        lambda: all_live(desk) and any(i.status == "new" for i in store.incidents.values()),
        timeout=LIVE,
    )
    incident = next(i for i in store.incidents.values() if i.status == "new")
    select_in_queue(desk, incident.id)
    assert window.detail.summary_label.text() == incident.summary
    qtbot.waitUntil(lambda: window.dispatch.model.rowCount() > 0, timeout=LIVE)
    window.dispatch.table.selectRow(0)
    unit_id = window.dispatch.selected_unit_ids()[0]
    seen: list[str] = []
    units = window.units.model

    def record(*_args) -> None:
        text = unit_status_text(desk, unit_id)
        if not seen or seen[-1] != text:
            seen.append(text)

    units.dataChanged.connect(record)
    click_dispatch(qtbot, window)
    qtbot.waitUntil(lambda: labels.unit_status("en_route") in seen, timeout=LIVE)
    assert seen.index(labels.unit_status("dispatched")) < seen.index(
        labels.unit_status("en_route")
    ), seen
    orders = window.orders.order_model
    row = orders.row_of(unit_id)
    assert row is not None
    acknowledged = orders.data(orders.index(row, OrderColumn.ACKNOWLEDGED))
    assert acknowledged
    assert acknowledged != "—"
    assert window.orders.escalations == 0
    records = [r for r in store.commands() if r.kind == "incident.dispatch"]
    assert records[0].state == "accepted"


def test_an_order_never_acknowledged_escalates(qtbot, make_desk) -> None:
    desk = make_desk(
        {
            "auto_dispatch_after_s": None,
            "never_ack_probability": 1.0,
            "phone_confirm_after_s": 3600.0,
            "call_interval_s": 5.0,
        },
        ack_escalation_s=2.0,
    )
    store, window = desk.session.store, desk.window
    qtbot.waitUntil(
        lambda: all_live(desk) and any(i.status == "new" for i in store.incidents.values()),
        timeout=LIVE,
    )
    incident = next(i for i in store.incidents.values() if i.status == "new")
    select_in_queue(desk, incident.id)
    qtbot.waitUntil(lambda: window.dispatch.model.rowCount() > 0, timeout=LIVE)
    window.dispatch.table.selectRow(0)
    with qtbot.waitSignal(
        window.orders.escalationsChanged, timeout=LIVE, check_params_cb=lambda count: count >= 1
    ):
        click_dispatch(qtbot, window)
    assert window.escalation_banner.isVisible()
    assert "NOT" in window.escalation_banner.label.text()


def test_backend_down_shows_offline_keeps_stale_rows_and_recovers(qtbot, make_desk) -> None:
    desk = make_desk()
    window, store = desk.window, desk.session.store
    qtbot.waitUntil(lambda: all_live(desk) and window.queue.model.rowCount() > 0, timeout=LIVE)
    rows_before = window.queue.model.rowCount()
    desk.stop_backend()
    qtbot.waitUntil(lambda: window.banner.level == "offline", timeout=15000)
    assert window.banner.isVisible()
    assert "OFFLINE" in window.banner.text()
    assert window.queue.model.rowCount() == rows_before, "cached rows stay"
    incident_id = window.queue.model.key_at(0)
    assert store.is_stale("incidents", incident_id)
    foreground = window.queue.model.data(
        window.queue.model.index(0, 0), Qt.ItemDataRole.ForegroundRole
    )
    assert foreground is not None, "stale rows are greyed"
    desk.restart_backend()
    qtbot.waitUntil(lambda: all_live(desk) and window.banner.level == "ok", timeout=30000)
    ids = queue_ids(desk)
    assert len(ids) == len(set(ids)), "no duplicated rows"
    assert set(ids) == set(store.incidents)
    assert not store.is_stale("incidents", ids[0])


def test_hostile_text_in_a_summary_shows_literally(qtbot, make_desk) -> None:
    desk = make_desk()
    window, store = desk.window, desk.session.store
    qtbot.waitUntil(lambda: all_live(desk), timeout=LIVE)
    hostile = "<img src=x onerror=alert(1)> <b>not bold</b>"
    window.controller.create_incident(
        category="fraud", priority=3, summary=hostile, lat=31.30, lon=120.62
    )
    qtbot.waitUntil(
        lambda: any(i.summary == hostile for i in store.incidents.values()), timeout=LIVE
    )
    incident = next(i for i in store.incidents.values() if i.summary == hostile)
    select_in_queue(desk, incident.id)
    label = window.detail.summary_label
    assert label.text() == hostile
    assert label.textFormat() == Qt.TextFormat.PlainText
    model = window.queue.model
    assert hostile.lower() in model.data(
        model.index(model.row_of(incident.id), 0), IncidentRoles.SEARCH
    )
    assert all(
        lbl.textFormat() == Qt.TextFormat.PlainText
        for lbl in window.detail.findChildren(QLabel)
        if lbl.text() == hostile
    )


def test_layout_is_saved_and_restored_across_a_restart(qtbot, make_desk) -> None:
    from console.shell.main_window import MainWindow  # noqa: PLC0415

    desk = make_desk()
    window = desk.window
    window.docks["unitsDock"].setFloating(True)
    window.docks["ordersDock"].hide()
    window.close()
    again = MainWindow(desk.session, settings_path=desk.settings)
    assert again.docks["unitsDock"].isFloating()
    assert not again.docks["ordersDock"].isVisibleTo(again)
    assert again.docks["incidentDetailDock"].isVisibleTo(again)
    again.close()
    again.deleteLater()


def test_a_viewer_sees_no_dispatch_controls_and_refusals_are_plain(qtbot, make_desk) -> None:
    desk = make_desk(token=VIEWER)
    window = desk.window
    qtbot.waitUntil(lambda: all_live(desk) and desk.session.role() == "viewer", timeout=LIVE)
    qtbot.waitUntil(window.dispatch.is_read_only, timeout=5000)
    assert not window.dispatch.dispatch_button.isVisibleTo(window)
    assert not window.detail.action_bar.isVisibleTo(window)
    command_id = window.controller.dispatch("I-00000000-0001", ["U-XX-01"])
    qtbot.waitUntil(lambda: desk.session.store.command(command_id).state == "refused", timeout=LIVE)
    record = desk.session.store.command(command_id)
    assert record.error_code == "forbidden"
    assert "viewer" in record.error_message


def map_read(qtbot, view, expression: str):
    box: list = []
    view.evaluate(expression, box.append)
    qtbot.waitUntil(lambda: bool(box), timeout=10000)
    return box[0]


def test_map_and_desk_select_each_other(qtbot, make_desk) -> None:
    desk = make_desk()
    window, store = desk.window, desk.session.store
    qtbot.waitUntil(
        lambda: all_live(desk) and window.map.ready and len(store.incidents) > 0, timeout=LIVE
    )
    qtbot.waitUntil(
        lambda: map_read(qtbot, window.map, "ccmap.stats()")["markers"]["units"] > 0, timeout=LIVE
    )
    incident_id = next(iter(store.incidents))
    select_in_queue(desk, incident_id)
    qtbot.waitUntil(
        lambda: (
            map_read(qtbot, window.map, "ccmap.stats()")["selected"] == f"incidents:{incident_id}"
        ),
        timeout=10000,
    )
    unit_id = next(
        u
        for u in store.units
        if store.unit_view(u).position is not None and store.units[u].status != "off_duty"
    )
    assert map_read(qtbot, window.map, f'ccmap.click("units", "{unit_id}")') is True
    qtbot.waitUntil(lambda: window.units.selected_unit() == unit_id, timeout=10000)


def test_new_incident_here_from_the_map_context_menu(qtbot, make_desk) -> None:
    desk = make_desk()
    window, store = desk.window, desk.session.store
    qtbot.waitUntil(lambda: all_live(desk) and window.map.ready, timeout=LIVE)

    class Answered:
        def __init__(self, lat: float, lon: float, _parent) -> None:
            self.lat, self.lon = lat, lon

        def exec(self) -> bool:
            return True

        def values(self) -> dict:
            return {
                "category": "fire",
                "priority": 1,
                "summary": "smoke from a warehouse roof",
                "address": "工业园区",
                "lat": self.lat,
                "lon": self.lon,
            }

    window.new_incident_dialog = Answered
    assert len(map_read(qtbot, window.map, "ccmap.contextMenu(31.33, 120.64)")) == 3
    map_read(qtbot, window.map, "ccmap.chooseMenu(0)")
    qtbot.waitUntil(
        lambda: any(i.summary == "smoke from a warehouse roof" for i in store.incidents.values()),
        timeout=LIVE,
    )
    created = next(
        i for i in store.incidents.values() if i.summary == "smoke from a warehouse roof"
    )
    assert (round(created.location.lat, 2), round(created.location.lon, 2)) == (31.33, 120.64)
    assert created.priority == 1


def test_cameras_near_a_point_are_the_nearest_within_a_kilometre(qtbot, make_desk) -> None:
    desk = make_desk()
    window, store = desk.window, desk.session.store
    qtbot.waitUntil(lambda: len(store.cameras) > 100, timeout=LIVE)
    camera = next(iter(store.cameras.values()))
    near = window.cameras_near(camera.location.lat, camera.location.lon)
    assert near[0] == (0.0, camera.id)
    assert all(metres <= 1000 for metres, _ in near)
    assert [m for m, _ in near] == sorted(m for m, _ in near)
