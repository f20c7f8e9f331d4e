"""The look every read-only panel table shares: whole rows, no editing, fixed row height,
columns sized in characters with one column taking the rest."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTableView


def configure_table(
    table: QTableView,
    column_chars: Mapping[int, int | str],
    stretch: int,
    *,
    row_height: float = 1.6,
    fit_titles: bool = False,
) -> None:
    """Set ``table`` up for reading: one row selected at a time, rows ``row_height`` lines
    high, each column of ``column_chars`` that many average characters wide — or as wide
    as a sample text, when given one ("I-20261128-0042": digits are wider than the
    average character) — and at least its title, if ``fit_titles``; column ``stretch``
    takes the remaining width. Sorting is left to the model or its proxy."""
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSortingEnabled(False)
    table.setWordWrap(False)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    metrics = table.fontMetrics()
    vertical = table.verticalHeader()
    vertical.setVisible(False)
    vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    vertical.setDefaultSectionSize(int(metrics.height() * row_height))
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    char = metrics.averageCharWidth()
    model = table.model()
    for column, chars in column_chars.items():
        width = (metrics.horizontalAdvance(chars) if isinstance(chars, str) else chars * char) + 12
        if fit_titles and model is not None:
            title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
            width = max(width, header.fontMetrics().horizontalAdvance(title) + 16)
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(column, width)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)


def add_row_actions(
    table: QTableView, actions: list[tuple[str, str, Callable[[], None]]]
) -> list[QAction]:
    """Actions on a table's selected row, each as (text, keys, slot): its shortcut works
    while the table (or a child) has focus, and a right-click on a row selects that row and
    offers them all."""
    made = []
    for text, keys, slot in actions:
        action = QAction(text, table)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        table.addAction(action)
        made.append(action)

    def context_menu(point: QPoint) -> None:
        index = table.indexAt(point)
        if not index.isValid():
            return
        table.selectRow(index.row())
        menu = QMenu(table)
        for action in made:
            menu.addAction(action)
        menu.popup(table.viewport().mapToGlobal(point))

    table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    table.customContextMenuRequested.connect(context_menu)
    return made
