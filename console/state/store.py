"""The situation store: the console's one picture of the city, built from ingest batches.

Plain Python, no Qt. It is applied on one thread (the UI thread, from a queued signal)
and calls its listeners on that same thread, synchronously, from :meth:`apply` (and
from the command-tracking methods). Live batches, the picture loaded from the local
cache at start-up and replayed journals all go through :meth:`SituationStore.apply`.

``apply`` costs O(changes in the batch): only a reset (snapshot) walks a whole topic.
Listeners hear only of real changes: an identical re-apply emits nothing.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

from console.state.changes import COLLECTIONS, ChangeSet
from console.state.commands import CommandRecord, CommandTracker
from console.state.freshness import Freshness
from console.state.history import History
from console.state.inputs import ServiceStatus, StoreBatch, TopicReset
from console.state.orders import Order, build_orders, fatigued
from console.state.policy import StatePolicy
from console.state.sla import SlaClock, sla_clock
from console.state.text import safe_entity
from console.state.timeline import IncidentTimelines
from console.state.views import UnitView, fix_is_stale
from services.protocol.entities import Alert, Camera, Incident, Position, Unit

logger = logging.getLogger(__name__)

ChangeListener = Callable[[ChangeSet], None]


def _differs(old: Any, new: Any) -> bool:
    """A real change: another version, or the same version with other content."""
    if old is new:
        return False
    return bool(old.version != new.version or old != new)


class SituationStore:
    """Incidents, units, positions, cameras and alerts, with derived views.

    ``clock`` returns wall-clock seconds (the console's one :class:`Clock`, or a fake in tests);
    read methods taking ``now`` use it when ``now`` is ``None``.
    """

    def __init__(
        self,
        *,
        clock: Callable[[], float] = time.time,
        policy: StatePolicy | None = None,
    ) -> None:
        self._clock = clock
        self._policy = policy or StatePolicy()
        self._incidents: dict[str, Incident] = {}
        self._units: dict[str, Unit] = {}
        self._positions: dict[str, Position] = {}
        self._cameras: dict[str, Camera] = {}
        self._alerts: dict[str, Alert] = {}
        self._data: dict[str, dict[str, Any]] = {
            "incidents": self._incidents,
            "units": self._units,
            "positions": self._positions,
            "cameras": self._cameras,
            "alerts": self._alerts,
        }
        assert tuple(self._data) == COLLECTIONS
        self._incidents_view: Mapping[str, Incident] = MappingProxyType(self._incidents)
        self._units_view: Mapping[str, Unit] = MappingProxyType(self._units)
        self._positions_view: Mapping[str, Position] = MappingProxyType(self._positions)
        self._cameras_view: Mapping[str, Camera] = MappingProxyType(self._cameras)
        self._alerts_view: Mapping[str, Alert] = MappingProxyType(self._alerts)
        self._dispatched: set[str] = set()  # units with an order out (dispatched_at set)
        self._freshness = Freshness(quiet_s=self._policy.layer_quiet_s)
        self._timelines = IncidentTimelines(cap=self._policy.timeline_cap)
        self._commands = CommandTracker(cap=self._policy.command_history_cap)
        self._listeners: list[tuple[ChangeListener, str]] = []
        self._failure_callbacks: list[Callable[[str, BaseException], None]] = []
        self._events_applied = 0
        self._cursors: dict[str, tuple[str, int]] = {}

    # ------------------------------------------------------------------ collections
    @property
    def policy(self) -> StatePolicy:
        return self._policy

    @property
    def incidents(self) -> Mapping[str, Incident]:
        return self._incidents_view

    @property
    def units(self) -> Mapping[str, Unit]:
        return self._units_view

    @property
    def positions(self) -> Mapping[str, Position]:
        return self._positions_view

    @property
    def cameras(self) -> Mapping[str, Camera]:
        return self._cameras_view

    @property
    def alerts(self) -> Mapping[str, Alert]:
        return self._alerts_view

    @property
    def events_applied(self) -> int:
        """Events (not frames) covered by the batches applied so far."""
        return self._events_applied

    @property
    def cursors(self) -> Mapping[str, tuple[str, int]]:
        """Per topic, the (epoch, seq) the picture is complete up to: the cursor of the
        last batch applied that carried one (a snapshot's seq, or its last event's)."""
        return MappingProxyType(self._cursors)

    def unit_view(self, unit_id: str) -> UnitView | None:
        unit = self._units.get(unit_id)
        if unit is None:
            return None
        return UnitView(unit, self._positions.get(unit_id), self._policy.fix_stale_s)

    def unit_views(self) -> list[UnitView]:
        positions = self._positions
        stale_s = self._policy.fix_stale_s
        return [UnitView(u, positions.get(key), stale_s) for key, u in self._units.items()]

    # ------------------------------------------------------------------ listeners
    def subscribe(self, listener: ChangeListener, owner: str = "") -> Callable[[], None]:
        """Call ``listener`` with every non-empty change set; returns the unsubscribe.

        ``owner`` names the view (a panel's id) in the error a failing listener causes.
        """
        entry = (listener, owner or getattr(listener, "__qualname__", repr(listener)))
        self._listeners.append(entry)

        def unsubscribe() -> None:
            if entry in self._listeners:
                self._listeners.remove(entry)

        return unsubscribe

    def on_listener_failure(self, callback: Callable[[str, BaseException], None]) -> None:
        """Call ``callback(owner, error)`` when a listener raises (the shell says so once)."""
        self._failure_callbacks.append(callback)

    def _emit(self, changes: ChangeSet) -> None:
        if changes.is_empty():
            return
        for listener, owner in tuple(self._listeners):
            try:
                listener(changes)
            except Exception as exc:
                # One broken view must not starve the others, but it is never quiet: the
                # error is logged with its owner (the test suite fails on it) and the
                # shell shows it.
                logger.exception("change listener of %s failed", owner)
                for callback in tuple(self._failure_callbacks):
                    callback(owner, exc)

    # ------------------------------------------------------------------ applying
    def reset(self) -> ChangeSet:
        """Forget the whole picture (a replay seeking, another data source): every entity
        is removed — listeners hear it as removals —, and freshness, timelines and
        tracked commands start over."""
        changes = ChangeSet()
        for topic, current in self._data.items():
            for key in list(current):
                self._remove(topic, key, changes)
        changes.services.update(self._freshness.statuses)
        changes.commands.update(record.command_id for record in self._commands.records())
        self._freshness = Freshness(quiet_s=self._policy.layer_quiet_s)
        self._timelines = IncidentTimelines(cap=self._policy.timeline_cap)
        self._commands = CommandTracker(cap=self._policy.command_history_cap)
        self._dispatched.clear()
        self._events_applied = 0
        self._cursors.clear()
        self._emit(changes)
        return changes

    def apply(self, batch: StoreBatch) -> ChangeSet:
        """Apply one ingest batch: resets, then upserts, then removals; emit what changed."""
        now = self._clock()
        changes = ChangeSet()
        for reset in batch.resets:
            if reset.topic in self._data:
                self._apply_reset(reset, changes)
        for topic, entities in batch.upserts.items():
            if topic in self._data:
                for key, entity in entities.items():
                    self._upsert(topic, key, entity, changes)
        for topic, keys in batch.removals.items():
            if topic in self._data:
                for key in keys:
                    self._remove(topic, key, changes)
        self._note_freshness(batch, now, changes)
        self._note_commands(batch, now, changes)
        self._events_applied += batch.events
        self._cursors.update(batch.cursors)
        self._emit(changes)
        return changes

    def _note_commands(self, batch: StoreBatch, now: float, changes: ChangeSet) -> None:
        """What became of tracked commands: not queued, queued, sent, answered (in that
        order, so a merged batch ends in the latest state)."""
        commands = self._commands
        for command_id, reason in batch.not_queued.items():
            if commands.not_queued(command_id, reason):
                changes.commands.add(command_id)
        for command_id in batch.queued:
            if commands.queued(command_id, batch.queued_at.get(command_id)):
                changes.commands.add(command_id)
        for command_id in batch.sent:
            if commands.sent(command_id, batch.sent_at.get(command_id, now)):
                changes.commands.add(command_id)
        for ack in batch.acks:
            if commands.answer(ack):
                changes.acks.append(ack)
                changes.commands.add(ack.command_id)

    def _apply_reset(self, reset: TopicReset, changes: ChangeSet) -> None:
        current = self._data[reset.topic]
        items = reset.items
        for key in [key for key in current if key not in items]:
            self._remove(reset.topic, key, changes)
        for key, entity in items.items():
            self._upsert(reset.topic, key, entity, changes)

    def _upsert(self, topic: str, key: str, entity: Any, changes: ChangeSet) -> None:
        current = self._data[topic]
        if topic != "positions":  # positions carry no text; everything else is shown
            entity = safe_entity(entity)
        old = current.get(key)
        if old is None:
            current[key] = entity
            changes.note_added(topic, key)
        elif _differs(old, entity):
            current[key] = entity
            changes.note_changed(topic, key)
        else:
            return
        self._after_store(topic, key, entity, changes)

    def _remove(self, topic: str, key: str, changes: ChangeSet) -> None:
        if self._data[topic].pop(key, None) is None:
            return
        changes.note_removed(topic, key)
        if topic == "incidents":
            self._timelines.drop(key)
        elif topic == "units":
            self._dispatched.discard(key)
        elif topic == "positions" and key in self._units:
            changes.note_changed("units", key)

    def _after_store(self, topic: str, key: str, entity: Any, changes: ChangeSet) -> None:
        """Keep derived indexes in step with a stored entity."""
        if topic == "incidents":
            self._timelines.record(entity)
        elif topic == "units":
            if entity.dispatched_at is None:
                self._dispatched.discard(key)
            else:
                self._dispatched.add(key)
        elif topic == "positions" and key in self._units:
            changes.note_changed("units", key)  # the unit view joins its position

    def _note_freshness(self, batch: StoreBatch, now: float, changes: ChangeSet) -> None:
        freshness = self._freshness
        topics = {reset.topic for reset in batch.resets} | set(batch.upserts) | set(batch.removals)
        for topic in topics:
            freshness.note_received(topic, batch.received.get(topic, now))
        for topic, received_at in batch.received.items():
            freshness.note_received(topic, received_at)
        freshness.note_journal(batch.journal)
        for status in batch.statuses.values():
            if freshness.set_status(status):
                changes.services.add(status.service)
        for service, count in batch.rejected.items():
            if freshness.add_rejected(service, count):
                changes.services.add(service)

    # ------------------------------------------------------------------ freshness
    def _now(self, now: float | None) -> float:
        return self._clock() if now is None else now

    def service_status(self, service: str) -> ServiceStatus | None:
        return self._freshness.service_status(service)

    @property
    def service_statuses(self) -> Mapping[str, ServiceStatus]:
        return self._freshness.statuses

    @property
    def rejected_frames(self) -> Mapping[str, int]:
        """Frames refused as malformed so far, per service (to say so on screen)."""
        return self._freshness.rejected

    def layer_age(self, topic: str, now: float | None = None) -> float | None:
        return self._freshness.layer_age(topic, self._now(now))

    def layer_stale(self, topic: str, now: float | None = None) -> bool:
        return self._freshness.layer_stale(topic, self._now(now))

    def picture_age(self, now: float | None = None) -> float | None:
        return self._freshness.picture_age(self._now(now))

    def is_stale(self, collection: str, key: str, now: float | None = None) -> bool:
        """Grey this row? Anything in a stale layer; a unit or position with a stale fix.

        A unit is stale if the CAD layer is, or if it has a position and either the AVL
        layer is stale or the fix is old. Unknown keys are not stale.
        """
        now = self._now(now)
        layer_stale = self._freshness.layer_stale
        if collection == "units":
            view = self.unit_view(key)
            if view is None:
                return False
            if layer_stale("units", now):
                return True
            return view.position is not None and (
                layer_stale("positions", now) or view.fix_stale(now)
            )
        if collection == "positions":
            position = self._positions.get(key)
            if position is None:
                return False
            return layer_stale("positions", now) or fix_is_stale(
                position, now, self._policy.fix_stale_s
            )
        data = self._data.get(collection)
        return data is not None and key in data and layer_stale(collection, now)

    # ------------------------------------------------------------------ incidents
    def timeline(self, incident_id: str) -> list[tuple[str, str]]:
        """The incident's ``(timestamp, status)`` changes seen by this store, oldest first."""
        return self._timelines.timeline(incident_id)

    def sla(self, incident_id: str, now: float | None = None) -> SlaClock | None:
        incident = self._incidents.get(incident_id)
        if incident is None:
            return None
        return sla_clock(incident, self._now(now), self._policy.sla)

    # ------------------------------------------------------------------ orders, crews
    def orders(self, now: float | None = None) -> list[Order]:
        """Dispatch orders (escalated first, longest wait first); O(orders), not O(units)."""
        units = [self._units[key] for key in self._dispatched]
        return build_orders(units, self._now(now), escalate_after_s=self._policy.ack_escalation_s)

    def fatigued(self, unit_id: str, now: float | None = None) -> bool:
        """On duty longer than the policy allows (False for an unknown unit)."""
        view = self.unit_view(unit_id)
        if view is None:
            return False
        return fatigued(view, self._now(now), limit_s=self._policy.fatigue_after_s)

    # ------------------------------------------------------------------ commands
    def track_command(
        self, command_id: str, kind: str, summary: str, data: Mapping[str, Any] | None = None
    ) -> None:
        """The operator issued a command: track it as ``queuing`` until the feed says
        whether the outbox took it (``queued``) or not (``not_queued``)."""
        if self._commands.track(command_id, kind, summary, self._clock(), data):
            self._emit_command(command_id)

    def command_sent(self, command_id: str) -> None:
        """The feed client put the command on the wire."""
        if self._commands.sent(command_id, self._clock()):
            self._emit_command(command_id)

    def command(self, command_id: str) -> CommandRecord | None:
        return self._commands.get(command_id)

    def commands(self) -> list[CommandRecord]:
        """Tracked commands, newest first."""
        return self._commands.records()

    def restore_history(self, history: History) -> ChangeSet:
        """Take back what a restart forgot — incident timelines and this workstation's
        commands, as the local cache remembers them (``console/history.py``) — before the
        cached picture is applied; emits the commands restored."""
        self._timelines.restore(history.status_changes)
        changes = ChangeSet()
        changes.commands.update(self._commands.restore(history.commands))
        self._emit(changes)
        return changes

    def _emit_command(self, command_id: str) -> None:
        changes = ChangeSet()
        changes.commands.add(command_id)
        self._emit(changes)
