"""The look every read-only panel table shares: whole rows, no editing, fixed row height,
columns sized in characters with one column taking the rest."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView


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
