"""Filtering of the unit board: status, station, kind, text search, off-duty toggle.

The source model keeps its rows grouped (by station, then callsign), so this proxy only
filters; it reads each row's :class:`~widgets.units.facts.UnitFacts` straight from the
source instead of going through ``data()``, which keeps a re-filter of thousands of rows
cheap. Rows are re-filtered as the source signals changes (``dynamicSortFilter``); the
source's clock tick (:attr:`~widgets.units.model.UnitTableModel.clockTicked`) only
repaints the time columns of the shown rows, re-filtering nothing.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
)

from console.state.text import fold_for_search
from widgets.units.model import UnitTableModel

AnyIndex = QModelIndex | QPersistentModelIndex


class UnitFilterModel(QSortFilterProxyModel):
    """The board's view of a :class:`~widgets.units.model.UnitTableModel`.

    Off-duty units are hidden unless :meth:`set_show_off_duty` is on or the status filter
    asks for ``off_duty`` explicitly. ``None`` for status, station or kind means "any".
    """

    def __init__(self, source: UnitTableModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._source = source
        self._status: str | None = None
        self._station: str | None = None
        self._kind: str | None = None
        self._words: tuple[str, ...] = ()
        self._show_off_duty = False
        self.setDynamicSortFilter(True)
        self.setSourceModel(source)
        source.clockTicked.connect(self._on_clock_ticked)

    # ------------------------------------------------------------------ criteria
    @property
    def status(self) -> str | None:
        return self._status

    @property
    def station(self) -> str | None:
        return self._station

    @property
    def kind(self) -> str | None:
        return self._kind

    @property
    def text(self) -> str:
        return " ".join(self._words)

    @property
    def show_off_duty(self) -> bool:
        return self._show_off_duty

    def set_status(self, status: str | None) -> None:
        if status != self._status:
            self.beginFilterChange()
            self._status = status
            self._end_filter_change()

    def set_station(self, station: str | None) -> None:
        if station != self._station:
            self.beginFilterChange()
            self._station = station
            self._end_filter_change()

    def set_kind(self, kind: str | None) -> None:
        if kind != self._kind:
            self.beginFilterChange()
            self._kind = kind
            self._end_filter_change()

    def set_text(self, text: str) -> None:
        words = tuple(fold_for_search(text).split())
        if words != self._words:
            self.beginFilterChange()
            self._words = words
            self._end_filter_change()

    def set_show_off_duty(self, show: bool) -> None:
        if show != self._show_off_duty:
            self.beginFilterChange()
            self._show_off_duty = show
            self._end_filter_change()

    def clear_filters(self) -> None:
        """No status, station, kind or text criterion (the off-duty toggle stays)."""
        self.beginFilterChange()
        self._status = self._station = self._kind = None
        self._words = ()
        self._end_filter_change()

    def _end_filter_change(self) -> None:
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def _on_clock_ticked(self, columns: list[int], roles: list[int]) -> None:
        """Repaint the clock columns of the shown rows (a view repaints only what is on
        screen); nothing to re-filter."""
        last = self.rowCount() - 1
        if last < 0 or not columns:
            return
        self.dataChanged.emit(self.index(0, min(columns)), self.index(last, max(columns)), roles)

    # ------------------------------------------------------------------ Qt hook
    def filterAcceptsRow(  # noqa: N802 (Qt override)
        self, source_row: int, source_parent: AnyIndex
    ) -> bool:
        if source_parent.isValid() or not 0 <= source_row < self._source.rowCount():
            return False
        facts = self._source.facts_at(source_row)
        status = facts.status
        if self._status is not None and status != self._status:
            return False
        if status == "off_duty" and not self._show_off_duty and self._status != "off_duty":
            return False
        if self._station is not None and facts.station != self._station:
            return False
        if self._kind is not None and facts.kind != self._kind:
            return False
        return all(word in facts.search for word in self._words)
