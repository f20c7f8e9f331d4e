from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from console.state import SituationStore
from tests.console.state.builders import FakeClock, batch
from tests.widgets.units.helpers import stationed
from widgets.units import UnitBoardPanel, UnitRoles
from widgets.units.cells import TIME_COLUMNS
from widgets.units.filter import UnitFilterModel


@pytest.fixture
def board(qtbot: QtBot, store: SituationStore, clock: FakeClock) -> UnitBoardPanel:
    store.apply(
        batch(
            stationed("U-3", "S-GS-2"),
            stationed("U-1", "S-GS-1", status="en_route", incident_id="I-7", dispatched_s=-5),
            stationed("U-2", "S-GS-1", kind="motorbike", status="busy"),
            stationed("U-4", "S-WZ-1", kind="foot"),
            stationed("U-5", "S-WZ-1", status="off_duty"),
        )
    )
    panel = UnitBoardPanel(store, clock=clock)
    qtbot.addWidget(panel)
    return panel


def shown(board: UnitBoardPanel) -> list[str]:
    proxy = board.filter_model
    return [str(proxy.index(row, 0).data(UnitRoles.KEY)) for row in range(proxy.rowCount())]


def test_object_name_and_grouping_by_station(board: UnitBoardPanel) -> None:
    assert board.objectName() == "unitBoard"
    # Grouped by station, then callsign; off duty hidden by default.
    assert shown(board) == ["U-1", "U-2", "U-3", "U-4"]
    header = board.table.horizontalHeader()
    assert header.logicalIndex(0) == 3  # the station column comes first
    assert board.shown_label.text() == "4 of 5 units shown"


def test_regrouping_follows_a_station_change(board: UnitBoardPanel, store: SituationStore) -> None:
    store.apply(batch(stationed("U-1", "S-WZ-1", version=2, status="en_route")))
    assert shown(board) == ["U-2", "U-3", "U-1", "U-4"]


def test_summary_counts_update_live(board: UnitBoardPanel, store: SituationStore) -> None:
    summary = board.summary
    assert summary.count("available") == 2
    assert summary.count("en_route") == 1
    assert summary.count("busy") == 1
    assert summary.count("off_duty") == 1
    assert summary.count("dispatched") == 0
    chip = summary.findChild(QLabel, "unitCount_available")
    assert chip is not None
    assert chip.text() == "Available 2"

    store.apply(batch(stationed("U-3", "S-GS-2", version=2, status="dispatched")))
    assert summary.count("available") == 1
    assert summary.count("dispatched") == 1
    assert chip.text() == "Available 1"

    store.apply(batch(stationed("U-6", "S-GS-2"), removals={"units": ["U-2"]}))
    assert summary.count("available") == 2
    assert summary.count("busy") == 0


def test_status_filter(board: UnitBoardPanel) -> None:
    board.status_filter.setCurrentIndex(board.status_filter.findData("available"))
    assert shown(board) == ["U-3", "U-4"]
    board.status_filter.setCurrentIndex(board.status_filter.findData("off_duty"))
    assert shown(board) == ["U-5"]  # asking for off duty shows them without the toggle
    board.status_filter.setCurrentIndex(0)
    assert shown(board) == ["U-1", "U-2", "U-3", "U-4"]


def test_station_and_kind_filters(board: UnitBoardPanel, store: SituationStore) -> None:
    stations = [board.station_filter.itemData(i) for i in range(board.station_filter.count())]
    assert stations == [None, "S-GS-1", "S-GS-2", "S-WZ-1"]
    board.station_filter.setCurrentIndex(board.station_filter.findData("S-GS-1"))
    assert shown(board) == ["U-1", "U-2"]
    board.kind_filter.setCurrentIndex(board.kind_filter.findData("motorbike"))
    assert shown(board) == ["U-2"]
    board.station_filter.setCurrentIndex(0)
    board.kind_filter.setCurrentIndex(board.kind_filter.findData("foot"))
    assert shown(board) == ["U-4"]

    # A new station appears in the filter; the current choice is kept.
    store.apply(batch(stationed("U-9", "S-XC-1", kind="foot")))
    assert board.station_filter.findData("S-XC-1") > 0
    assert board.kind_filter.currentData() == "foot"
    assert shown(board) == ["U-4", "U-9"]


