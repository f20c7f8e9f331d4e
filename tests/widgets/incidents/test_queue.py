"""The incident queue panel: selection both ways, Enter to dispatch, P1 alerts, filters."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.console.state.builders import FakeClock, batch
from tests.widgets.incidents.factories import full_incident
from widgets.incidents.queue import IncidentQueuePanel
from widgets.incidents.roles import IncidentRoles


@pytest.fixture
def panel(qtbot, store, clock: FakeClock):
    store.apply(
        batch(
            full_incident("I-1", priority=3, district="Gusu", category="theft"),
            full_incident("I-2", priority=1, district="Wuzhong", category="fire"),
            full_incident("I-3", priority=2, district="Gusu", category="assault"),
            full_incident("I-4", priority=1, status="closed", district="Pingjiang"),
        )
    )
    queue = IncidentQueuePanel(store, clock=clock)
    qtbot.addWidget(queue)
    queue.resize(900, 400)
    return queue


def proxy_row(panel: IncidentQueuePanel, key: str) -> int:
    for row in range(panel.proxy.rowCount()):
        if panel.proxy.index(row, 0).data(IncidentRoles.KEY) == key:
            return row
    raise AssertionError(f"{key} not shown")


def test_the_panel_shows_open_incidents_in_triage_order(panel):
    assert panel.objectName() == "incidentQueue"
    assert panel.table.model() is panel.proxy
    keys = [panel.proxy.index(r, 0).data(IncidentRoles.KEY) for r in range(panel.proxy.rowCount())]
    assert keys == ["I-2", "I-3", "I-1"]
    assert panel.filter_bar.count_label.text() == "3 shown / 3 open"
    assert panel.filter_bar.count_label.textFormat() == Qt.TextFormat.PlainText
    assert panel.filter_bar.search_edit.placeholderText() == "Search id, summary, address…"
    assert panel.table.verticalHeader().defaultSectionSize() >= panel.fontMetrics().height()


def test_selecting_a_row_emits_incident_selected(panel, qtbot):
    with qtbot.waitSignal(panel.incidentSelected) as blocker:
        panel.table.selectRow(proxy_row(panel, "I-3"))
    assert blocker.args == ["I-3"]
    assert panel.selected_incident() == "I-3"


def test_clicking_a_row_emits_incident_selected(panel, qtbot):
    index = panel.proxy.index(proxy_row(panel, "I-1"), 2)
    rect = panel.table.visualRect(index)
    with qtbot.waitSignal(panel.incidentSelected) as blocker:
        qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == ["I-1"]


def test_select_incident_selects_through_the_proxy_without_echo(panel, qtbot):
    with qtbot.assertNotEmitted(panel.incidentSelected):
        assert panel.select_incident("I-1")
    assert panel.selected_incident() == "I-1"
    current = panel.table.currentIndex()
    assert current.row() == proxy_row(panel, "I-1") == 2
    assert panel.model.row_of("I-1") == 0, "source and proxy rows differ"

    with qtbot.waitSignal(panel.incidentSelected) as blocker:
        panel.table.selectRow(proxy_row(panel, "I-2"))
    assert blocker.args == ["I-2"]


def test_select_incident_that_is_hidden_or_unknown_clears_the_selection(panel, qtbot):
    assert panel.select_incident("I-2")
    assert not panel.select_incident("I-4"), "closed: filtered out"
    assert panel.selected_incident() is None
    assert not panel.select_incident("nope")
    assert not panel.select_incident(None)
    with qtbot.waitSignal(panel.incidentSelected) as blocker:
        panel.table.selectRow(proxy_row(panel, "I-2"))
    assert blocker.args == ["I-2"]


def test_enter_on_a_row_requests_a_dispatch(panel, qtbot):
    panel.select_incident("I-3")
    with qtbot.waitSignal(panel.dispatchRequested) as blocker:
        qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    assert blocker.args == ["I-3"]
    with qtbot.waitSignal(panel.dispatchRequested) as blocker:
        qtbot.keyClick(panel.table, Qt.Key.Key_Enter)
    assert blocker.args == ["I-3"]


def test_a_new_p1_flashes_and_is_announced_but_the_initial_load_is_not(panel, store, clock, qtbot):
    assert not panel.model.is_flashing("I-2"), "P1 from the initial load"
    with qtbot.waitSignal(panel.priorityOneArrived) as blocker:
        store.apply(batch(full_incident("I-9", priority=1, reported_s=40)))
    assert blocker.args == ["I-9"]
    assert panel.model.is_flashing("I-9")
    row = proxy_row(panel, "I-9")
    assert panel.proxy.index(row, 0).data(IncidentRoles.FLASHING) is True

    clock.advance(11)
    panel.model.update_flashes()
    assert not panel.model.is_flashing("I-9")
    assert panel.proxy.index(row, 0).data(IncidentRoles.FLASHING) is False

    with qtbot.assertNotEmitted(panel.priorityOneArrived):
        store.apply(batch(full_incident("I-10", priority=2)))


def test_filter_bar_drives_the_proxy(panel, store, qtbot):
    bar = panel.filter_bar
    districts = [bar.district_combo.itemText(i) for i in range(bar.district_combo.count())]
    assert districts == ["All districts", "Gusu", "Pingjiang", "Wuzhong"]
    store.apply(batch(full_incident("I-5", district="Canglang")))
    assert bar.district_combo.findData("Canglang") == 1

    bar.district_combo.setCurrentIndex(bar.district_combo.findData("Gusu"))
    assert panel.proxy.district == "Gusu"
    assert bar.count_label.text() == "2 shown / 4 open"
    bar.district_combo.setCurrentIndex(0)

    bar.category_combo.setCurrentIndex(bar.category_combo.findData("fire"))
    assert panel.proxy.category == "fire"
    assert bar.category_combo.currentText() == "Fire"
    bar.category_combo.setCurrentIndex(0)

    bar.priority_combo.setCurrentIndex(bar.priority_combo.findData(2))
    assert panel.proxy.priority == 2
    bar.priority_combo.setCurrentIndex(0)

    qtbot.keyClicks(bar.search_edit, "i-3")
    assert panel.proxy.rowCount() == 1
    bar.search_edit.clear()

    bar.status_actions["closed"].setChecked(True)
    assert "closed" in panel.proxy.statuses
    assert bar.status_button.text() == "Status: all"
    assert bar.count_label.text() == "5 shown / 4 open"
    bar.status_actions["new"].setChecked(False)
    assert bar.status_button.text().startswith("Status: ")
    assert "new" not in panel.proxy.statuses


def test_count_follows_status_changes(panel, store):
    store.apply(batch(full_incident("I-1", version=2, priority=3, status="closed")))
    assert panel.filter_bar.count_label.text() == "2 shown / 2 open"


def test_closing_the_panel_stops_the_model(panel, store):
    panel.close()
    assert not panel.model.tick_timer_active
    store.apply(batch(full_incident("I-99")))
    assert panel.model.row_of("I-99") is None


def test_rows_arriving_around_the_selection_do_not_re_announce_it(panel, store, qtbot):
    """Each announcement re-runs the detail and the dispatch ranking: new rows sorted
    above the selected one, and the selected one re-sorted, are not a new selection."""
    with qtbot.waitSignal(panel.incidentSelected):
        panel.table.selectRow(proxy_row(panel, "I-3"))
    announced: list[str] = []
    panel.incidentSelected.connect(announced.append)
    for n in range(5):
        store.apply(batch(full_incident(f"I-1{n}", priority=1, reported_s=10 + n)))
    store.apply(batch(full_incident("I-3", priority=2, version=2, district="Wuzhong")))
    store.apply(batch(removals={"incidents": ["I-10"]}))
    assert panel.selected_incident() == "I-3"
    assert proxy_row(panel, "I-3") == 1 + 4, "four P1 rows above it now"
    assert announced == []
    panel.table.selectRow(proxy_row(panel, "I-2"))
    assert announced == ["I-2"]
