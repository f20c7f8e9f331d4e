"""Safe dispatch: several, far or fatigued units are sent only when confirmed with a reason."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView
from pytestqt.qtbot import QtBot

from console.state import SituationStore
from tests.console.state.builders import SCENE, FakeClock, batch, incident, position, unit
from tests.widgets.dispatch.test_dispatch_panel import KM_LAT, select
from widgets.dispatch import DispatchPanel
from widgets.dispatch.recommendations import RecommendationColumn

LAT, LON = SCENE


@pytest.fixture
def panel(qtbot: QtBot, store: SituationStore, clock: FakeClock) -> DispatchPanel:
    store.apply(
        batch(
            incident("I-1", priority=3),
            unit("U-3"),
            position("U-3", lat=LAT + 2.1 * KM_LAT),
            unit("U-12"),
            position("U-12", lat=LAT + 33.0 * KM_LAT),
            unit("U-7", shift_started_s=-11 * 3600),
            position("U-7", lat=LAT + 1.0 * KM_LAT),
        )
    )
    widget = DispatchPanel(store, clock=clock, throttle_ms=10)
    qtbot.addWidget(widget)
    widget.set_incident("I-1")
    return widget


def click_dispatch(qtbot: QtBot, panel: DispatchPanel, sent: list) -> None:
    panel.dispatchRequested.connect(lambda *args: sent.append(list(args)))
    qtbot.mouseClick(panel.dispatch_button, Qt.MouseButton.LeftButton)


def test_the_best_unit_alone_goes_without_a_question(qtbot: QtBot, panel: DispatchPanel) -> None:
    sent: list = []
    select(panel, "U-3")
    click_dispatch(qtbot, panel, sent)
    assert panel.confirmation is None
    assert sent == [["I-1", ["U-3"], ""]]


def test_select_all_and_one_click_sends_nothing_until_confirmed_with_a_reason(
    qtbot: QtBot, panel: DispatchPanel
) -> None:
    sent: list = []
    panel.table.setFocus()
    panel.table.selectAll()  # what Ctrl+A does
    assert len(panel.selected_unit_ids()) == 3
    click_dispatch(qtbot, panel, sent)
    dialog = panel.confirmation
    assert dialog is not None
    assert dialog.isVisible()
    assert sent == []
    why = dialog.why_label.text().splitlines()
    assert why[0] == "3 units in one order: Call-U-7, Call-U-3, Call-U-12"
    assert "Call-U-12: 33.0 km, ETA 1h 04m — best is 2.1 km (Call-U-3, ETA 4m 08s)" in why
    assert "Call-U-7: on shift 11 h (fatigue limit 10 h)" in why
    assert dialog.why_label.textFormat() == Qt.TextFormat.PlainText
    # no reason, no order: OK is disabled, Enter in the empty field does nothing
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClick(dialog.reason_edit, Qt.Key.Key_Return)
    dialog.reason_edit.setText("   ")
    assert not dialog.ok_button.isEnabled()
    assert sent == []
    dialog.reason_edit.setText("armed suspect, every car in reach")
    qtbot.keyClick(dialog.reason_edit, Qt.Key.Key_Return)
    assert sent == [["I-1", ["U-7", "U-3", "U-12"], "armed suspect, every car in reach"]]
    assert panel.confirmation is None


@pytest.mark.parametrize(
    ("unit_id", "expected"),
    [
        ("U-12", "Call-U-12: 33.0 km, ETA 1h 04m"),
        ("U-7", "Call-U-7: on shift 11 h (fatigue limit 10 h)"),
    ],
)
def test_a_far_or_fatigued_unit_alone_asks_why(
    qtbot: QtBot, panel: DispatchPanel, unit_id: str, expected: str
) -> None:
    sent: list = []
    select(panel, unit_id)
    click_dispatch(qtbot, panel, sent)
    dialog = panel.confirmation
    assert dialog is not None
    assert expected in dialog.why_label.text()
    dialog.reject()  # cancelled: nothing is sent
    assert sent == []
    assert panel.confirmation is None


def test_the_selection_is_extended_so_ctrl_a_works(panel: DispatchPanel) -> None:
    assert panel.table.selectionMode() == QAbstractItemView.SelectionMode.ExtendedSelection


def test_at_a_440_pixel_dock_flags_and_why_are_in_view_and_an_hour_long_eta_is_whole(
    qtbot: QtBot, panel: DispatchPanel
) -> None:
    panel.resize(440, 500)
    panel.show()
    qtbot.waitExposed(panel)
    table = panel.table
    header = table.horizontalHeader()
    assert table.horizontalScrollBar().maximum() == 0  # nothing to scroll sideways to
    viewport = table.viewport().width()
    for column in (
        RecommendationColumn.CALLSIGN,
        RecommendationColumn.ETA,
        RecommendationColumn.DISTANCE,
        RecommendationColumn.FLAGS,
        RecommendationColumn.REASONING,
    ):
        left = header.sectionViewportPosition(column)
        assert not table.isColumnHidden(column)
        assert left >= 0
        assert left + header.sectionSize(column) <= viewport, column.name
    row = panel.proxy.row_keys().index("U-12")
    eta = panel.proxy.index(row, RecommendationColumn.ETA).data()
    assert eta == "1h 04m"  # 65 minutes: the hour is part of the text...
    # ...and of what is painted: the column is wider than the text
    assert header.sectionSize(RecommendationColumn.ETA) > table.fontMetrics().horizontalAdvance(eta)
    flags_row = panel.proxy.row_keys().index("U-7")
    flags = panel.proxy.index(flags_row, RecommendationColumn.FLAGS).data()
    assert flags == "fatigued"
    assert header.sectionSize(RecommendationColumn.FLAGS) > table.fontMetrics().horizontalAdvance(
        flags
    )
