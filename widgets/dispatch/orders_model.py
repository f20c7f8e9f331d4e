"""Rows of the orders panel: orders to the field (joined with their commands) and commands.

An order's stages are *sent* (the dispatch command went on the wire), *accepted* (the
server took it; CAD recorded ``dispatched_at``) and *acknowledged* (the unit's terminal,
or a phone call, confirmed it). The store decides when an order is escalated; these
models only show it, loudly.

The join from an order to its command uses the dispatch command's payload (its
``incident`` and ``units``), which the store keeps with each command it tracks.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QColor, QFont

from console.state import CommandRecord, Order
from console.state.timestamps import ts_seconds
from widgets.common import format as fmt
from widgets.common.style import DANGER, WARNING, readable_on
from widgets.dispatch.rows import KeyedRowsModel

DISPATCH_KIND = "incident.dispatch"


def dispatch_target(record: CommandRecord) -> tuple[str, list[str]] | None:
    """``(incident, [unit ids])`` of a dispatch command, from its payload."""
    data = record.data
    if record.kind != DISPATCH_KIND or data is None:
        return None
    incident, units = data.get("incident"), data.get("units")
    if not isinstance(incident, str) or not isinstance(units, list):
        return None
    return incident, [unit for unit in units if isinstance(unit, str)]


def dispatch_commands(records: Iterable[CommandRecord]) -> dict[tuple[str, str], CommandRecord]:
    """The command behind each ``(incident, unit)`` order: the newest accepted one, else
    the newest at all. ``records`` come newest first, as :meth:`SituationStore.commands`."""
    found: dict[tuple[str, str], CommandRecord] = {}
    for record in records:
        target = dispatch_target(record)
        if target is None:
            continue
        incident, unit_ids = target
        for unit_id in unit_ids:
            key = (incident, unit_id)
            current = found.get(key)
            if current is None or (current.state != "accepted" and record.state == "accepted"):
                found[key] = record
    return found


#: how long a new or changed order stays highlighted, in seconds
HIGHLIGHT_S = 4.0
HIGHLIGHT = "#fff3b0"  # a pale yellow behind a changed row (escalated red wins)


@dataclass(frozen=True, slots=True)
class OrderRow:
    order: Order
    command: CommandRecord | None
    #: the hello ``client`` name of the desk that dispatched it (``None``: the CAD itself)
    dispatched_by: str | None = None

    def milestones(self) -> tuple[object, ...]:
        """What makes an order *changed* (not its growing wait)."""
        order, command = self.order, self.command
        return (
            order.dispatched_at,
            order.ack_at,
            order.ack_via,
            order.incident_id,
            order.escalated,
            None if command is None else command.state,
        )


class OrderColumn(IntEnum):
    UNIT = 0
    INCIDENT = 1
    SENT = 2
    ACCEPTED = 3
    ACKNOWLEDGED = 4
    WAITED = 5
    DISPATCHED_BY = 6


#: how a console says hello: ``console/0.1 ws-12 (duty-commander-3)`` (older: no operator)
CONSOLE_CLIENT = re.compile(r"^console/\S+ (?P<workstation>.+?)(?: \((?P<operator>.*)\))?$")


def dispatched_by_text(row: OrderRow) -> str:
    """Who sent the order: a console's workstation and operator (``console/0.1 ws-12
    (duty-commander-3)`` → ``ws-12 · duty-commander-3``), another client's name as it
    said hello, or "CAD"."""
    name = row.dispatched_by
    if not name:
        return QCoreApplication.translate("OrdersPanel", "CAD")
    console = CONSOLE_CLIENT.match(name)
    if console is None:
        return name
    if console["operator"]:
        return f"{console['workstation']} · {console['operator']}"
    return console["workstation"]


def sent_text(row: OrderRow) -> str:
    command = row.command
    if command is None:
        return "—"
    if command.sent_at is not None:
        return fmt.local_time(command.sent_at)
    if command.state in ("queuing", "queued", "not_queued"):
        return queue_state_text(command)
    return "—"


def accepted_text(row: OrderRow) -> str:
    command = row.command
    if command is not None and command.state == "accepted" and command.answered_at is not None:
        return fmt.local_time(command.answered_at)
    if command is not None and command.state == "refused":
        return QCoreApplication.translate("OrdersPanel", "refused")
    dispatched = ts_seconds(row.order.dispatched_at)
    return "—" if dispatched is None else fmt.local_time(dispatched)


def acknowledged_text(order: Order) -> str:
    if order.acknowledged:
        moment = ts_seconds(order.ack_at)
        when = "—" if moment is None else fmt.local_time(moment)
        vias = {
            "terminal": QCoreApplication.translate("OrdersPanel", "{0} by terminal"),
            "phone": QCoreApplication.translate("OrdersPanel", "{0} by phone"),
            "manual": QCoreApplication.translate("OrdersPanel", "{0} confirmed by the operator"),
        }
        template = vias.get(order.ack_via or "terminal")
        if template is None:
            return QCoreApplication.translate("OrdersPanel", "{0} via {1}").format(
                when, order.ack_via
            )
        return template.format(when)
    if order.escalated:
        return QCoreApplication.translate(
            "OrdersPanel", "NOT ACKNOWLEDGED {0} — call the unit"
        ).format(fmt.age(order.waited_s))
    return QCoreApplication.translate("OrdersPanel", "awaiting acknowledgement ({0})").format(
        fmt.age(order.waited_s)
    )


class OrderModel(KeyedRowsModel):
    """Rows are :class:`OrderRow`, keyed by unit id (a unit has one order at a time).

    Rows keep their place (new orders are appended); a new order, or one whose stage
    changed, is highlighted for :data:`HIGHLIGHT_S` seconds instead of moving.
    """

    def __init__(
        self, parent: QObject | None = None, *, clock: Callable[[], float] = time.monotonic
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._highlight_until: dict[str, float] = {}
        self._synced = False

    def headers(self) -> Sequence[str]:
        return (
            self.tr("Unit"),
            self.tr("Incident"),
            self.tr("Sent"),
            self.tr("Accepted"),
            self.tr("Acknowledged"),
            self.tr("Waited"),
            self.tr("By"),
        )

    def sync(self, items: Sequence[tuple[str, object]]) -> None:
        if self._synced:  # the first picture is not news
            until = self._clock() + HIGHLIGHT_S
            for key, value in items:
                old: OrderRow | None = self.value(key)
                if old is None or (
                    isinstance(value, OrderRow) and old.milestones() != value.milestones()
                ):
                    self._highlight_until[key] = until
        self._synced = True
        super().sync(items)
        self.expire_highlights()

    def highlighted(self, key: str) -> bool:
        until = self._highlight_until.get(key)
        return until is not None and self._clock() < until

    def expire_highlights(self) -> None:
        """Repaint rows whose highlight is over (called on the panel's tick)."""
        now = self._clock()
        for key in [k for k, until in self._highlight_until.items() if until <= now]:
            del self._highlight_until[key]
            row = self.row_of(key)
            if row is not None:
                self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def cell(self, value: Any, column: int, role: int) -> Any:
        row: OrderRow = value
        order = row.order
        column = OrderColumn(column)
        if role == Qt.ItemDataRole.DisplayRole:
            texts = {
                OrderColumn.UNIT: order.callsign,
                OrderColumn.INCIDENT: order.incident_id or "—",
                OrderColumn.SENT: sent_text(row),
                OrderColumn.ACCEPTED: accepted_text(row),
                OrderColumn.ACKNOWLEDGED: acknowledged_text(order),
                OrderColumn.WAITED: fmt.age(order.waited_s),
                OrderColumn.DISPATCHED_BY: dispatched_by_text(row),
            }
            return texts[column]
        if role == Qt.ItemDataRole.BackgroundRole:
            if order.escalated:
                return QColor(DANGER)
            if self.highlighted(order.unit_id):
                return QColor(HIGHLIGHT)
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if order.escalated:
                return readable_on(DANGER)
            if self.highlighted(order.unit_id):
                return readable_on(HIGHLIGHT)
            if column == OrderColumn.ACKNOWLEDGED and order.ack_via == "phone":
                return QColor(WARNING)  # the terminal never confirmed: worth a look
        if role == Qt.ItemDataRole.FontRole and order.escalated:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        return None

    def _tooltip(self, row: OrderRow, column: OrderColumn) -> str | None:
        if column == OrderColumn.UNIT:
            return row.order.unit_id
        if column == OrderColumn.DISPATCHED_BY:
            return row.dispatched_by or self.tr("Dispatched by the CAD itself")
        if column == OrderColumn.ACKNOWLEDGED:
            text = acknowledged_text(row.order)
            if row.order.escalated:
                text += "\n" + self.tr(
                    "The field terminal has not confirmed this order: it may not have "
                    "arrived. Reach the unit by radio or phone."
                )
            return text
        if column in (OrderColumn.SENT, OrderColumn.ACCEPTED) and row.command is None:
            return self.tr("Dispatched from another desk or by CAD; recorded at {0}").format(
                row.order.dispatched_at
            )
        return None


class CommandColumn(IntEnum):
    ISSUED = 0
    COMMAND = 1
    SUMMARY = 2
    STATE = 3


def command_kind(kind: str) -> str:
    labels = {
        "incident.dispatch": QCoreApplication.translate("OrdersPanel", "Dispatch"),
        "incident.recall": QCoreApplication.translate("OrdersPanel", "Recall"),
        "incident.update": QCoreApplication.translate("OrdersPanel", "Update incident"),
        "incident.create": QCoreApplication.translate("OrdersPanel", "New incident"),
        "incident.close": QCoreApplication.translate("OrdersPanel", "Close incident"),
        "unit.set_status": QCoreApplication.translate("OrdersPanel", "Set unit status"),
        "alert.acknowledge": QCoreApplication.translate("OrdersPanel", "Acknowledge alert"),
        "alert.link_incident": QCoreApplication.translate("OrdersPanel", "Link alert"),
    }
    if not kind:
        return QCoreApplication.translate("OrdersPanel", "(earlier session)")
    return labels.get(kind, kind)


def queue_state_text(record: CommandRecord) -> str:
    """Where the command stands before it is sent: queuing, queued, NOT queued."""
    if record.state == "not_queued":
        return not_queued_text(record)
    if record.state == "queuing":
        return QCoreApplication.translate("OrdersPanel", "queuing…")
    return QCoreApplication.translate("OrdersPanel", "queued")


def not_queued_text(record: CommandRecord) -> str:
    return QCoreApplication.translate("OrdersPanel", "NOT queued: {0}").format(
        record.queue_error or ""
    )


def command_state_text(record: CommandRecord) -> str:
    if record.state == "refused":
        text = QCoreApplication.translate("OrdersPanel", "refused: {0} — {1}").format(
            record.error_code or QCoreApplication.translate("OrdersPanel", "error"),
            record.error_message or "",
        )
    elif record.state == "accepted" and record.answered_at is not None:
        text = QCoreApplication.translate("OrdersPanel", "accepted {0}").format(
            fmt.local_time(record.answered_at)
        )
    elif record.state == "sent" and record.sent_at is not None:
        text = QCoreApplication.translate("OrdersPanel", "sent {0}").format(
            fmt.local_time(record.sent_at)
        )
    else:
        return queue_state_text(record)
    if record.queue_error is not None:  # sent from memory: never in the local outbox
        text = f"{text} · {not_queued_text(record)}"
    return text


def command_needs_attention(record: CommandRecord) -> bool:
    """Refused, or not stored in the local outbox: shown in the alarm colour."""
    return record.state == "refused" or record.queue_error is not None


class CommandModel(KeyedRowsModel):
    """Rows are :class:`~console.state.CommandRecord`, keyed by command id."""

    def headers(self) -> Sequence[str]:
        return (self.tr("Issued"), self.tr("Command"), self.tr("Summary"), self.tr("State"))

    def cell(self, value: Any, column: int, role: int) -> Any:
        record: CommandRecord = value
        column = CommandColumn(column)
        refused = command_needs_attention(record)
        if role == Qt.ItemDataRole.DisplayRole:
            texts = {
                CommandColumn.ISSUED: fmt.local_time(record.issued_at),
                CommandColumn.COMMAND: command_kind(record.kind),
                CommandColumn.SUMMARY: record.summary,
                CommandColumn.STATE: command_state_text(record),
            }
            return texts[column]
        if role == Qt.ItemDataRole.ForegroundRole and refused:
            return QColor(DANGER)
        if role == Qt.ItemDataRole.FontRole and refused and column == CommandColumn.STATE:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == CommandColumn.COMMAND:
                return record.kind or record.command_id
            if column == CommandColumn.STATE:
                tip = self.tr("{0}\nCommand id {1}").format(
                    command_state_text(record), record.command_id
                )
                if record.queue_error is not None:
                    tip += "\n" + self.tr(
                        "The local cache could not store this command: it is sent while "
                        "this console runs and is online, and lost if the console closes "
                        "before it is answered. It is not in the local audit log."
                    )
                return tip
        return None
