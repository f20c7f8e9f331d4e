"""Row actions on a table (orders: recall/reassign; unit board: in/out of service): each
shortcut belongs to the table (it works while the table has focus) and reaches its slot;
a right-click selects the row under the pointer and offers every action."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QMenu, QTableView

from widgets.common.tables import add_row_actions


# the offscreen platform cannot grab the keyboard or raise for the popup menu
@pytest.mark.qt_log_ignore("does not support grabbing the keyboard", "does not support raise")
def test_row_actions_have_shortcuts_and_a_context_menu(qtbot) -> None:
    model = QStandardItemModel(3, 1)
    for row in range(3):
        model.setItem(row, 0, QStandardItem(f"U-{row}"))
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    qtbot.addWidget(table)
    fired: list[str] = []
    recall, reassign = add_row_actions(
        table,
        [("Recall", "Delete", lambda: fired.append("recall")),
         ("Reassign", "Ctrl+R", lambda: fired.append("reassign"))],
    )  # fmt: skip
    table.show()
    qtbot.waitExposed(table)
    assert table.actions() == [recall, reassign]  # their keys work while the table has focus
    assert reassign.shortcut().toString() == "Ctrl+R"
    assert reassign.shortcutContext() == Qt.ShortcutContext.WidgetWithChildrenShortcut
    reassign.trigger()
    assert fired == ["reassign"]

    point = table.visualRect(model.index(2, 0)).center()
    table.customContextMenuRequested.emit(point)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    menu = QApplication.activePopupWidget()
    assert [a.text() for a in menu.actions()] == ["Recall", "Reassign"]
    assert table.selectionModel().selectedRows()[0].row() == 2
    menu.close()
    table.customContextMenuRequested.emit(QPoint(-5, -5))  # off any row: no menu
    assert QApplication.activePopupWidget() is None
    assert recall.shortcut().toString() == "Del"
