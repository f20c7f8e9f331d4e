"""Which incidents the queue shows, in triage order: priority first, then oldest first."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from console.state.text import fold_for_search
from services.protocol.entities import INCIDENT_STATUSES
from widgets.incidents.roles import IncidentColumn, IncidentRoles

AnyIndex = QModelIndex | QPersistentModelIndex

#: Shown by default: everything but closed incidents.
DEFAULT_STATUSES: frozenset[str] = frozenset(INCIDENT_STATUSES) - {"closed"}


class IncidentFilterProxy(QSortFilterProxyModel):
    """Filters an :class:`~widgets.incidents.model.IncidentTableModel` and sorts it by
    :attr:`IncidentRoles.SORT` (priority, then report time, then id) whatever the column.

    ``None`` for district, category or priority means "any"; the search text matches a
    case-insensitive substring of the id, summaries and address.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._statuses: frozenset[str] = DEFAULT_STATUSES
        self._district: str | None = None
        self._category: str | None = None
        self._priority: int | None = None
        self._search = ""
        self.setSortRole(IncidentRoles.SORT)
        self.setFilterRole(IncidentRoles.SEARCH)
        self.setDynamicSortFilter(True)
        self.sort(IncidentColumn.PRIORITY, Qt.SortOrder.AscendingOrder)

    # ------------------------------------------------------------------ criteria
    @property
    def statuses(self) -> frozenset[str]:
        return self._statuses

    @property
    def district(self) -> str | None:
        return self._district

    @property
    def category(self) -> str | None:
        return self._category

    @property
    def priority(self) -> int | None:
        return self._priority

    @property
    def search_text(self) -> str:
        return self._search

    def set_statuses(self, statuses: Iterable[str]) -> None:
        self._change("_statuses", frozenset(statuses))

    def set_district(self, district: str | None) -> None:
        self._change("_district", district or None)

    def set_category(self, category: str | None) -> None:
        self._change("_category", category or None)

    def set_priority(self, priority: int | None) -> None:
        self._change("_priority", priority)

    def set_search_text(self, text: str) -> None:
        self._change("_search", fold_for_search(text))

    def _change(self, attribute: str, value: object) -> None:
        if getattr(self, attribute) == value:
            return
        self.beginFilterChange()
        setattr(self, attribute, value)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    # ------------------------------------------------------------------ Qt overrides
    def setSourceModel(self, model: QAbstractItemModel) -> None:  # noqa: N802 (Qt override)
        previous = self.sourceModel()
        if previous is not None and hasattr(previous, "clockTicked"):
            previous.clockTicked.disconnect(self._on_clock_ticked)
        super().setSourceModel(model)
        self.sort(IncidentColumn.PRIORITY, Qt.SortOrder.AscendingOrder)
        if hasattr(model, "clockTicked"):
            model.clockTicked.connect(self._on_clock_ticked)

    def _on_clock_ticked(self, columns: list[int], roles: list[int]) -> None:
        """Repaint the clock columns of the shown rows; nothing to re-filter or re-sort."""
        last = self.rowCount() - 1
        if last < 0:
            return
        for column in columns:
            self.dataChanged.emit(self.index(0, column), self.index(last, column), roles)

    def filterAcceptsRow(  # noqa: N802 (Qt override)
        self, source_row: int, source_parent: AnyIndex
    ) -> bool:
        model = self.sourceModel()
        if model is None:
            return False
        index = model.index(source_row, 0, source_parent)
        if index.data(IncidentRoles.STATUS) not in self._statuses:
            return False
        if self._district is not None and index.data(IncidentRoles.DISTRICT) != self._district:
            return False
        if self._category is not None and index.data(IncidentRoles.CATEGORY) != self._category:
            return False
        if self._priority is not None and index.data(IncidentRoles.PRIORITY) != self._priority:
            return False
        return not self._search or self._search in (index.data(IncidentRoles.SEARCH) or "")

    def lessThan(  # noqa: N802 (Qt override)
        self, source_left: AnyIndex, source_right: AnyIndex
    ) -> bool:
        left = source_left.data(IncidentRoles.SORT)
        right = source_right.data(IncidentRoles.SORT)
        if left is None or right is None:  # rows without data (being removed) go last
            return left is not None
        return bool(tuple(left) < tuple(right))
