from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from pytestqt.qtbot import QtBot

from console.state import SituationStore
from tests.console.state.builders import SCENE, FakeClock, batch, incident, position, unit
from widgets.dispatch import DispatchPanel
from widgets.dispatch.recommendations import RecommendationColumn

LAT, LON = SCENE
KM_LAT = 1 / 111.2  # degrees of latitude per kilometre, roughly


@pytest.fixture
def panel(qtbot: QtBot, store: SituationStore, clock: FakeClock) -> DispatchPanel:
    store.apply(
        batch(
            incident("I-1", priority=1),
            unit("U-near"),
            position("U-near", lat=LAT + 1.0 * KM_LAT),
            unit("U-far"),
            position("U-far", lat=LAT + 8.0 * KM_LAT),
            unit("U-foot", kind="foot"),
            position("U-foot", lat=LAT + 0.5 * KM_LAT),
            unit("U-busy", status="busy"),
            position("U-busy", lat=LAT + 0.1 * KM_LAT),
            unit("U-stale", shift_started_s=-11 * 3600),
            position("U-stale", lat=LAT + 0.2 * KM_LAT, fix_s=-300),
        )
    )
    widget = DispatchPanel(store, clock=clock, throttle_ms=10)
    qtbot.addWidget(widget)
    widget.set_incident("I-1")
    return widget


def text(panel: DispatchPanel, unit_id: str, column: RecommendationColumn) -> str:
    row = panel.proxy.row_keys().index(unit_id)
    return str(panel.proxy.index(row, column).data(Qt.ItemDataRole.DisplayRole))


