"""Unit status commands from the board: back in service at once, out of service with a reason."""

from __future__ import annotations

import msgspec
import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from console.state import SituationStore
from tests.console.state.builders import FakeClock, batch, unit
from widgets.units.board import UnitBoardPanel
from widgets.units.cells import UnitColumn


@pytest.fixture
def board(qtbot: QtBot, store: SituationStore, clock: FakeClock) -> UnitBoardPanel:
    store.apply(
        batch(
            unit("U-1"),
            msgspec.structs.replace(unit("U-2", status="busy"), status_reason="refuelling"),
        )
    )
    panel = UnitBoardPanel(store, clock=clock)
    qtbot.addWidget(panel)
    return panel


def select(board: UnitBoardPanel, unit_id: str) -> None:
    assert board.select_unit(unit_id)


def test_out_of_service_needs_a_reason_and_a_status(qtbot: QtBot, board: UnitBoardPanel) -> None:
    sent: list = []
    board.statusRequested.connect(lambda *args: sent.append(list(args)))
    select(board, "U-1")
    board.table.setFocus()
    board.out_of_service_action.trigger()
    dialog = board.reason_dialog
    assert dialog is not None
    assert dialog.heading_label.text() == "Take Call-U-1 out of service?"
    assert dialog.choice_box is not None
    assert [dialog.choice_box.itemData(i) for i in range(2)] == ["busy", "off_duty"]
    dialog.choice_box.setCurrentIndex(1)
    assert not dialog.ok_button.isEnabled()  # no reason: refused by the dialog
    qtbot.keyClick(dialog.reason_edit, Qt.Key.Key_Return)
    assert sent == []
    dialog.reason_edit.setText("crew injured")
    dialog.ok_button.click()
    assert sent == [["U-1", "off_duty", "crew injured"]]
    assert board.out_of_service_action.shortcut().toString() == "Ctrl+Shift+S"


def test_back_in_service_goes_at_once(board: UnitBoardPanel) -> None:
    sent: list = []
    board.statusRequested.connect(lambda *args: sent.append(list(args)))
    select(board, "U-2")
    board.in_service_action.trigger()
    assert sent == [["U-2", "available", ""]]
    assert board.reason_dialog is None


def test_the_status_reason_is_shown(board: UnitBoardPanel) -> None:
    model = board.model
    index = model.index(model.row_of("U-2"), UnitColumn.STATUS_REASON)
    assert index.data() == "refuelling"
    status = model.index(model.row_of("U-2"), UnitColumn.STATUS)
    assert "refuelling" in status.data(Qt.ItemDataRole.ToolTipRole)


def test_read_only_sends_nothing(board: UnitBoardPanel) -> None:
    sent: list = []
    board.statusRequested.connect(lambda *args: sent.append(list(args)))
    board.set_read_only(True)
    select(board, "U-2")
    board.in_service_action.trigger()
    board.take_selected_out_of_service()
    assert sent == []
    assert board.reason_dialog is None
