"""The alert feed table: an incremental adapter over the situation store's alerts.

Newest first: alerts are kept in arrival order (sorted by first post within an update)
and shown reversed, so new alerts are ``rowsInserted`` at the top in one block —
O(new alerts), never a reset. Changed alerts are ``dataChanged`` for their rows only;
removed ones ``rowsRemoved``. The state column follows the operator's acknowledge and
link commands from the outbox to the server's answer.

Coalesced: the store's change sets are merged and applied to the table 100 ms after
the first of them, and at most once every ``interval_ms`` (a second by default): a lone
alert in a quiet city shows at once, while at 200 alerts a second the newest-first
table shifts, and repaints, once a second rather than at every apply. :meth:`flush`
applies what is pending at once (selection does, so does a test). What a row shows is
rendered once per alert version and kept, so a repaint costs a lookup per cell.
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
)
from PySide6.QtGui import QColor, QFont

from console.state import ChangeSet, CommandRecord, SituationStore
from services.protocol.entities import Alert
from widgets.common.style import SEVERITY_COLORS, STALE_TEXT, TEXT_DIM, readable_on
from widgets.opinion.cells import (
    AlertColumn,
    AlertRoles,
    display_text,
    headers,
    role_value,
    tooltip,
)

AnyIndex = QModelIndex | QPersistentModelIndex

#: The commands whose progress the state column shows.
ALERT_COMMANDS = ("alert.acknowledge", "alert.link_incident")
#: how long the first change waits for others to join it
GATHER_MS = 100
COLUMNS = len(AlertColumn)
_NEGATIVE = "#ff8787"
_POSITIVE = "#8ce99a"
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_FONT = int(Qt.ItemDataRole.FontRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_CUSTOM = frozenset(int(role) for role in AlertRoles)
_HANDLED = frozenset({_DISPLAY, _BACKGROUND, _FOREGROUND, _FONT, _TOOLTIP, _ALIGNMENT}) | _CUSTOM
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_ALIGNMENTS = tuple(
    _RIGHT if column in (AlertColumn.VOLUME, AlertColumn.SENTIMENT) else _LEFT
    for column in AlertColumn
)


class _Row:
    """What one alert version shows: texts and colours per column."""

    __slots__ = ("alert", "background", "command", "font", "foreground", "texts")

    def __init__(self, alert: Alert, command: CommandRecord | None, bold: QFont) -> None:
        self.alert = alert
        self.command = command
        self.texts = tuple(display_text(alert, column, command) for column in AlertColumn)
        severity = SEVERITY_COLORS.get(alert.severity, TEXT_DIM)
        self.background = QColor(severity)
        plain: QColor | None = None
        sentiment: QColor | None = None
        if alert.acknowledged:
            plain = sentiment = QColor(STALE_TEXT)
        elif alert.sentiment <= -0.3:
            sentiment = QColor(_NEGATIVE)
        elif alert.sentiment >= 0.3:
            sentiment = QColor(_POSITIVE)
        self.foreground = tuple(
            readable_on(severity)
            if column == AlertColumn.SEVERITY
            else sentiment
            if column == AlertColumn.SENTIMENT
            else plain
            for column in AlertColumn
        )
        self.font = bold if alert.severity == "critical" and not alert.acknowledged else None


class AlertTableModel(QAbstractTableModel):
    """One row per alert in the store, newest first.

    Subscribes to ``store`` at once; :meth:`close` (or destroying the model) unsubscribes.
    ``interval_ms`` 0 applies every change set at once (no coalescing).
    """

    def __init__(
        self,
        store: SituationStore,
        *,
        interval_ms: int = 1000,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._keys: list[str] = []  # arrival order; row r shows _keys[-1 - r]
        self._index: dict[str, int] = {}
        self._commands: dict[str, str] = {}  # alert id -> its latest acknowledge/link command
        self._rows: dict[str, _Row] = {}  # rendered rows, per alert version
        self._bold = QFont()
        self._bold.setBold(True)
        self._pending: ChangeSet | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._interval_s = interval_ms / 1000.0
        self._last_flush = time.monotonic() - self._interval_s
        self._timer.timeout.connect(self.flush)
        self._append(_arrival_order(store.alerts.values()))
        unsubscribe = store.subscribe(self._on_changes)
        self._unsubscribe: Callable[[], None] | None = unsubscribe
        self.destroyed.connect(lambda *_: unsubscribe())

    def close(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        self._timer.stop()

    # ------------------------------------------------------------------ lookups
    @property
    def store(self) -> SituationStore:
        return self._store

    def key_at(self, row: int) -> str | None:
        count = len(self._keys)
        return self._keys[count - 1 - row] if 0 <= row < count else None

    def row_of(self, key: str) -> int | None:
        index = self._index.get(key)
        return None if index is None else len(self._keys) - 1 - index

    def command_for(self, key: str) -> CommandRecord | None:
        command_id = self._commands.get(key)
        return None if command_id is None else self._store.command(command_id)

    @property
    def pending(self) -> bool:
        """Store changes not applied to the table yet (see :meth:`flush`)."""
        return self._pending is not None

    # ------------------------------------------------------------------ Qt model API
    def rowCount(self, parent: AnyIndex | None = None) -> int:  # noqa: N802 (Qt override)
        return 0 if parent is not None and parent.isValid() else len(self._keys)

    def columnCount(self, parent: AnyIndex | None = None) -> int:  # noqa: N802 (Qt override)
        return 0 if parent is not None and parent.isValid() else COLUMNS

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def headerData(  # noqa: N802 (Qt override)
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < COLUMNS:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return headers()[section]
        return None

    def data(self, index: AnyIndex, role: int = _DISPLAY) -> Any:
        if role not in _HANDLED:
            return None  # the many roles a view asks for and we leave to the style
        key = self.key_at(index.row())
        if key is None:
            return None
        if role in _CUSTOM:  # the filter's questions: no need to render the row
            alert = self._store.alerts.get(key)
            return None if alert is None else role_value(alert, role)
        row = self._row(key)
        if row is None:
            return None
        column = index.column()
        if role == _DISPLAY:
            return row.texts[column]
        if role == _FOREGROUND:
            return row.foreground[column]
        if role == _BACKGROUND:
            return row.background if column == AlertColumn.SEVERITY else None
        if role == _FONT:
            return row.font
        if role == _ALIGNMENT:
            return _ALIGNMENTS[column]
        return tooltip(row.alert, row.command)  # the tooltip: the last role handled

    def _row(self, key: str) -> _Row | None:
        alert = self._store.alerts.get(key)
        if alert is None:
            return None
        row = self._rows.get(key)
        command = self.command_for(key) if key in self._commands else None
        if row is None or row.alert is not alert or row.command is not command:
            row = self._rows[key] = _Row(alert, command, self._bold)
        return row

    # ------------------------------------------------------------------ store changes
    def _on_changes(self, changes: ChangeSet) -> None:
        relevant = (
            changes.added["alerts"]
            or changes.changed["alerts"]
            or changes.removed["alerts"]
            or changes.commands
        )
        if not relevant:
            return
        if self._pending is None:
            self._pending = ChangeSet()
        self._pending.merge(changes)
        if self._interval_s <= 0:
            self.flush()
        elif not self._timer.isActive():
            due = self._last_flush + self._interval_s - time.monotonic()
            self._timer.start(max(GATHER_MS, int(due * 1000) + 1))

    def flush(self) -> None:
        """Apply the store's pending changes to the table now."""
        self._timer.stop()
        changes, self._pending = self._pending, None
        if changes is None:
            return
        self._last_flush = time.monotonic()
        if changes.removed["alerts"]:
            self._remove(changes.removed["alerts"])
        added = changes.added["alerts"]
        if added:
            alerts = self._store.alerts
            fresh = [alerts[k] for k in added if k not in self._index and k in alerts]
            self._append(_arrival_order(fresh))
        rows = [row for key in changes.changed["alerts"] if (row := self.row_of(key)) is not None]
        if changes.commands:
            rows += self._note_commands(changes.commands)
        self._emit_rows(rows)

    def _append(self, alerts: list[Alert]) -> None:
        if not alerts:
            return
        self.beginInsertRows(QModelIndex(), 0, len(alerts) - 1)
        for alert in alerts:
            self._index[alert.id] = len(self._keys)
            self._keys.append(alert.id)
        self.endInsertRows()

    def _remove(self, keys: Iterable[str]) -> None:
        positions = [i for key in keys if (i := self._index.get(key)) is not None]
        if not positions:
            return
        count = len(self._keys)
        for first, last in reversed(_ranges(positions)):
            # internal positions first..last are rows count-1-last .. count-1-first
            self.beginRemoveRows(QModelIndex(), count - 1 - last, count - 1 - first)
            for key in self._keys[first : last + 1]:
                del self._index[key]
                self._commands.pop(key, None)
                self._rows.pop(key, None)
            del self._keys[first : last + 1]
            self.endRemoveRows()
            count = len(self._keys)
        for position in range(min(positions), len(self._keys)):
            self._index[self._keys[position]] = position

    def _note_commands(self, command_ids: Iterable[str]) -> list[int]:
        """Rows whose alert has a new command state; each row follows its newest command."""
        affected = set()
        for command_id in command_ids:
            record = self._store.command(command_id)
            if record is not None and record.kind in ALERT_COMMANDS and record.data:
                affected.add(str(record.data.get("alert", "")))
        affected &= self._index.keys()
        rows = [row for key in affected if (row := self.row_of(key)) is not None]
        for record in self._store.commands():  # newest first (a capped history)
            if not affected:
                break
            alert_id = str((record.data or {}).get("alert", ""))
            if record.kind in ALERT_COMMANDS and alert_id in affected:
                self._commands[alert_id] = record.command_id
                affected.discard(alert_id)
        return rows

    def _emit_rows(self, rows: Iterable[int]) -> None:
        for first, last in _ranges(rows):
            self.dataChanged.emit(self.index(first, 0), self.index(last, COLUMNS - 1), [])


def _ranges(rows: Iterable[int]) -> list[tuple[int, int]]:
    """Sorted contiguous ``(first, last)`` ranges of ``rows``."""
    found: list[tuple[int, int]] = []
    for row in sorted(set(rows)):
        if found and found[-1][1] == row - 1:
            found[-1] = (found[-1][0], row)
        else:
            found.append((row, row))
    return found


def _arrival_order(alerts: Iterable[Alert]) -> list[Alert]:
    """Oldest first post first (the newest ends on top)."""
    return sorted(alerts, key=lambda a: (a.ts, a.id))
