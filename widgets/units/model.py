"""The unit board's table: one row per CAD unit, kept in step with the store incrementally.

Rows are kept sorted by group (station), then callsign: a new unit is inserted where it
belongs, a unit whose station or callsign changes is moved. Each change set from the
store becomes ``rowsRemoved`` / ``rowsMoved`` / ``dataChanged`` (changed rows only) /
``rowsInserted``; the model is never reset after construction. A unit whose CAD record is
unchanged but whose position moved (most of the traffic: every AVL fix) changes no row's
facts, only its "last fix" age and maybe its greying: its row is signalled only if its
staleness flipped, and the age shows the new fix on the next tick. The tick (1 Hz) signals
the time columns through :attr:`UnitTableModel.clockTicked` (not ``dataChanged``: a filter
proxy would re-filter every row for text only the clock changed; the board's proxy
repaints those columns from it), plus the rows whose staleness flipped.

The proxy (:mod:`widgets.units.filter`) only filters, reading :meth:`facts_at` directly:
with thousands of units no per-row Python sort callback runs on each tick.

Everything runs on the UI thread: the store calls its listeners from ``apply`` there.
"""

from __future__ import annotations

import bisect
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont

from console.state import ChangeSet, SituationStore
from services.protocol.entities import Unit
from widgets.common.adapters import contiguous_runs, subscribe_until_destroyed
from widgets.common.style import UNIT_STATUS_COLORS
from widgets.common.ticker import Ticker, TickSubscription
from widgets.units.cells import TIME_COLUMNS, UnitCells, UnitColumn, headers, status_since
from widgets.units.facts import FacetCounts, SortKey, UnitFacts, facts_of
from widgets.units.stale import StaleTracker

AnyIndex = QModelIndex | QPersistentModelIndex
_USER = int(Qt.ItemDataRole.UserRole)
_LAST_COLUMN = len(UnitColumn) - 1
_NUMERIC_COLUMNS = frozenset(TIME_COLUMNS)
_TIME_ROLES = [
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.ForegroundRole,
    Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.FontRole,
]


class UnitRoles:
    """Custom data roles of :class:`UnitTableModel` (the same on every column)."""

    KEY = _USER + 1  #: the unit id
    STATUS = _USER + 2  #: raw status, e.g. ``"en_route"``
    STATION = _USER + 3  #: station id
    GROUP = _USER + 4  #: the grouping label (the station id)
    KIND = _USER + 5  #: raw kind, e.g. ``"patrol_car"``
    SEARCH = _USER + 6  #: case-folded text the search box matches against
    SORT = _USER + 7  #: "station, callsign, id" case-folded, joined by U+001F: the row order