def test_text_search(board: UnitBoardPanel, store: SituationStore) -> None:
    board.search.setText("i-7")
    assert shown(board) == ["U-1"]
    board.search.setText("call-u-3")
    assert shown(board) == ["U-3"]
    board.search.setText("motorbike")  # the raw kind
    assert shown(board) == ["U-2"]
    board.search.setText("  ")
    assert len(shown(board)) == 4
    board.search.setText("S-WZ")
    assert shown(board) == ["U-4"]
    store.apply(batch(stationed("U-8", "S-WZ-2")))  # new rows are filtered too
    assert shown(board) == ["U-4", "U-8"]


def test_off_duty_toggle(board: UnitBoardPanel) -> None:
    assert not board.off_duty_toggle.isChecked()
    assert "U-5" not in shown(board)
    board.off_duty_toggle.setChecked(True)
    assert "U-5" in shown(board)
    assert board.shown_label.text() == "5 of 5 units shown"


def test_operator_selection_emits_unit_selected(qtbot: QtBot, board: UnitBoardPanel) -> None:
    index = board.filter_model.index(1, 0)
    with qtbot.waitSignal(board.unitSelected, timeout=1000) as blocker:
        board.table.selectionModel().select(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
    assert blocker.args == ["U-2"]
    assert board.selected_unit() == "U-2"


def test_select_unit_selects_without_emitting(
    qtbot: QtBot, board: UnitBoardPanel, store: SituationStore
) -> None:
    with qtbot.assertNotEmitted(board.unitSelected):
        assert board.select_unit("U-3")
    assert board.selected_unit() == "U-3"
    assert not board.select_unit("U-404")

    # Survives regrouping.
    store.apply(batch(stationed("U-3", "S-AA-1", version=2)))
    assert board.selected_unit() == "U-3"
    assert shown(board)[0] == "U-3"


def test_select_unit_reveals_a_filtered_out_unit(board: UnitBoardPanel) -> None:
    board.search.setText("motorbike")
    assert board.select_unit("U-5")  # off duty and not matching the search
    assert board.search.text() == ""
    assert board.off_duty_toggle.isChecked()
    assert board.selected_unit() == "U-5"


def test_close_stops_the_model(board: UnitBoardPanel, store: SituationStore) -> None:
    board.close()
    store.apply(batch(stationed("U-7", "S-GS-1")))
    assert board.model.rowCount() == 5


def test_a_tick_repaints_the_shown_time_columns_without_re_filtering(
    qtbot: QtBot, board: UnitBoardPanel, store: SituationStore, clock: FakeClock
) -> None:
    """The clock changes ages, not which rows pass the filter: thousands of Python filter
    calls a second would be wasted. The view still hears of every shown row's time cells."""
    filtered: list[int] = []

    class CountingFilter(UnitFilterModel):
        def filterAcceptsRow(self, source_row, source_parent):  # noqa: N802 (Qt override)
            filtered.append(source_row)
            return super().filterAcceptsRow(source_row, source_parent)

    proxy = CountingFilter(board.model)
    changed: list[tuple[int, int, int, int]] = []
    proxy.dataChanged.connect(
        lambda tl, br, _roles=(): changed.append((tl.row(), br.row(), tl.column(), br.column()))
    )
    assert proxy.rowCount() == 4  # the off-duty unit hidden
    filtered.clear()
    clock.advance(3)
    board.model.tick()
    assert changed == [(0, 3, TIME_COLUMNS[0], TIME_COLUMNS[-1])]
    assert filtered == []
    store.apply(batch(stationed("U-3", "S-GS-2", status="busy", version=2)))  # a fact changed
    assert filtered == [board.model.row_of("U-3")]
