"""What one incident-table cell shows: text, colours and tooltips, from the store at ``now``."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from console.state import SituationStore
from console.state.sla import SlaClock
from console.state.timestamps import ts_seconds
from services.protocol.entities import Incident
from widgets.common import format as fmt
from widgets.common import labels
from widgets.common.style import PRIORITY_COLORS, SLA_COLORS
from widgets.common.text import escaped_tooltip
from widgets.incidents.roles import IncidentColumn, IncidentRoles

_CONTEXT = "IncidentTableModel"


def headers() -> tuple[str, ...]:
    """The column titles, in :class:`IncidentColumn` order."""
    titles = {
        IncidentColumn.PRIORITY: QCoreApplication.translate("IncidentTableModel", "Pri"),
        IncidentColumn.ID: QCoreApplication.translate("IncidentTableModel", "ID"),
        IncidentColumn.SLA: QCoreApplication.translate("IncidentTableModel", "SLA"),
        IncidentColumn.UNITS: QCoreApplication.translate("IncidentTableModel", "Units"),
        IncidentColumn.STATUS: QCoreApplication.translate("IncidentTableModel", "Status"),
        IncidentColumn.CATEGORY: QCoreApplication.translate("IncidentTableModel", "Category"),
        IncidentColumn.AGE: QCoreApplication.translate("IncidentTableModel", "Age"),
        IncidentColumn.DISTRICT: QCoreApplication.translate("IncidentTableModel", "District"),
        IncidentColumn.ADDRESS: QCoreApplication.translate("IncidentTableModel", "Address"),
    }
    return tuple(titles[column] for column in IncidentColumn)


def clock_text(seconds: float) -> str:
    """A stopwatch reading: ``0:42``, ``12:05``, ``1:05:00``; ``-0:10`` once past."""
    sign = "-" if seconds < 0 else ""
    total = int(abs(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{sign}{hours}:{minutes:02d}:{secs:02d}"
    return f"{sign}{minutes}:{secs:02d}"


def sla_text(sla: SlaClock | None) -> str:
    """Which clock runs, the time left on it and its target: ``dispatch 0:42 / 1:00``,
    ``on scene 3:10 / 8:00``; ``—`` once met (the clock never switches silently)."""
    if sla is None or sla.state == "done" or sla.remaining_s is None or sla.target_s is None:
        return "—"
    if sla.phase == "dispatch":
        template = QCoreApplication.translate("IncidentTableModel", "dispatch {0} / {1}")
    else:
        template = QCoreApplication.translate("IncidentTableModel", "on scene {0} / {1}")
    return template.format(clock_text(sla.remaining_s), clock_text(sla.target_s))


def display_text(
    incident: Incident, column: IncidentColumn, store: SituationStore, now: float
) -> str:
    if column == IncidentColumn.ID:
        return incident.id
    if column == IncidentColumn.PRIORITY:
        return labels.priority(incident.priority)
    if column == IncidentColumn.CATEGORY:
        return labels.category(incident.category)
    if column == IncidentColumn.STATUS:
        return labels.incident_status(incident.status)
    if column == IncidentColumn.DISTRICT:
        return incident.district
    if column == IncidentColumn.ADDRESS:
        return incident.address
    if column == IncidentColumn.AGE:
        reported = ts_seconds(incident.reported_at)
        return fmt.age(None if reported is None else now - reported)
    if column == IncidentColumn.UNITS:
        units = store.units
        return ", ".join(
            unit.callsign if (unit := units.get(unit_id)) is not None else unit_id
            for unit_id in incident.units
        )
    return sla_text(store.sla(incident.id, now))


def role_value(incident: Incident, role: int) -> Any:
    """The value of a custom role (:class:`IncidentRoles`, except ``FLASHING``)."""
    if role == IncidentRoles.KEY:
        return incident.id
    if role == IncidentRoles.SORT:
        reported = ts_seconds(incident.reported_at)
        return (incident.priority, float("inf") if reported is None else reported, incident.id)
    if role == IncidentRoles.STATUS:
        return incident.status
    if role == IncidentRoles.DISTRICT:
        return incident.district
    if role == IncidentRoles.CATEGORY:
        return incident.category
    if role == IncidentRoles.PRIORITY:
        return incident.priority
    if role == IncidentRoles.SEARCH:
        parts = (incident.id, incident.summary, incident.summary_en or "", incident.address)
        return "\n".join(parts).casefold()
    return None


def state_color(
    incident: Incident, column: IncidentColumn, store: SituationStore, now: float
) -> str | None:
    """The background of the priority and SLA cells (``None`` for the other cells)."""
    if column == IncidentColumn.PRIORITY:
        return PRIORITY_COLORS.get(incident.priority)
    if column == IncidentColumn.SLA:
        sla = store.sla(incident.id, now)
        return None if sla is None or sla.state == "done" else SLA_COLORS.get(sla.state)
    return None


def tooltip(
    incident: Incident, column: IncidentColumn, store: SituationStore, now: float, *, stale: bool
) -> str:
    if column == IncidentColumn.SLA:
        sla = store.sla(incident.id, now)
        if sla is None or sla.target_s is None:
            return QCoreApplication.translate("IncidentTableModel", "SLA: met or no longer running")
        if sla.phase == "dispatch":
            template = QCoreApplication.translate(
                "IncidentTableModel",
                "Dispatch clock (from the report to a unit dispatched): "
                "target {0}, remaining {1} — {2}",
            )
        else:
            template = QCoreApplication.translate(
                "IncidentTableModel",
                "On-scene clock (from the report to a unit on scene): "
                "target {0}, remaining {1} — {2}",
            )
        return template.format(
            fmt.age(sla.target_s), fmt.countdown(sla.remaining_s), labels.sla_state(sla.state)
        )
    address = incident.address if column == IncidentColumn.ADDRESS else ""
    summary_en = incident.summary_en if incident.summary_en != incident.summary else None
    warning = (
        QCoreApplication.translate(
            "IncidentTableModel", "The incident feed is stale: this may be old."
        )
        if stale
        else ""
    )
    return escaped_tooltip(address, incident.summary, summary_en or "", warning)