class UnitTableModel(QAbstractTableModel):
    """CAD units as table rows; subscribes to ``store`` at once, call :meth:`close` to stop.

    ``clock`` gives wall-clock seconds (pass the store's clock, e.g. a replay clock).
    ``countsChanged`` fires when the number of units per status changed;
    ``facetsChanged`` when the set of stations or kinds present changed.
    """

    countsChanged = Signal()  # noqa: N815 (Qt signal)
    facetsChanged = Signal()  # noqa: N815 (Qt signal)
    #: the clock moved: these columns (list of ints) of every row show new text for these
    #: roles (list of ints); nothing to re-filter
    clockTicked = Signal(object, object)  # noqa: N815 (Qt signal)

    def __init__(
        self,
        store: SituationStore,
        *,
        clock: Callable[[], float] = time.time,
        tick_ms: int = 1000,
        ticker: Ticker | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._clock = clock
        self._facts: dict[str, UnitFacts] = {
            key: facts_of(key, unit) for key, unit in store.units.items()
        }
        # The CAD record each row's facts were made from: the store replaces a unit's
        # record when it changes, so "is" tells a position-only change apart cheaply.
        self._records: dict[str, Unit] = dict(store.units)
        self._keys: list[str] = sorted(self._facts, key=lambda k: self._facts[k].sort_key)
        self._sort_keys: list[SortKey] = [self._facts[key].sort_key for key in self._keys]
        self._since: dict[str, float] = {}  # when this model saw the status change
        self._counts = FacetCounts()
        for facts in self._facts.values():
            self._counts.add(facts)
        self._stale = StaleTracker(store)
        now = clock()
        for key in self._keys:
            self._stale.update(key, now)
        self._unsubscribe: Callable[[], None] | None = subscribe_until_destroyed(
            self, store, self._on_changes
        )
        self._timer = TickSubscription(self, clock, ticker, self.tick, interval_ms=tick_ms)
        self._timer.start()

    # ------------------------------------------------------------------ lifecycle
    def close(self) -> None:
        """Stop listening to the store and stop the clock tick (idempotent)."""
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        self._timer.stop()

    # ------------------------------------------------------------------ queries
    def row_of(self, key: str) -> int | None:
        facts = self._facts.get(key)
        if facts is None:
            return None
        row = bisect.bisect_left(self._sort_keys, facts.sort_key)
        return row if row < len(self._keys) and self._keys[row] == key else None

    def key_at(self, row: int) -> str:
        return self._keys[row]

    def facts_at(self, row: int) -> UnitFacts:
        """Status, station, kind, search text... of the unit in ``row`` (for the proxy)."""
        return self._facts[self._keys[row]]

    def status_counts(self) -> dict[str, int]:
        """Units per status (every known status, zero included)."""
        counts = dict.fromkeys(UNIT_STATUS_COLORS, 0)
        counts.update(self._counts.statuses)
        return counts

    def stations(self) -> list[str]:
        return sorted(self._counts.stations)

    def kinds(self) -> list[str]:
        return sorted(self._counts.kinds)

    # ------------------------------------------------------------------ store changes
    def _on_changes(self, changes: ChangeSet) -> None:
        if not changes.touched("units"):
            return
        units = self._store.units
        now = self._clock()
        counts_before = self._counts.statuses.copy()
        facets_before = self._facet_names()
        gone = [key for key in changes.touched("units") if key in self._facts and key not in units]
        if gone:
            self._remove(gone)
        changed: list[str] = []
        new: list[str] = []
        moved: list[str] = []  # only their position changed
        records = self._records
        for key in changes.changed["units"] | changes.added["units"]:
            unit = units.get(key)
            if unit is None:
                continue
            if key not in self._facts:
                new.append(key)
            elif unit is not records[key]:
                records[key] = unit
                self._update(key, facts_of(key, unit), now)
                changed.append(key)
            else:
                moved.append(key)
        changed += self._stale.update_many(moved, now)  # greyed or not
        rows = sorted(row for key in changed if (row := self.row_of(key)) is not None)
        for first, last in contiguous_runs(rows):
            self.dataChanged.emit(self.index(first, 0), self.index(last, _LAST_COLUMN))
        if new:
            self._records.update((key, units[key]) for key in new)
            self._insert({key: facts_of(key, units[key]) for key in new}, now)
        if self._counts.statuses != counts_before:
            self.countsChanged.emit()
        if self._facet_names() != facets_before:
            self.facetsChanged.emit()

    def _facet_names(self) -> tuple[frozenset[str], frozenset[str]]:
        return frozenset(self._counts.stations), frozenset(self._counts.kinds)

    def _remove(self, keys: list[str]) -> None:
        rows = [row for key in keys if (row := self.row_of(key)) is not None]
        for first, last in reversed(contiguous_runs(rows)):
            self.beginRemoveRows(QModelIndex(), first, last)
            for key in self._keys[first : last + 1]:
                self._counts.remove(self._facts.pop(key))
                self._records.pop(key, None)
                self._since.pop(key, None)
                self._stale.forget(key)
            del self._keys[first : last + 1]
            del self._sort_keys[first : last + 1]
            self.endRemoveRows()

    def _update(self, key: str, facts: UnitFacts, now: float) -> None:
        old = self._facts[key]
        if facts.status != old.status:
            self._since[key] = now
        if (facts.status, facts.station, facts.kind) != (old.status, old.station, old.kind):
            self._counts.remove(old)
            self._counts.add(facts)
        self._stale.update(key, now)
        if facts.sort_key != old.sort_key:
            self._move(key, old.sort_key, facts)
        else:
            self._facts[key] = facts

    def _move(self, key: str, old_sort_key: SortKey, facts: UnitFacts) -> None:
        """Move ``key``'s row to where ``facts.sort_key`` belongs."""
        row = bisect.bisect_left(self._sort_keys, old_sort_key)
        new_keys = self._sort_keys[:row] + self._sort_keys[row + 1 :]
        target = bisect.bisect_left(new_keys, facts.sort_key)
        destination = target if target <= row else target + 1
        moving = destination not in (row, row + 1)
        if moving:
            self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), destination)
        del self._keys[row]
        self._sort_keys = new_keys
        self._keys.insert(target, key)
        self._sort_keys.insert(target, facts.sort_key)
        self._facts[key] = facts
        if moving:
            self.endMoveRows()

    def _insert(self, facts: dict[str, UnitFacts], now: float) -> None:
        """Insert new units where they belong, one ``rowsInserted`` per contiguous block."""
        blocks: dict[int, list[str]] = {}
        for key in sorted(facts, key=lambda k: facts[k].sort_key):
            position = bisect.bisect_left(self._sort_keys, facts[key].sort_key)
            blocks.setdefault(position, []).append(key)
        for position in sorted(blocks, reverse=True):  # later blocks first: rows stay valid
            keys = blocks[position]
            self.beginInsertRows(QModelIndex(), position, position + len(keys) - 1)
            self._keys[position:position] = keys
            self._sort_keys[position:position] = [facts[key].sort_key for key in keys]
            for key in keys:
                self._facts[key] = facts[key]
                self._counts.add(facts[key])
                self._stale.update(key, now)
            self.endInsertRows()

    # ------------------------------------------------------------------ clock
    def tick(self) -> None:
        """Signal the time columns (:attr:`clockTicked`), and whole rows whose staleness
        flipped (``dataChanged``)."""
        count = len(self._keys)
        if not count:
            return
        flipped = self._stale.tick(self._clock(), self._keys)
        rows = [row for key in flipped if (row := self.row_of(key)) is not None]
        for first, last in contiguous_runs(rows):
            self.dataChanged.emit(
                self.index(first, 0),
                self.index(last, _LAST_COLUMN),
                [Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.ToolTipRole],
            )
        self.clockTicked.emit([int(column) for column in TIME_COLUMNS], _TIME_ROLES)

    # ------------------------------------------------------------------ Qt model API
    def rowCount(self, parent: AnyIndex | None = None) -> int:  # noqa: N802 (Qt override)
        return 0 if parent is not None and parent.isValid() else len(self._keys)

    def columnCount(self, parent: AnyIndex | None = None) -> int:  # noqa: N802 (Qt override)
        return 0 if parent is not None and parent.isValid() else len(UnitColumn)

    def headerData(  # noqa: N802 (Qt override)
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return headers().get(UnitColumn(section)) if 0 <= section < len(UnitColumn) else None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._keys):
            return None
        key = self._keys[index.row()]
        role = int(role)
        if role >= _USER:
            return self._custom(key, role)
        unit = self._store.units.get(key)
        if unit is None:
            return None
        column = UnitColumn(index.column())
        cells = UnitCells(self._store, unit, self._clock())
        if role == Qt.ItemDataRole.DisplayRole:
            return cells.display(column, status_since(unit, self._since.get(key)))
        if role == Qt.ItemDataRole.ForegroundRole:
            return cells.foreground(column, key in self._stale)
        if role == Qt.ItemDataRole.BackgroundRole:
            return cells.background(column)
        if role == Qt.ItemDataRole.ToolTipRole:
            since = status_since(unit, self._since.get(key))
            return cells.tooltip(column, key in self._stale, since)
        if role == Qt.ItemDataRole.FontRole and column == UnitColumn.HOURS_ON_DUTY:
            return _bold() if cells.fatigued() else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in _NUMERIC_COLUMNS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _custom(self, key: str, role: int) -> Any:
        facts = self._facts[key]
        values = {
            UnitRoles.KEY: key,
            UnitRoles.STATUS: facts.status,
            UnitRoles.STATION: facts.station,
            UnitRoles.GROUP: facts.station,
            UnitRoles.KIND: facts.kind,
            UnitRoles.SEARCH: facts.search,
            UnitRoles.SORT: "\x1f".join(facts.sort_key),
        }
        return values.get(role)


def _bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font
