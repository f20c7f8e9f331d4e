"""What each cell of the unit table says and how it looks, from a unit and the store."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from console.state import SituationStore, hours_on_duty
from console.state.timestamps import ts_seconds
from services.protocol.entities import Unit
from widgets.common import format as fmt
from widgets.common import labels
from widgets.common.style import STALE_TEXT, UNIT_STATUS_COLORS, WARNING, readable_on


class UnitColumn(IntEnum):
    CALLSIGN = 0
    ID = 1
    KIND = 2
    STATION = 3
    STATUS = 4
    INCIDENT = 5
    TIME_IN_STATUS = 6
    HOURS_ON_DUTY = 7
    LAST_FIX = 8
    STATUS_REASON = 9


#: Columns whose text changes with the clock alone (adjacent: one ``dataChanged`` a tick).
TIME_COLUMNS: tuple[UnitColumn, ...] = (
    UnitColumn.TIME_IN_STATUS,
    UnitColumn.HOURS_ON_DUTY,
    UnitColumn.LAST_FIX,
)


def headers() -> dict[UnitColumn, str]:
    return {
        UnitColumn.CALLSIGN: QCoreApplication.translate("UnitTableModel", "Callsign"),
        UnitColumn.ID: QCoreApplication.translate("UnitTableModel", "Unit"),
        UnitColumn.KIND: QCoreApplication.translate("UnitTableModel", "Kind"),
        UnitColumn.STATION: QCoreApplication.translate("UnitTableModel", "Station"),
        UnitColumn.STATUS: QCoreApplication.translate("UnitTableModel", "Status"),
        UnitColumn.INCIDENT: QCoreApplication.translate("UnitTableModel", "Incident"),
        UnitColumn.TIME_IN_STATUS: QCoreApplication.translate("UnitTableModel", "In status"),
        UnitColumn.HOURS_ON_DUTY: QCoreApplication.translate("UnitTableModel", "On duty"),
        UnitColumn.LAST_FIX: QCoreApplication.translate("UnitTableModel", "Last fix"),
        UnitColumn.STATUS_REASON: QCoreApplication.translate("UnitTableModel", "Reason"),
    }


def station_district(station: str) -> str:
    """The district part of a station id such as ``S-GS-1`` (``GS``); else the id itself."""
    parts = station.split("-")
    return parts[1] if len(parts) == 3 and parts[0] == "S" and parts[1] else station


def status_since(unit: Unit, seen_change_at: float | None) -> float | None:
    """When ``unit`` entered its status: ``dispatched_at`` for a dispatched unit, else the
    moment the model saw the status change (``None`` before it has seen one)."""
    if unit.status == "dispatched" and unit.dispatched_at is not None:
        return ts_seconds(unit.dispatched_at)
    return seen_change_at


class UnitCells:
    """Cell texts and colours of one unit at ``now``."""

    def __init__(self, store: SituationStore, unit: Unit, now: float) -> None:
        self.store = store
        self.unit = unit
        self.now = now

    def fatigued(self) -> bool:
        return self.store.fatigued(self.unit.id, self.now)

    def display(self, column: UnitColumn, since: float | None) -> str:
        unit = self.unit
        texts = {
            UnitColumn.CALLSIGN: unit.callsign,
            UnitColumn.ID: unit.id,
            UnitColumn.KIND: labels.unit_kind(unit.kind),
            UnitColumn.STATION: unit.station,
            UnitColumn.STATUS: labels.unit_status(unit.status),
            UnitColumn.INCIDENT: unit.incident or "—",
            UnitColumn.STATUS_REASON: unit.status_reason or "",
        }
        if column in texts:
            return texts[column]
        if column == UnitColumn.TIME_IN_STATUS:
            return fmt.age(None if since is None else self.now - since)
        view = self.store.unit_view(unit.id)
        if column == UnitColumn.HOURS_ON_DUTY:
            hours = None if view is None else hours_on_duty(view, self.now)
            if hours is None:
                return "—"
            text = QCoreApplication.translate("UnitTableModel", "{0} h").format(f"{hours:.1f}")
            return f"{text} ⚠" if self.fatigued() else text
        return fmt.age(None if view is None else view.fix_age(self.now))

    def foreground(self, column: UnitColumn, stale: bool) -> QColor | None:
        if column == UnitColumn.STATUS:
            return readable_on(UNIT_STATUS_COLORS.get(self.unit.status, STALE_TEXT))
        if stale:
            return QColor(STALE_TEXT)
        if column == UnitColumn.HOURS_ON_DUTY and self.fatigued():
            return QColor(WARNING)
        if column == UnitColumn.LAST_FIX:
            view = self.store.unit_view(self.unit.id)
            if view is not None and view.fix_stale(self.now):
                return QColor(STALE_TEXT)
        return None

    def background(self, column: UnitColumn) -> QColor | None:
        if column == UnitColumn.STATUS:
            return QColor(UNIT_STATUS_COLORS.get(self.unit.status, STALE_TEXT))
        return None

    def tooltip(self, column: UnitColumn, stale: bool, since: float | None) -> str | None:
        if stale and column != UnitColumn.LAST_FIX:
            return QCoreApplication.translate(
                "UnitTableModel",
                "Data for this unit is stale: its feed or its position fix is old.",
            )
        if column in (UnitColumn.STATUS, UnitColumn.STATUS_REASON) and self.unit.status_reason:
            return QCoreApplication.translate("UnitTableModel", "{0}: {1}").format(
                labels.unit_status(self.unit.status), self.unit.status_reason
            )
        if column == UnitColumn.STATION:
            return QCoreApplication.translate("UnitTableModel", "District {0}").format(
                station_district(self.unit.station)
            )
        if column == UnitColumn.TIME_IN_STATUS:
            if since is None:
                return QCoreApplication.translate(
                    "UnitTableModel",
                    "Not known yet: no status change seen since the console started.",
                )
            return QCoreApplication.translate("UnitTableModel", "In this status since {0}").format(
                fmt.local_time(since)
            )
        if column == UnitColumn.HOURS_ON_DUTY and self.fatigued():
            limit_h = self.store.policy.fatigue_after_s / 3600.0
            return QCoreApplication.translate(
                "UnitTableModel", "Fatigue: on duty longer than {0} h"
            ).format(f"{limit_h:g}")
        if column == UnitColumn.LAST_FIX:
            view = self.store.unit_view(self.unit.id)
            if view is None or view.position is None:
                return QCoreApplication.translate("UnitTableModel", "No position reported")
            if view.fix_stale(self.now):
                return QCoreApplication.translate(
                    "UnitTableModel", "Stale fix at {0}: the unit may be elsewhere"
                ).format(view.position.fix_at)
            return QCoreApplication.translate("UnitTableModel", "Fix at {0}").format(
                view.position.fix_at
            )
        return None
