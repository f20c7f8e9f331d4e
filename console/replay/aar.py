"""After-action analysis of a recording's window (the facts the report shows).

The window's picture at its start is rebuilt as a replay would; then every frame of the
window is replayed on its own (:meth:`Replayer.stream`), so every version of every
incident, unit and alert is seen, none coalesced. Times:

* response times come from the incidents' own timestamps — from ``reported_at`` to the
  ``updated_at`` of the first version dispatched (dispatched, en route or on scene) and
  of the first version ``on_scene`` — the same clock the console's SLA timers use; a
  response that happened before the window (the incident was past it at the start) is
  not measured;
* "first seen", acknowledgement waits and busy times are recorded (receive) time, the
  replay clock.

An incident is *reported in the window* when it was first seen in it; incidents already
known at the window's start are listed too, marked "open at start" (their earlier
history is outside the window).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from console.replay.rebuild import Replayer
from console.replay.recording import Recording
from console.state.orders import fatigued, hours_on_duty
from console.state.sla import SlaPolicy
from console.state.timestamps import ts_seconds
from console.state.views import UnitView

IDLE_STATUSES = ("available", "off_duty")
#: an incident counts as dispatched at its first version in one of these (resolved or
#: closed straight from new was never dispatched)
DISPATCHED = ("dispatched", "en_route", "on_scene")


@dataclass
class IncidentRecord:
    id: str
    priority: int
    category: str
    summary: str
    district: str
    reported_at: str
    first_seen: float
    open_at_start: bool
    dispatch_target_s: float
    on_scene_target_s: float
    #: (status, the version's updated_at, when it was seen)
    statuses: list[tuple[str, str, float]] = field(default_factory=list)
    dispatch_s: float | None = None
    on_scene_s: float | None = None
    units: set[str] = field(default_factory=set)

    @property
    def status(self) -> str:
        return self.statuses[-1][0] if self.statuses else ""

    def dispatch_met(self) -> bool | None:
        return None if self.dispatch_s is None else self.dispatch_s <= self.dispatch_target_s

    def on_scene_met(self) -> bool | None:
        return None if self.on_scene_s is None else self.on_scene_s <= self.on_scene_target_s


@dataclass
class OrderRecord:
    unit: str
    incident: str
    dispatched_at: str
    seen: float
    acknowledged_seen: float | None = None

    def wait_s(self, until: float) -> float:
        return (self.acknowledged_seen if self.acknowledged_seen is not None else until) - self.seen


@dataclass
class UnitRecord:
    id: str
    callsign: str
    incidents: set[str] = field(default_factory=set)
    busy_s: float = 0.0
    hours_on_duty: float | None = None
    fatigued: bool = False
    _status: str = "available"
    _since: float = 0.0


@dataclass
class WarningRecord:
    id: str
    topic: str
    severity: str
    first_seen: float
    incident: str | None
    acknowledged_seen: float | None = None


@dataclass
class Analysis:
    since: float
    until: float
    incidents: dict[str, IncidentRecord] = field(default_factory=dict)
    orders: list[OrderRecord] = field(default_factory=list)
    units: dict[str, UnitRecord] = field(default_factory=dict)
    warnings: dict[str, WarningRecord] = field(default_factory=dict)
    audit: list[dict[str, Any]] = field(default_factory=list)


class _Analyser:
    def __init__(self, since: float, until: float, sla: SlaPolicy, fatigue_s: float) -> None:
        self.result = Analysis(since, until)
        self.sla, self.fatigue_s = sla, fatigue_s
        self.open_orders: dict[str, OrderRecord] = {}
        self.last_units: dict[str, Any] = {}
        self.positions: dict[str, Any] = {}

    def incident(self, entity: Any, seen: float, at_start: bool = False) -> None:
        record = self.result.incidents.get(entity.id)
        if record is None:
            targets = self.sla.targets_for(entity.priority)
            record = IncidentRecord(
                entity.id,
                entity.priority,
                entity.category,
                entity.summary,
                entity.district,
                entity.reported_at,
                seen,
                at_start,
                targets.dispatch_s,
                targets.on_scene_s,
            )
            self.result.incidents[entity.id] = record
        record.priority, record.units = entity.priority, record.units | set(entity.units)
        if record.status == entity.status:
            return
        record.statuses.append((entity.status, entity.updated_at, seen))
        first = record.statuses[0][0]  # a moment passed before the window is not measured
        reported = ts_seconds(entity.reported_at)
        changed = ts_seconds(entity.updated_at)
        if at_start or reported is None or changed is None:
            return
        if record.dispatch_s is None and entity.status in DISPATCHED and first == "new":
            record.dispatch_s = changed - reported
        if (
            record.on_scene_s is None
            and entity.status == "on_scene"
            and first in ("new", "dispatched", "en_route")
        ):
            record.on_scene_s = changed - reported

    def unit(self, entity: Any, seen: float) -> None:
        record = self.result.units.get(entity.id)
        if record is None:
            record = UnitRecord(entity.id, entity.callsign, _status=entity.status, _since=seen)
            self.result.units[entity.id] = record
        elif entity.status != record._status:
            if record._status not in IDLE_STATUSES:
                record.busy_s += seen - record._since
            record._status, record._since = entity.status, seen
        if entity.incident:
            record.incidents.add(entity.incident)
        previous = self.last_units.get(entity.id)
        if entity.dispatched_at and (
            previous is None or previous.dispatched_at != entity.dispatched_at
        ):
            order = OrderRecord(entity.id, entity.incident or "", entity.dispatched_at, seen)
            if entity.ack_at:
                order.acknowledged_seen = seen
            self.result.orders.append(order)
            self.open_orders[entity.id] = order
        elif entity.ack_at and entity.id in self.open_orders:
            order = self.open_orders.pop(entity.id)
            if order.acknowledged_seen is None:
                order.acknowledged_seen = seen
        self.last_units[entity.id] = entity

    def alert(self, entity: Any, seen: float) -> None:
        record = self.result.warnings.get(entity.id)
        if record is None and entity.severity in ("warning", "critical"):
            record = WarningRecord(entity.id, entity.topic, entity.severity, seen, entity.incident)
            self.result.warnings[entity.id] = record
        if record is not None and entity.acknowledged and record.acknowledged_seen is None:
            record.acknowledged_seen = seen

    def take(self, topic: str, entity: Any, seen: float) -> None:
        if topic == "incidents":
            self.incident(entity, seen)
        elif topic == "units":
            self.unit(entity, seen)
        elif topic == "alerts":
            self.alert(entity, seen)
        elif topic == "positions":
            self.positions[entity.unit] = entity

    def finish(self) -> Analysis:
        until = self.result.until
        for record in self.result.units.values():
            if record._status not in IDLE_STATUSES:
                record.busy_s += until - record._since
            unit = self.last_units.get(record.id)
            if unit is not None:
                view = UnitView(unit, self.positions.get(record.id), 60.0)
                record.hours_on_duty = hours_on_duty(view, until)
                record.fatigued = fatigued(view, until, limit_s=self.fatigue_s)
        return self.result


def analyse(
    recording: Recording,
    since: float,
    until: float,
    *,
    sla: SlaPolicy | None = None,
    fatigue_after_s: float = 10 * 3600.0,
) -> Analysis:
    """Everything the after-action report says about [since, until] of ``recording``."""
    analyser = _Analyser(since, until, sla or SlaPolicy(), fatigue_after_s)
    replayer = Replayer(recording)
    replayer.seek(since)
    for entity in replayer.entities("incidents").values():
        analyser.incident(entity, since, at_start=True)
    for topic in ("units", "alerts", "positions"):
        for entity in replayer.entities(topic).values():
            analyser.take(topic, entity, since)
    for seen, batch in replayer.stream(until):
        for reset in batch.resets:
            for entity in reset.items.values():
                analyser.take(reset.topic, entity, seen)
        for topic, entities in batch.upserts.items():
            for entity in entities.values():
                analyser.take(topic, entity, seen)
    analyser.result.audit = recording.audit_rows(since, until)
    return analyser.finish()
