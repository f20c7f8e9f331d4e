"""The incident detail: one incident's facts, SLA clock, units and their orders, history,
notes, and the operator's actions on it. Updates live from the store and every second."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any, Protocol

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from console.state import ChangeSet, SituationStore
from console.state.orders import order_of
from console.state.timestamps import ts_seconds
from services.protocol.entities import Incident
from widgets.common import format as fmt
from widgets.common import labels
from widgets.common.style import PRIORITY_COLORS, SLA_COLORS, TEXT_DIM, readable_on
from widgets.common.text import plain_label
from widgets.common.ticker import Ticker, TickSubscription
from widgets.incidents.detail_actions import IncidentActionBar
from widgets.incidents.detail_sections import (
    NoteList,
    TimelineList,
    UnitAssignmentList,
    assignment_line,
    clock_time,
)

TICK_INTERVAL_MS = 1000


class DetailSection(Protocol):
    """A widget showing more about the selected incident (its own store subscription)."""

    def objectName(self) -> str: ...  # noqa: N802 (Qt's name)

    def set_incident(self, incident_id: str | None) -> None: ...

    def shutdown(self) -> None: ...


class IncidentDetailPanel(QWidget):
    """Details of the incident given to :meth:`show_incident`, kept current.

    Requests leave as signals carrying the incident id: :attr:`updateRequested` with a
    dict such as ``{"priority": 2}``, ``{"category": "fire"}`` or ``{"note": "text"}``;
    :attr:`dispatchRequested`; :attr:`closeRequested` once :attr:`confirm` (a callable
    taking the incident id and returning True to go ahead; a question box by default)
    agreed.
    """

    updateRequested = Signal(str, dict)  # noqa: N815 (Qt signal)
    dispatchRequested = Signal(str)  # noqa: N815 (Qt signal)
    closeRequested = Signal(str)  # noqa: N815 (Qt signal)

    def __init__(
        self,
        store: SituationStore,
        *,
        clock: Callable[[], float] = time.time,
        ticker: Ticker | None = None,
        sections: Sequence[tuple[str, DetailSection]] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("incidentDetail")
        #: more sections under the notes, by object name (other panels' views of one
        #: incident, e.g. its linked opinion alerts), composed by the panel registry
        self.sections: dict[str, DetailSection] = {
            widget.objectName(): widget for _title, widget in sections
        }
        self._extra_sections = list(sections)
        self._store = store
        self._clock = clock
        self._incident_id: str | None = None
        self._unit_ids: set[str] = set()
        #: units with an order not yet acknowledged: their lines count the wait each second
        self._waiting: list[str] = []
        self._sla_style = ""
        self._read_only = False
        self.confirm: Callable[[str], bool] = self._ask_to_close

        self.placeholder = plain_label(self.tr("No incident selected"), wrap=True)
        self.placeholder.setObjectName("incidentDetailPlaceholder")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setStyleSheet(f"color: {TEXT_DIM};")
        self._build_content()
        self.action_bar = IncidentActionBar()
        self.action_bar.updateRequested.connect(self._on_update_requested)
        self.action_bar.dispatchRequested.connect(self._on_dispatch_requested)
        self.action_bar.closeRequested.connect(self._on_close_requested)

        self._stack = QStackedWidget(self)
        self._stack.addWidget(self.placeholder)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self._content)
        self._stack.addWidget(scroll)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self._stack, 1)
        layout.addWidget(self.action_bar)

        self._timer = TickSubscription(
            self, clock, ticker, self.refresh_times, interval_ms=TICK_INTERVAL_MS
        )
        unsubscribe = store.subscribe(self._on_changes)
        self._unsubscribe: Callable[[], None] | None = unsubscribe
        self.destroyed.connect(lambda *_: unsubscribe())
        self.show_incident(None)

    def _build_content(self) -> None:
        self._content = QWidget()
        self.id_label = plain_label()
        self.id_label.setObjectName("incidentId")
        font = self.id_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.id_label.setFont(font)
        self.priority_label = plain_label()
        self.priority_label.setObjectName("incidentPriority")
        self.status_label = plain_label()
        header = QHBoxLayout()
        header.addWidget(self.id_label)
        header.addWidget(self.priority_label)
        header.addWidget(self.status_label)
        header.addStretch(1)

        self.category_label = plain_label()
        self.source_label = plain_label()
        self.reported_label = plain_label()
        self.sla_label = plain_label(wrap=True)
        self.summary_label = plain_label(wrap=True)
        self.summary_label.setObjectName("incidentSummary")
        self.summary_en_label = plain_label(wrap=True)
        self.summary_en_label.setObjectName("incidentSummaryEn")
        self.address_label = plain_label(wrap=True)
        self.district_label = plain_label()
        self.location_label = plain_label()
        form = QFormLayout()
        form.addRow(plain_label(self.tr("Category")), self.category_label)
        form.addRow(plain_label(self.tr("Source")), self.source_label)
        form.addRow(plain_label(self.tr("Reported")), self.reported_label)
        form.addRow(plain_label(self.tr("SLA")), self.sla_label)
        form.addRow(plain_label(self.tr("Address")), self.address_label)
        form.addRow(plain_label(self.tr("District")), self.district_label)
        form.addRow(plain_label(self.tr("Location")), self.location_label)

        self.units = UnitAssignmentList()
        self.timeline = TimelineList()
        self.notes = NoteList()
        layout = QVBoxLayout(self._content)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(header)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.summary_en_label)
        layout.addLayout(form)
        for title, widget in (
            (self.tr("Units"), self.units),
            (self.tr("Timeline"), self.timeline),
            (self.tr("Notes"), self.notes),
            *self._extra_sections,
        ):
            heading = QLabel(title)
            heading.setTextFormat(Qt.TextFormat.PlainText)
            heading.setStyleSheet("font-weight: bold;")
            layout.addWidget(heading)
            layout.addWidget(widget)
        layout.addStretch(1)

    # ------------------------------------------------------------------ public API
    @property
    def incident_id(self) -> str | None:
        return self._incident_id

    @property
    def showing_removed(self) -> bool:
        """The shown incident is no longer in the store."""
        return self._incident_id is not None and self._incident_id not in self._store.incidents

    def show_incident(self, incident_id: str | None) -> None:
        self._incident_id = incident_id
        for section in self.sections.values():
            section.set_incident(incident_id)
        self._refresh()

    def set_read_only(self, read_only: bool) -> None:
        """Hide every action (viewer and video-wall roles)."""
        self._read_only = read_only
        self.action_bar.setVisible(not read_only)

    def shutdown(self) -> None:
        """Stop listening to the store and stop the clock (also done on destroy)."""
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        self._timer.stop()
        for section in self.sections.values():
            section.shutdown()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        self.shutdown()
        super().closeEvent(event)

    # ------------------------------------------------------------------ refreshing
    def _incident(self) -> Incident | None:
        return None if self._incident_id is None else self._store.incidents.get(self._incident_id)

    def _refresh(self) -> None:
        incident = self._incident()
        self.action_bar.set_incident(incident)
        if incident is None:
            self._timer.stop()
            self._unit_ids = set()
            if self._incident_id is None:
                self.placeholder.setText(self.tr("No incident selected"))
            else:
                self.placeholder.setText(
                    self.tr(
                        "Incident {0} was removed: it is no longer in the situation picture."
                    ).format(self._incident_id)
                )
            self._stack.setCurrentIndex(0)
            return
        self._stack.setCurrentIndex(1)
        self._show_facts(incident)
        self.timeline.set_entries(self._store.timeline(incident.id))
        self.notes.set_notes(incident.notes)
        now = self._clock()
        self._show_times(incident, now)
        self._show_units(incident, now)
        if self._unsubscribe is not None and not self._timer.isActive():
            self._timer.start()

    def _show_facts(self, incident: Incident) -> None:
        self.id_label.setText(incident.id)
        color = PRIORITY_COLORS.get(incident.priority, TEXT_DIM)
        self.priority_label.setText(labels.priority(incident.priority))
        self.priority_label.setStyleSheet(
            f"background: {color}; color: {readable_on(color).name()};"
            " padding: 1px 6px; border-radius: 3px; font-weight: bold;"
        )
        self.status_label.setText(labels.incident_status(incident.status))
        self.category_label.setText(labels.category(incident.category))
        self.source_label.setText(labels.incident_source(incident.source))
        self.summary_label.setText(incident.summary)
        summary_en = incident.summary_en or ""
        self.summary_en_label.setText(summary_en)
        self.summary_en_label.setVisible(bool(summary_en) and summary_en != incident.summary)
        self.address_label.setText(incident.address or "—")
        self.district_label.setText(incident.district or "—")
        location = incident.location
        self.location_label.setText(
            self.tr("{0}, {1}").format(f"{location.lat:.5f}", f"{location.lon:.5f}")
        )

    def refresh_times(self) -> None:
        """The 1 Hz tick: report age, SLA clock and the acknowledgement waits. Only what
        time alone changes: the lines of units whose order is still unacknowledged (the
        others change with the store, see ``_on_changes``), and no label whose text and
        colour stay the same is set again."""
        incident = self._incident()
        if incident is None:
            return
        now = self._clock()
        self._show_times(incident, now)
        self._show_waits(incident, now)

    def _show_times(self, incident: Incident, now: float) -> None:
        reported = ts_seconds(incident.reported_at)
        age = fmt.age(None if reported is None else now - reported)
        self.reported_label.setText(
            self.tr("{0} ({1} ago)").format(clock_time(incident.reported_at), age)
        )
        self._show_sla(incident, now)

    def _show_sla(self, incident: Incident, now: float) -> None:
        sla = self._store.sla(incident.id, now)
        if sla is None or sla.target_s is None or sla.remaining_s is None:
            self.sla_label.setText(self.tr("no SLA clock running"))
            self._set_sla_style(f"color: {TEXT_DIM};")
            return
        phase = self.tr("Dispatch") if sla.phase == "dispatch" else self.tr("On scene")
        if sla.remaining_s >= 0:
            template = self.tr("{0}: {1} left of {2} — {3}")
        else:
            template = self.tr("{0}: {1} over the {2} target — {3}")
        self.sla_label.setText(
            template.format(
                phase,
                fmt.age(abs(sla.remaining_s)),
                fmt.age(sla.target_s),
                labels.sla_state(sla.state),
            )
        )
        weight = " font-weight: bold;" if sla.state == "breach" else ""
        self._set_sla_style(f"color: {SLA_COLORS[sla.state]};{weight}")

    def _set_sla_style(self, style: str) -> None:
        """A style sheet set again re-polishes the label even when unchanged: only on change."""
        if style != self._sla_style:
            self._sla_style = style
            self.sla_label.setStyleSheet(style)

    def _show_units(self, incident: Incident, now: float) -> None:
        orders = {
            order.unit_id: order
            for order in self._store.orders(now)
            if order.incident_id == incident.id
        }
        unit_ids = list(dict.fromkeys([*incident.units, *sorted(orders)]))
        self._unit_ids = set(unit_ids)
        self._waiting = [key for key, order in orders.items() if not order.acknowledged]
        lines = []
        for unit_id in unit_ids:
            text, level = assignment_line(
                unit_id, self._store.unit_view(unit_id), orders.get(unit_id)
            )
            lines.append((unit_id, text, level))
        self.units.set_lines(lines)

    def _show_waits(self, incident: Incident, now: float) -> None:
        """Recount the waits of the unacknowledged orders (all the store's orders are not
        rebuilt: which units have one only changes with the store, which redraws them)."""
        units, escalate_after_s = self._store.units, self._store.policy.ack_escalation_s
        for unit_id in self._waiting:
            unit = units.get(unit_id)
            order = None if unit is None else order_of(unit, now, escalate_after_s=escalate_after_s)
            if order is None or order.incident_id != incident.id:
                continue  # gone or reassigned: the store change redraws the lines
            text, level = assignment_line(unit_id, None, order)
            self.units.set_line(unit_id, text, level)

    # ------------------------------------------------------------------ store changes
    def _on_changes(self, changes: ChangeSet) -> None:
        key = self._incident_id
        if key is None:
            return
        if key in changes.touched("incidents"):
            self._refresh()
            return
        units = changes.touched("units")
        incident = self._incident() if units else None
        if incident is not None and (
            units & self._unit_ids or self._has_new_order(incident, units)
        ):
            self._show_units(incident, self._clock())

    def _has_new_order(self, incident: Incident, unit_ids: set[str]) -> bool:
        units = self._store.units
        return any(
            (unit := units.get(unit_id)) is not None and unit.incident == incident.id
            for unit_id in unit_ids
        )

    # ------------------------------------------------------------------ actions
    def _on_update_requested(self, changes: dict[str, Any]) -> None:
        if self._incident_id is not None and not self._read_only:
            self.updateRequested.emit(self._incident_id, changes)

    def _on_dispatch_requested(self) -> None:
        if self._incident_id is not None and not self._read_only:
            self.dispatchRequested.emit(self._incident_id)

    def _on_close_requested(self) -> None:
        key = self._incident_id
        if key is None or self._read_only or not self.confirm(key):
            return
        self.closeRequested.emit(key)

    def _ask_to_close(self, incident_id: str) -> bool:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setWindowTitle(self.tr("Close incident"))
        box.setText(self.tr("Close incident {0}?").format(incident_id))
        box.setInformativeText(self.tr("Closed incidents leave the queue."))
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.exec()
        return box.clickedButton() == box.button(QMessageBox.StandardButton.Yes)
