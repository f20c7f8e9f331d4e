"""The alert feed table: an incremental adapter over the situation store's alerts.

Newest first: alerts are kept in arrival order (sorted by first post within a change
set) and shown reversed, so new alerts are ``rowsInserted`` at the top in one block —
O(new alerts), never a reset. Changed alerts are ``dataChanged`` for their rows only;
removed ones ``rowsRemoved``. The state column follows the operator's acknowledge and
link commands from the outbox to the server's answer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
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
_RIGHT = {AlertColumn.VOLUME, AlertColumn.SENTIMENT}
_NEGATIVE = "#ff8787"
_POSITIVE = "#8ce99a"


class AlertTableModel(QAbstractTableModel):
    """One row per alert in the store, newest first.

    Subscribes to ``store`` at once; :meth:`close` (or destroying the model) unsubscribes.
    """

    def __init__(self, store: SituationStore, *, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._keys: list[str] = []  # arrival order; row r shows _keys[-1 - r]
        self._index: dict[str, int] = {}
        self._commands: dict[str, str] = {}  # alert id -> its latest acknowledge/link command
        self._bold = QFont()
        self._bold.setBold(True)
        self._append(_arrival_order(store.alerts.values()))
        unsubscribe = store.subscribe(self._on_changes)
        self._unsubscribe: Callable[[], None] | None = unsubscribe
        self.destroyed.connect(lambda *_: unsubscribe())

    def close(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None

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

    # ------------------------------------------------------------------ Qt model API
    def rowCount(self, parent: AnyIndex | None = None) -> int:  # noqa: N802 (Qt override)
        return 0 if parent is not None and parent.isValid() else len(self._keys)

    def columnCount(self, parent: AnyIndex | None = None) -> int:  # noqa: N802 (Qt override)
        return 0 if parent is not None and parent.isValid() else len(AlertColumn)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def headerData(  # noqa: N802 (Qt override)
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(AlertColumn):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return headers()[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        key = self.key_at(index.row()) if index.isValid() else None
        alert = None if key is None else self._store.alerts.get(key)
        if alert is None:
            return None
        column = AlertColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return display_text(alert, column, self.command_for(alert.id))
        if role >= AlertRoles.KEY:
            return role_value(alert, role)
        if role == Qt.ItemDataRole.BackgroundRole:
            if column == AlertColumn.SEVERITY:
                return QColor(SEVERITY_COLORS.get(alert.severity, TEXT_DIM))
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(alert, column)
        if role == Qt.ItemDataRole.FontRole:
            critical = alert.severity == "critical" and not alert.acknowledged
            return self._bold if critical else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(alert, self.command_for(alert.id))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = (
                Qt.AlignmentFlag.AlignRight if column in _RIGHT else Qt.AlignmentFlag.AlignLeft
            )
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _foreground(self, alert: Alert, column: AlertColumn) -> QColor | None:
        if column == AlertColumn.SEVERITY:
            return readable_on(SEVERITY_COLORS.get(alert.severity, TEXT_DIM))
        if alert.acknowledged:
            return QColor(STALE_TEXT)
        if column == AlertColumn.SENTIMENT:
            if alert.sentiment <= -0.3:
                return QColor(_NEGATIVE)
            if alert.sentiment >= 0.3:
                return QColor(_POSITIVE)
        return None

    # ------------------------------------------------------------------ store changes
    def _on_changes(self, changes: ChangeSet) -> None:
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
            del self._keys[first : last + 1]
            self.endRemoveRows()
            count = len(self._keys)
        for position in range(min(positions), len(self._keys)):
            self._index[self._keys[position]] = position

    def _note_commands(self, command_ids: Iterable[str]) -> list[int]:
        rows = []
        for command_id in command_ids:
            record = self._store.command(command_id)
            if record is None or record.kind not in ALERT_COMMANDS or not record.data:
                continue
            alert_id = str(record.data.get("alert", ""))
            row = self.row_of(alert_id)
            if row is not None:
                self._commands[alert_id] = command_id
                rows.append(row)
        return rows

    def _emit_rows(self, rows: Iterable[int]) -> None:
        last_column = len(AlertColumn) - 1
        for first, last in _ranges(rows):
            self.dataChanged.emit(self.index(first, 0), self.index(last, last_column), [])


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