def select(panel: DispatchPanel, *unit_ids: str) -> None:
    selection = panel.table.selectionModel()
    for unit_id in unit_ids:
        row = panel.proxy.row_keys().index(unit_id)
        selection.select(
            panel.proxy.index(row, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )


def test_header_and_ranking_nearest_available_first(panel: DispatchPanel) -> None:
    assert panel.objectName() == "dispatchPanel"
    assert panel.incident_label.text() == "I-1 · P1 · Theft · New"
    assert panel.incident_label.textFormat() == Qt.TextFormat.PlainText
    # Busy units are left out; the stale fix pays a 2-minute penalty; 500 m on foot beats
    # 8 km by car.
    assert panel.proxy.row_keys() == ["U-near", "U-stale", "U-foot", "U-far"]
    assert text(panel, "U-near", RecommendationColumn.CALLSIGN) == "Call-U-near"
    assert text(panel, "U-near", RecommendationColumn.DISTANCE) == "1.0 km"
    assert text(panel, "U-near", RecommendationColumn.SPEED) == "11 m/s"
    assert text(panel, "U-foot", RecommendationColumn.SPEED) == "1.4 m/s"


def test_reasoning_is_visible(panel: DispatchPanel) -> None:
    # the cell says what the ETA and distance columns do not; the tooltip says it all
    assert text(panel, "U-near", RecommendationColumn.REASONING) == "fix 0s · 11 m/s Patrol car"
    row = panel.proxy.row_keys().index("U-near")
    tooltip = panel.proxy.index(row, RecommendationColumn.ETA).data(Qt.ItemDataRole.ToolTipRole)
    assert tooltip.startswith("1.0 km × 1.3 road ÷ 11 m/s = 1m 58s")
    assert tooltip.endswith("; fix 0s old")
    assert text(panel, "U-near", RecommendationColumn.ETA) == "1m 58s"


def test_stale_fix_and_fatigue_are_flagged(panel: DispatchPanel) -> None:
    assert text(panel, "U-stale", RecommendationColumn.FLAGS) == "stale fix, fatigued"
    assert text(panel, "U-stale", RecommendationColumn.FIX_AGE) == "5m 00s"
    assert text(panel, "U-stale", RecommendationColumn.REASONING).startswith(
        "fix 5m 00s +2m 00s stale · "
    )
    row = panel.proxy.row_keys().index("U-stale")
    why = panel.proxy.index(row, RecommendationColumn.FLAGS).data(Qt.ItemDataRole.ToolTipRole)
    assert "; fix 5m 00s old; stale fix: + 2m 00s penalty" in why
    assert "fatigued" in why
    assert text(panel, "U-near", RecommendationColumn.FLAGS) == ""


def test_multi_select_and_dispatch(qtbot: QtBot, panel: DispatchPanel) -> None:
    button = panel.dispatch_button
    assert not button.isEnabled()
    assert button.text() == "Dispatch selected (0)"
    assert panel.table.selectionMode() == panel.table.SelectionMode.ExtendedSelection
    select(panel, "U-far", "U-near")
    assert button.isEnabled()
    assert button.text() == "Dispatch selected (2)"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = panel.confirmation  # two units: confirmed with a reason (test_safe_dispatch.py)
    assert dialog is not None
    dialog.reason_edit.setText("two cars needed")
    with qtbot.waitSignal(panel.dispatchRequested, timeout=1000) as blocker:
        dialog.ok_button.click()
    assert blocker.args == ["I-1", ["U-near", "U-far"], "two cars needed"]  # in ranking order
    assert not button.isEnabled()  # the selection is cleared after sending


def test_selection_survives_a_refresh(
    qtbot: QtBot, panel: DispatchPanel, store: SituationStore
) -> None:
    select(panel, "U-far", "U-foot")
    # U-far drives to the scene: the ranking changes after the throttled refresh.
    store.apply(batch(position("U-far", lat=LAT + 0.05 * KM_LAT, version=1)))
    assert panel.proxy.row_keys()[0] == "U-near"  # not yet: throttled
    qtbot.waitUntil(lambda: panel.proxy.row_keys()[0] == "U-far", timeout=2000)
    assert sorted(panel.selected_unit_ids()) == ["U-far", "U-foot"]
    assert panel.selected_unit_ids()[0] == "U-far"
    assert panel.dispatch_button.text() == "Dispatch selected (2)"

    # A selected unit that is dispatched elsewhere leaves the list and the selection.
    store.apply(batch(unit("U-foot", version=2, status="dispatched", dispatched_s=0)))
    qtbot.waitUntil(lambda: "U-foot" not in panel.proxy.row_keys(), timeout=2000)
    assert panel.selected_unit_ids() == ["U-far"]
    assert panel.dispatch_button.text() == "Dispatch selected (1)"


def test_refreshes_are_throttled(qtbot: QtBot, panel: DispatchPanel, store: SituationStore) -> None:
    refreshes: list[int] = []
    panel.model.rowsInserted.connect(lambda *_: refreshes.append(1))
    for offset in range(5):
        store.apply(batch(unit(f"U-new{offset}"), position(f"U-new{offset}")))
    assert refreshes == []
    qtbot.waitUntil(lambda: len(refreshes) == 1, timeout=2000)
    assert panel.proxy.row_keys()[0].startswith("U-new")  # right on the scene


def test_read_only_hides_the_button(panel: DispatchPanel) -> None:
    select(panel, "U-near")
    panel.set_read_only(True)
    assert panel.is_read_only()
    assert panel.dispatch_button.isHidden()
    assert not panel.read_only_label.isHidden()
    assert "Read-only" in panel.read_only_label.text()
    panel.set_read_only(True, "Replay: orders cannot be sent.")
    assert panel.read_only_label.text() == "Replay: orders cannot be sent."
    panel.set_read_only(False)
    assert not panel.dispatch_button.isHidden()
    assert panel.read_only_label.isHidden()
    assert panel.dispatch_button.isEnabled()


def test_no_incident_and_a_vanished_incident(
    qtbot: QtBot, panel: DispatchPanel, store: SituationStore
) -> None:
    panel.set_incident(None)
    assert panel.proxy.rowCount() == 0
    assert panel.incident_label.text() == "No incident selected"
    assert not panel.empty_label.isHidden()
    panel.set_incident("I-1")
    assert panel.proxy.rowCount() == 4
    store.apply(batch(removals={"incidents": ["I-1"]}))
    qtbot.waitUntil(lambda: panel.proxy.rowCount() == 0, timeout=2000)
    assert panel.incident_label.text() == "I-1: no longer in the picture"
    assert not panel.dispatch_button.isEnabled()


def test_untrusted_summary_shows_literally(panel: DispatchPanel, store: SituationStore) -> None:
    store.apply(batch(incident("I-2", summary="<b>bold</b> & <img src=x>")))
    panel.set_incident("I-2")
    assert panel.summary_label.text() == "<b>bold</b> & <img src=x>"
    assert panel.summary_label.textFormat() == Qt.TextFormat.PlainText


def test_close_stops_listening(panel: DispatchPanel, store: SituationStore) -> None:
    panel.close()
    store.apply(batch(unit("U-late"), position("U-late")))
    assert not panel._throttle.isActive()


def test_fix_ages_move_without_avl_traffic(
    qtbot: QtBot, store: SituationStore, clock: FakeClock
) -> None:
    store.apply(batch(incident("I-1"), unit("U-1"), position("U-1", lat=LAT + KM_LAT)))
    panel = DispatchPanel(store, clock=clock, throttle_ms=1, tick_ms=5)
    qtbot.addWidget(panel)
    panel.set_incident("I-1")
    assert text(panel, "U-1", RecommendationColumn.FIX_AGE) == "0s"
    clock.advance(90)  # the AVL feed is silent: only the tick can notice
    qtbot.waitUntil(lambda: text(panel, "U-1", RecommendationColumn.FLAGS) == "stale fix")
    assert text(panel, "U-1", RecommendationColumn.FIX_AGE) == "1m 30s"


def test_only_changes_that_can_move_the_list_refresh_it(
    panel: DispatchPanel, store: SituationStore
) -> None:
    """Thousands of busy units report positions every second: none of that can change
    which available units are fastest, so none of it recomputes the ranking."""
    store.apply(
        batch(
            position("U-busy", lat=LAT + 0.3 * KM_LAT, version=1),
            unit("U-busy", version=2, status="en_route"),
            incident("I-2", summary="another incident"),
        )
    )
    assert not panel._throttle.isActive()
    store.apply(batch(position("U-far", lat=LAT + 7.0 * KM_LAT, version=1)))  # available
    assert panel._throttle.isActive()
    panel.refresh()
    store.apply(batch(unit("U-near", version=2, status="busy")))  # leaves the list
    assert panel._throttle.isActive()
    panel.refresh()
    assert "U-near" not in panel.proxy.row_keys()
    store.apply(batch(incident("I-1", priority=2, version=2)))  # the selected incident
    assert panel._throttle.isActive()
