"""A table of keyed rows that follows a derived list by diffing, never by resetting.

Derived lists (recommendations, orders, commands) are recomputed from the store; each
:meth:`KeyedRowsModel.sync` turns the difference into ``rowsRemoved`` / ``dataChanged``
(rows whose value changed) / ``rowsInserted`` (new keys, appended), so selections and
scroll positions survive. Rows keep their arrival order; a proxy sorts them by
:data:`RANK_ROLE`, the position in the latest list.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from widgets.common.adapters import contiguous_runs

AnyIndex = QModelIndex | QPersistentModelIndex
KEY_ROLE = int(Qt.ItemDataRole.UserRole) + 1
RANK_ROLE = int(Qt.ItemDataRole.UserRole) + 2


class KeyedRowsModel(QAbstractTableModel):
    """Rows of ``(key, value)``; subclasses say what each cell shows via :meth:`cell`."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._keys: list[str] = []
        self._values: dict[str, Any] = {}
        self._row_of: dict[str, int] = {}
        self._rank: dict[str, int] = {}
        self._column_count: int | None = None

    # ------------------------------------------------------------------ subclass API
    def headers(self) -> Sequence[str]:
        raise NotImplementedError

    def cell(self, value: Any, column: int, role: int) -> Any:
        raise NotImplementedError

    # ------------------------------------------------------------------ updating
    def sync(self, items: Sequence[tuple[str, Any]]) -> None:
        """Make the rows ``items`` (in rank order); only differences are signalled."""
        wanted = dict(items)
        rank = {key: position for position, (key, _value) in enumerate(items)}
        gone = [self._row_of[key] for key in self._keys if key not in wanted]
        for first, last in reversed(contiguous_runs(gone)):
            self.beginRemoveRows(QModelIndex(), first, last)
            for key in self._keys[first : last + 1]:
                del self._row_of[key]
                del self._values[key]
                self._rank.pop(key, None)
            del self._keys[first : last + 1]
            for row in range(first, len(self._keys)):
                self._row_of[self._keys[row]] = row
            self.endRemoveRows()
        changed: list[int] = []
        for row, key in enumerate(self._keys):
            value = wanted[key]
            if value != self._values[key] or rank[key] != self._rank.get(key):
                self._values[key] = value
                self._rank[key] = rank[key]
                changed.append(row)
        last_column = self.columnCount() - 1
        for first, last in contiguous_runs(changed):
            self.dataChanged.emit(self.index(first, 0), self.index(last, last_column))
        new = [key for key, _value in items if key not in self._row_of]
        if new:
            start = len(self._keys)
            self.beginInsertRows(QModelIndex(), start, start + len(new) - 1)
            for key in new:
                self._row_of[key] = len(self._keys)
                self._keys.append(key)
                self._values[key] = wanted[key]
                self._rank[key] = rank[key]
            self.endInsertRows()

    # ------------------------------------------------------------------ queries
    def row_keys(self) -> list[str]:
        return list(self._keys)

    def value(self, key: str) -> Any:
        return self._values.get(key)

    def row_of(self, key: str) -> int | None:
        return self._row_of.get(key)

    # ------------------------------------------------------------------ Qt model API
    def rowCount(self, parent: AnyIndex | None = None) -> int:  # noqa: N802 (Qt override)
        return 0 if parent is not None and parent.isValid() else len(self._keys)

    def columnCount(self, parent: AnyIndex | None = None) -> int:  # noqa: N802 (Qt override)
        if parent is not None and parent.isValid():
            return 0
        if self._column_count is None:
            self._column_count = len(self.headers())
        return self._column_count

    def headerData(  # noqa: N802 (Qt override)
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        headers = self.headers()
        return headers[section] if 0 <= section < len(headers) else None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._keys):
            return None
        key = self._keys[index.row()]
        role = int(role)
        if role == KEY_ROLE:
            return key
        if role == RANK_ROLE:
            return self._rank.get(key, 0)
        return self.cell(self._values[key], index.column(), role)


class ArrivalProxy(QSortFilterProxyModel):
    """Shows a :class:`KeyedRowsModel` in its own order (rows stay where they arrived:
    new keys are appended), with the same key helpers as :class:`RankedProxy`."""

    def __init__(self, source: KeyedRowsModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSourceModel(source)

    def key_at(self, row: int) -> str:
        return str(self.index(row, 0).data(KEY_ROLE))

    def row_keys(self) -> list[str]:
        return [self.key_at(row) for row in range(self.rowCount())]


class RankedProxy(QSortFilterProxyModel):
    """Shows a :class:`KeyedRowsModel` in rank order, re-sorting as ranks change."""

    def __init__(self, source: KeyedRowsModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSourceModel(source)
        self.setSortRole(RANK_ROLE)
        self.setDynamicSortFilter(True)
        self.sort(0, Qt.SortOrder.AscendingOrder)

    def key_at(self, row: int) -> str:
        return str(self.index(row, 0).data(KEY_ROLE))

    def row_keys(self) -> list[str]:
        return [self.key_at(row) for row in range(self.rowCount())]
