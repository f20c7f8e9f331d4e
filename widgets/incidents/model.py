"""The incident table: an incremental adapter over the situation store's incidents.

A change set from the store becomes ``rowsInserted`` (appended), ``dataChanged`` for the
changed rows only, and ``rowsRemoved``; the model is never reset per batch — except the
first fill of an empty model (the cached picture or first snapshot): one reset, its rows
already in triage order, so a sorting proxy sorts once instead of inserting row by row. A 1 Hz timer
refreshes the age and SLA columns, and a faster one pulses the rows of new priority-1
incidents for :data:`FLASH_DURATION_S`.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor

from console.state import ChangeSet, SituationStore
from services.protocol.entities import Incident
from widgets.common.adapters import contiguous_runs
from widgets.common.style import (
    INCIDENT_STATUS_COLORS,
    STALE_TEXT,
    readable_on,
)
from widgets.common.ticker import Ticker, TickSubscription
from widgets.incidents.cells import display_text, headers, role_value, state_color, tooltip
from widgets.incidents.roles import IncidentColumn, IncidentRoles

AnyIndex = QModelIndex | QPersistentModelIndex

#: How long a new priority-1 incident's row pulses, and how fast.
FLASH_DURATION_S = 10.0
FLASH_INTERVAL_MS = 500
TICK_INTERVAL_MS = 1000
FLASH_COLOR = "#8a1c20"
_STALE_ALPHA = 90


_CLOCK_ROLES = [
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.BackgroundRole,
    Qt.ItemDataRole.ForegroundRole,
]
_LOOK_ROLES = [
    Qt.ItemDataRole.BackgroundRole,
    Qt.ItemDataRole.ForegroundRole,
    IncidentRoles.FLASHING,
]
_CENTERED = {IncidentColumn.PRIORITY, IncidentColumn.AGE, IncidentColumn.SLA}
_SORT_ROLE = int(IncidentRoles.SORT)
_FLASHING_ROLE = int(IncidentRoles.FLASHING)
_FIRST_CUSTOM_ROLE = int(IncidentRoles.KEY)
_COLUMN_COUNT = len(IncidentColumn)


class IncidentTableModel(QAbstractTableModel):
    """One row per incident in the store, in arrival order (sort with the proxy); the
    first fill of an empty model in triage order.

    Subscribes to ``store`` at once; :meth:`close` (or destroying the model) unsubscribes
    and stops the timers. ``clock`` gives wall-clock seconds (inject a fake in tests).
    Incidents present when the model is built, or arriving in the first change set that
    adds any (the cached picture or first snapshot), are the initial load: only a new
    priority-1 incident arriving after it flashes and emits :attr:`priorityOneArrived`.
    """

    priorityOneArrived = Signal(str)  # noqa: N815 (Qt signal)
    #: the clock moved: these columns (list of ints) show new text for these roles
    clockTicked = Signal(object, object)  # noqa: N815 (Qt signal)

    def __init__(
        self,
        store: SituationStore,
        *,
        clock: Callable[[], float] = time.time,
        ticker: Ticker | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._clock = clock
        self._keys: list[str] = []
        self._rows: dict[str, int] = {}
        self._units_of: dict[str, tuple[str, ...]] = {}
        self._unit_refs: dict[str, set[str]] = {}  # unit id -> incidents listing it
        self._callsigns: dict[str, str | None] = {}
        #: each row's triage key (the proxy compares them on every insert and sort)
        self._sort_keys: dict[str, Any] = {}
        self._closed: set[str] = set()
        self._flashes: dict[str, tuple[float, float]] = {}  # id -> (started, until)
        self._layer_stale = store.layer_stale("incidents", clock())
        self._loaded = bool(store.incidents)
        for key in sorted(store.incidents):
            self._track(key)
        self._tick_timer = TickSubscription(
            self, clock, ticker, self.refresh_clock_columns, interval_ms=TICK_INTERVAL_MS
        )
        self._tick_timer.start()
        self._flash_timer = QTimer(self)
        self._flash_timer.setInterval(FLASH_INTERVAL_MS)
        self._flash_timer.timeout.connect(self.update_flashes)
        unsubscribe = store.subscribe(self._on_changes)
        self._unsubscribe: Callable[[], None] | None = unsubscribe
        self.destroyed.connect(lambda *_: unsubscribe())

    # ------------------------------------------------------------------ lifecycle
    @property
    def store(self) -> SituationStore:
        return self._store

    def close(self) -> None:
        """Stop listening to the store and stop the timers (idempotent)."""
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        self._tick_timer.stop()
        self._flash_timer.stop()

    # ------------------------------------------------------------------ lookups
    def key_at(self, row: int) -> str | None:
        return self._keys[row] if 0 <= row < len(self._keys) else None

    def row_of(self, key: str) -> int | None:
        return self._rows.get(key)

    @property
    def open_count(self) -> int:
        """Incidents that are not closed."""
        return len(self._keys) - len(self._closed)

    def mark_loaded(self) -> None:
        """Declare the initial load over: from now on every added new P1 incident flashes."""
        self._loaded = True

    def is_flashing(self, key: str) -> bool:
        return key in self._flashes

    @property
    def flash_timer_active(self) -> bool:
        return self._flash_timer.isActive()

    @property
    def tick_timer_active(self) -> bool:
        return self._tick_timer.isActive()

    # ------------------------------------------------------------------ Qt model API
    def rowCount(self, parent: AnyIndex | None = None) -> int:  # noqa: N802 (Qt override)
        return 0 if parent is not None and parent.isValid() else len(self._keys)

    def columnCount(self, parent: AnyIndex | None = None) -> int:  # noqa: N802 (Qt override)
        return 0 if parent is not None and parent.isValid() else _COLUMN_COUNT

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def headerData(  # noqa: N802 (Qt override)
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(IncidentColumn):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return headers()[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._keys):
            return None
        key = self._keys[index.row()]
        incident = self._store.incidents.get(key)
        if incident is None:
            return None
        if role == _SORT_ROLE:  # first: the proxy's sort asks for it n·log n times
            return self._sort_keys[key]
        if role >= _FIRST_CUSTOM_ROLE:  # (the same for every column: no column looked up)
            return key in self._flashes if role == _FLASHING_ROLE else role_value(incident, role)
        column = IncidentColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return display_text(incident, column, self._store, self._clock())
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(incident, column)
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._background(incident, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(
                incident, column, self._store, self._clock(), stale=self._stale(incident)
            )
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = (
                Qt.AlignmentFlag.AlignHCenter if column in _CENTERED else Qt.AlignmentFlag.AlignLeft
            )
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        return None

    # ------------------------------------------------------------------ roles
    def _stale(self, incident: Incident) -> bool:
        return self._store.is_stale("incidents", incident.id, self._clock())

    def _pulse_on(self, key: str) -> bool:
        flash = self._flashes.get(key)
        if flash is None:
            return False
        return int((self._clock() - flash[0]) * 1000 // FLASH_INTERVAL_MS) % 2 == 0

    def _cell_color(self, incident: Incident, column: IncidentColumn) -> str | None:
        color = state_color(incident, column, self._store, self._clock())
        if color is None and self._pulse_on(incident.id):
            return FLASH_COLOR
        return color

    def _foreground(self, incident: Incident, column: IncidentColumn) -> QColor | None:
        if self._stale(incident):
            return QColor(STALE_TEXT)
        cell = self._cell_color(incident, column)
        if cell is not None:
            return readable_on(cell)
        if column == IncidentColumn.STATUS:
            status_color = INCIDENT_STATUS_COLORS.get(incident.status)
            return None if status_color is None else QColor(status_color)
        return None

    def _background(self, incident: Incident, column: IncidentColumn) -> QColor | None:
        cell = self._cell_color(incident, column)
        if cell is None:
            return None
        background = QColor(cell)
        if self._stale(incident):
            background.setAlpha(_STALE_ALPHA)
        return background

    # ------------------------------------------------------------------ store changes
    def _on_changes(self, changes: ChangeSet) -> None:
        added = changes.added["incidents"]
        if changes.removed["incidents"]:
            self._remove_rows(changes.removed["incidents"])
        if added:
            self._insert_rows(sorted(added))
        if changes.changed["incidents"]:
            self._change_rows(changes.changed["incidents"])
        units = changes.touched("units")
        if units:
            self._refresh_callsigns(units)
        self._check_layer_stale()
        if added:
            if self._loaded:
                self._flash_new_priority_one(added)
            self._loaded = True

    def _track(self, key: str) -> None:
        self._rows[key] = len(self._keys)
        self._keys.append(key)
        self._note_incident(key)

    def _note_incident(self, key: str) -> None:
        incident = self._store.incidents[key]
        self._sort_keys[key] = role_value(incident, IncidentRoles.SORT)
        if incident.status == "closed":
            self._closed.add(key)
        else:
            self._closed.discard(key)
        units = tuple(incident.units)
        old = self._units_of.get(key, ())
        if units == old:
            return
        for unit_id in set(old) - set(units):
            self._drop_unit_ref(unit_id, key)
        for unit_id in units:
            if unit_id not in self._unit_refs:
                self._unit_refs[unit_id] = set()
                unit = self._store.units.get(unit_id)
                self._callsigns[unit_id] = None if unit is None else unit.callsign
            self._unit_refs[unit_id].add(key)
        self._units_of[key] = units

    def _drop_unit_ref(self, unit_id: str, key: str) -> None:
        refs = self._unit_refs.get(unit_id)
        if refs is None:
            return
        refs.discard(key)
        if not refs:
            del self._unit_refs[unit_id]
            self._callsigns.pop(unit_id, None)

    def _forget(self, key: str) -> None:
        self._sort_keys.pop(key, None)
        self._closed.discard(key)
        self._flashes.pop(key, None)
        for unit_id in self._units_of.pop(key, ()):
            self._drop_unit_ref(unit_id, key)

    def _insert_rows(self, keys: list[str]) -> None:
        keys = [key for key in keys if key not in self._rows and key in self._store.incidents]
        if not keys:
            return
        if not self._keys:  # the first fill (the cached picture): one reset, one sort
            self.beginResetModel()
            for key in keys:
                self._track(key)
            # in triage order already: the proxy's sort then compares far fewer rows
            self._keys.sort(key=self._sort_keys.__getitem__)
            self._rows = {key: row for row, key in enumerate(self._keys)}
            self.endResetModel()
            return
        first = len(self._keys)
        self.beginInsertRows(QModelIndex(), first, first + len(keys) - 1)
        for key in keys:
            self._track(key)
        self.endInsertRows()

    def _remove_rows(self, keys: Iterable[str]) -> None:
        rows = [row for key in keys if (row := self._rows.get(key)) is not None]
        for first, last in reversed(contiguous_runs(rows)):
            self.beginRemoveRows(QModelIndex(), first, last)
            for key in self._keys[first : last + 1]:
                del self._rows[key]
                self._forget(key)
            del self._keys[first : last + 1]
            for row in range(first, len(self._keys)):
                self._rows[self._keys[row]] = row
            self.endRemoveRows()

    def _change_rows(self, keys: Iterable[str]) -> None:
        rows = []
        for key in keys:
            row = self._rows.get(key)
            if row is not None and key in self._store.incidents:
                self._note_incident(key)
                rows.append(row)
        self._emit_rows(rows, 0, len(IncidentColumn) - 1, [])

    def _emit_rows(self, rows: Iterable[int], left: int, right: int, roles: list[int]) -> None:
        for first, last in contiguous_runs(rows):
            self.dataChanged.emit(self.index(first, left), self.index(last, right), roles)

    def _refresh_callsigns(self, unit_ids: set[str]) -> None:
        rows: list[int] = []
        units = self._store.units
        for unit_id in unit_ids & self._unit_refs.keys():
            unit = units.get(unit_id)
            callsign = None if unit is None else unit.callsign
            if callsign != self._callsigns.get(unit_id):
                self._callsigns[unit_id] = callsign
                rows.extend(self._rows[key] for key in self._unit_refs[unit_id])
        self._emit_rows(rows, IncidentColumn.UNITS, IncidentColumn.UNITS, [])

    def _check_layer_stale(self) -> None:
        stale = self._store.layer_stale("incidents", self._clock())
        if stale == self._layer_stale:
            return
        self._layer_stale = stale
        if self._keys:
            self._emit_rows(
                range(len(self._keys)),
                0,
                len(IncidentColumn) - 1,
                [*_LOOK_ROLES, Qt.ItemDataRole.ToolTipRole],
            )

    # ------------------------------------------------------------------ time
    def refresh_clock_columns(self) -> None:
        """The 1 Hz tick: age and SLA cells change (and the layer may have gone stale)."""
        self._check_layer_stale()
        if not self._keys:
            return
        # Not dataChanged: a filter proxy would re-run its (Python) filter on every row for
        # text that only the clock changed — 40 ms a tick at 2,000 incidents. Proxies and
        # views repaint these columns from this signal instead (IncidentFilterProxy does).
        self.clockTicked.emit([int(IncidentColumn.AGE), int(IncidentColumn.SLA)], _CLOCK_ROLES)

    def _flash_new_priority_one(self, keys: Iterable[str]) -> None:
        now = self._clock()
        arrived = []
        for key in sorted(keys):
            incident = self._store.incidents.get(key)
            if incident is not None and incident.priority == 1 and incident.status == "new":
                self._flashes[key] = (now, now + FLASH_DURATION_S)
                arrived.append(key)
        if not arrived:
            return
        self._emit_rows(
            (self._rows[key] for key in arrived), 0, len(IncidentColumn) - 1, _LOOK_ROLES
        )
        if not self._flash_timer.isActive():
            self._flash_timer.start()
        for key in arrived:
            self.priorityOneArrived.emit(key)

    def update_flashes(self) -> None:
        """The flash timer: pulse flashing rows, end the flashes that are over."""
        now = self._clock()
        rows = [self._rows[key] for key in self._flashes if key in self._rows]
        for key in [key for key, (_, until) in self._flashes.items() if now >= until]:
            del self._flashes[key]
        self._emit_rows(rows, 0, len(IncidentColumn) - 1, _LOOK_ROLES)
        if not self._flashes:
            self._flash_timer.stop()
