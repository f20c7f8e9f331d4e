"""Columns, roles and cell contents of the alert feed."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QCoreApplication, Qt

from console.state import CommandRecord
from console.state.text import fold_for_search
from console.state.timestamps import ts_seconds
from services.protocol.entities import Alert
from widgets.common import format as fmt
from widgets.common.text import escaped_tooltip
from widgets.opinion import labels


class AlertColumn(IntEnum):
    TIME = 0
    SEVERITY = 1
    PLATFORM = 2
    TOPIC = 3
    DISTRICT = 4
    VOLUME = 5
    SENTIMENT = 6
    STATE = 7
    EXCERPT = 8


class AlertRoles(IntEnum):
    """Custom data roles, the same for every column."""

    KEY = Qt.ItemDataRole.UserRole + 1  # alert id
    SEVERITY_RANK = KEY + 1  # 0 info … 3 critical
    PLATFORM = KEY + 2
    TOPIC = KEY + 3
    DISTRICT = KEY + 4
    SEARCH = KEY + 5  # folded id, topic, excerpt, district, platform
    ACKNOWLEDGED = KEY + 6


def headers() -> list[str]:
    return [
        QCoreApplication.translate("AlertTableModel", "Time"),
        QCoreApplication.translate("AlertTableModel", "Severity"),
        QCoreApplication.translate("AlertTableModel", "Platform"),
        QCoreApplication.translate("AlertTableModel", "Topic"),
        QCoreApplication.translate("AlertTableModel", "District"),
        QCoreApplication.translate("AlertTableModel", "Posts/10 min"),
        QCoreApplication.translate("AlertTableModel", "Sentiment"),
        QCoreApplication.translate("AlertTableModel", "State"),
        QCoreApplication.translate("AlertTableModel", "Excerpt"),
    ]


def severity_rank(name: str) -> int:
    return labels.SEVERITY_ORDER.index(name) if name in labels.SEVERITY_ORDER else 0


def search_text(alert: Alert) -> str:
    return fold_for_search(
        " ".join(
            (alert.id, alert.topic, alert.excerpt, alert.district, alert.platform,
             labels.platform(alert.platform))
        )
    )  # fmt: skip


def state_text(alert: Alert, command: CommandRecord | None) -> str:
    """Acknowledged / linked, and the operator's command on the way or refused."""
    parts = []
    if command is not None and not command.answered:  # on its way (outbox, wire)
        if command.kind == "alert.acknowledge":
            parts.append(QCoreApplication.translate("AlertTableModel", "acknowledging…"))
        else:
            target = (command.data or {}).get("incident", "")
            parts.append(
                QCoreApplication.translate("AlertTableModel", "linking to {0}…").format(target)
            )
    elif command is not None and command.state == "refused":
        parts.append(
            QCoreApplication.translate("AlertTableModel", "refused: {0}").format(
                command.error_message or command.error_code or ""
            )
        )
    if alert.incident:
        parts.append(QCoreApplication.translate("AlertTableModel", "→ {0}").format(alert.incident))
    if alert.acknowledged:
        parts.append(QCoreApplication.translate("AlertTableModel", "acknowledged"))
    return " · ".join(parts)


def display_text(alert: Alert, column: AlertColumn, command: CommandRecord | None) -> str:
    if column == AlertColumn.TIME:
        seconds = ts_seconds(alert.ts)
        return alert.ts if seconds is None else fmt.local_time(seconds)
    if column == AlertColumn.SEVERITY:
        return labels.severity(alert.severity)
    if column == AlertColumn.PLATFORM:
        return labels.platform(alert.platform)
    if column == AlertColumn.TOPIC:
        return alert.topic
    if column == AlertColumn.DISTRICT:
        return alert.district or "—"
    if column == AlertColumn.VOLUME:
        return str(alert.volume)
    if column == AlertColumn.SENTIMENT:
        return f"{alert.sentiment:+.2f}"
    if column == AlertColumn.STATE:
        return state_text(alert, command)
    return alert.excerpt


def tooltip(alert: Alert, command: CommandRecord | None) -> str:
    """The whole excerpt and topic, escaped: they are untrusted text."""
    state = state_text(alert, command)
    return escaped_tooltip(alert.topic, alert.excerpt, state)


def role_value(alert: Alert, role: int) -> object:
    if role == AlertRoles.KEY:
        return alert.id
    if role == AlertRoles.SEVERITY_RANK:
        return severity_rank(alert.severity)
    if role == AlertRoles.PLATFORM:
        return alert.platform
    if role == AlertRoles.TOPIC:
        return alert.topic
    if role == AlertRoles.DISTRICT:
        return alert.district
    if role == AlertRoles.SEARCH:
        return search_text(alert)
    if role == AlertRoles.ACKNOWLEDGED:
        return alert.acknowledged
    return None
