"""Operator commands applied to the simulated CAD and opinion monitor.

Every handler validates against the current state before changing anything, so a
rejected command leaves no trace; ``expected_version`` is checked against the command's
primary entity (the incident, the unit or the alert). That includes the limits of
docs/protocol.md ("Limits"): a note beyond :data:`MAX_NOTES`, units beyond
:data:`MAX_INCIDENT_UNITS`, and any change after which the incident would no longer fit
in one frame are refused with ``bad_request`` naming the command's field.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from msgspec import Struct

from services.backend.sim.cad import Cad
from services.backend.sim.calls import has_cjk
from services.backend.sim.fleet import Fleet
from services.backend.sim.geography import District, Geography
from services.backend.sim.kernel import CommandRejected, Kernel
from services.backend.sim.model import IncidentState, UnitState
from services.backend.sim.opinion import AlertState, Opinion
from services.protocol.codec import encode
from services.protocol.commands import (
    OUT_OF_SERVICE,
    AlertAcknowledge,
    AlertLinkIncident,
    IncidentClose,
    IncidentCreate,
    IncidentDispatch,
    IncidentRecall,
    IncidentUpdate,
    UnitSetStatus,
)
from services.protocol.limits import (
    ID_CHARS,
    MAX_ENTITY_BYTES,
    MAX_INCIDENT_UNITS,
    MAX_NOTES,
    NOTE_CHARS,
)

_OPEN_ENGAGED = ("dispatched", "en_route", "on_scene")


def reason_note(what: str, reason: str) -> str:
    """``"<what>: <reason>"`` within one note: ``what`` (the units it names) is shortened
    with "…" if need be, the operator's reason never is (it is at most half a note)."""
    room = NOTE_CHARS - len(reason) - 2
    if len(what) > room:
        what = what[: room - 1] + "…"
    return f"{what}: {reason}"


def _check_version(kind: str, key: str, current: int, expected: int | None) -> None:
    if expected is not None and expected != current:
        raise CommandRejected(
            "conflict", f"{kind} {key} is at version {current}, not {expected}; reload it"
        )


def _check_fits(incident: dict[str, Any], changes: dict[str, Any]) -> None:
    """Refuse a change after which the incident would not fit in one frame.

    ``incident`` is the entity as it would be emitted; ``changes`` maps the command's
    fields to their values, and the largest of them is the one the refusal names.
    """
    size = len(encode(incident))
    if size > MAX_ENTITY_BYTES:
        field = max(changes, key=lambda name: len(encode(changes[name])))
        raise CommandRejected(
            "bad_request",
            f"incident {incident['id']} would encode to {size} bytes, over the "
            f"{MAX_ENTITY_BYTES} bytes one frame can carry - at `$.{field}`",
        )


class Commands:
    """Applies validated command payloads; each handler returns the ack's result."""

    def __init__(
        self, kernel: Kernel, geography: Geography, fleet: Fleet, cad: Cad, opinion: Opinion
    ) -> None:
        self.k = kernel
        self.geo = geography
        self.fleet = fleet
        self.cad = cad
        self.opinion = opinion
        #: the client name of the command being applied ("" when unknown)
        self._issued_by = ""
        self._handlers: dict[str, tuple[type[Struct], Callable[[Any], dict[str, Any]]]] = {
            "incident.create": (IncidentCreate, self._incident_create),
            "incident.update": (IncidentUpdate, self._incident_update),
            "incident.dispatch": (IncidentDispatch, self._incident_dispatch),
            "incident.recall": (IncidentRecall, self._incident_recall),
            "incident.close": (IncidentClose, self._incident_close),
            "unit.set_status": (UnitSetStatus, self._unit_set_status),
            "alert.acknowledge": (AlertAcknowledge, self._alert_acknowledge),
            "alert.link_incident": (AlertLinkIncident, self._alert_link_incident),
        }

    def apply(self, command_type: str, data: Struct, issued_by: str = "") -> dict[str, Any]:
        """Apply one command from the client named ``issued_by`` (its hello ``client``;
        recorded as a unit's ``dispatched_by``); raises :class:`CommandRejected`."""
        entry = self._handlers.get(command_type)
        if entry is None:
            raise CommandRejected("bad_request", f"unknown command type {command_type!r}")
        payload_type, handler = entry
        if not isinstance(data, payload_type):
            raise CommandRejected(
                "bad_request",
                f"{command_type} expects {payload_type.__name__}, got {type(data).__name__}",
            )
        self._issued_by = issued_by
        try:
            return handler(data)
        finally:
            self._issued_by = ""

    # -------------------------------------------------------------- lookups
    def _incident(self, iid: str) -> IncidentState:
        incident = self.cad.incidents.get(iid)
        if incident is None:
            raise CommandRejected("not_found", f"no incident {iid}")
        return incident

    def _unit(self, uid: str) -> UnitState:
        unit = self.fleet.units.get(uid)
        if unit is None:
            raise CommandRejected("not_found", f"no unit {uid}")
        return unit

    def _alert(self, aid: str) -> AlertState:
        alert = self.opinion.alerts.get(aid)
        if alert is None:
            raise CommandRejected("not_found", f"no alert {aid}")
        return alert

    # ------------------------------------------------------------ incidents
    def _incident_create(self, data: IncidentCreate) -> dict[str, Any]:
        lat, lon = data.location.lat, data.location.lon
        named = self.geo.district(data.district) if data.district else None
        district = named or self.geo.district_at(lat, lon)
        # The projected incident, with the longest id possible, checked before an id is
        # taken or anything is registered.
        incident = IncidentState("I" * ID_CHARS, data.category, data.priority, lat, lon)
        incident.source = data.source
        incident.reported_at = incident.updated_at = self.k.ts()
        self._fill_new(incident, data, district)
        _check_fits(incident.entity(), _given(data, "summary", "address", "district"))
        incident = self.cad.open(data.category, data.priority, lat, lon, data.source)
        self._fill_new(incident, data, district)
        self.cad.publish(incident)
        return {"incident": incident.id, "version": incident.version}

    def _fill_new(
        self, incident: IncidentState, data: IncidentCreate, district: District | None
    ) -> None:
        incident.summary = incident.summary_en = data.summary
        incident.lang = "zh" if has_cjk(data.summary) else "en"
        incident.address = data.address
        incident.address_en = "" if has_cjk(data.address) else data.address
        incident.district = district.name_zh if district else data.district
        incident.district_en = district.name_en if district else ""

    def _incident_update(self, data: IncidentUpdate) -> dict[str, Any]:
        incident = self._incident(data.incident)
        _check_version("incident", incident.id, incident.version, data.expected_version)
        fields = (data.priority, data.category, data.summary, data.address, data.note)
        if all(value is None for value in fields):
            raise CommandRejected(
                "bad_request",
                "incident.update needs at least one of priority, category, summary, "
                "address or note",
            )
        self._check_update_limits(incident, data)
        changed = False
        if data.priority is not None and data.priority != incident.priority:
            incident.priority, changed = data.priority, True
        if data.category is not None and data.category != incident.category:
            incident.category, changed = data.category, True
        if data.summary is not None and data.summary != incident.summary:
            incident.summary = incident.summary_en = data.summary
            incident.lang = "zh" if has_cjk(data.summary) else "en"
            changed = True
        if data.address is not None and data.address != incident.address:
            incident.address = data.address
            incident.address_en = "" if has_cjk(data.address) else data.address
            changed = True
        if data.note:
            self.cad.note(incident, data.note)
            changed = True
        if changed:
            self.cad.emit(incident)
        return {"incident": incident.id, "version": incident.version, "changed": changed}

    def _check_update_limits(self, incident: IncidentState, data: IncidentUpdate) -> None:
        """The notes cap and the frame size, checked on the incident as it would become."""
        if data.note and len(incident.notes) >= MAX_NOTES:
            raise CommandRejected(
                "bad_request",
                f"incident {incident.id} already holds {MAX_NOTES} notes, the most one "
                "incident may hold - at `$.note`",
            )
        projected = incident.entity()
        for name in ("priority", "category", "summary", "address"):
            value = getattr(data, name)
            if value is not None:
                projected[name] = value
        if data.summary is not None:
            projected["summary_en"] = data.summary
        if data.address is not None:
            projected["address_en"] = data.address
        if data.note:
            projected["notes"].append({"ts": self.k.ts(), "text": data.note})
        _check_fits(projected, _given(data, "category", "summary", "address", "note"))

    def _incident_dispatch(self, data: IncidentDispatch) -> dict[str, Any]:
        if data.reason is not None:
            _check_reason(data.reason)
        incident = self._incident(data.incident)
        _check_version("incident", incident.id, incident.version, data.expected_version)
        if incident.status in ("resolved", "closed"):
            raise CommandRejected(
                "conflict", f"incident {incident.id} is {incident.status}; it takes no units"
            )
        units: list[UnitState] = []
        for uid in dict.fromkeys(data.units):
            unit = self._unit(uid)
            if unit.status == "off_duty":
                raise CommandRejected(
                    "conflict", f"unit {uid} ({unit.callsign}) is off duty; put it on duty first"
                )
            units.append(unit)
        added = [unit.id for unit in units if unit.id not in incident.units]
        if len(incident.units) + len(added) > MAX_INCIDENT_UNITS:
            raise CommandRejected(
                "bad_request",
                f"incident {incident.id} would have {len(incident.units) + len(added)} units; "
                f"one incident holds at most {MAX_INCIDENT_UNITS} - at `$.units`",
            )
        projected = incident.entity()
        projected["units"].extend(added)
        note = None
        if data.reason:
            self._check_room_for_note(incident, "reason")
            note = reason_note(f"Override, dispatched {_names(units)}", data.reason)
            projected["notes"].append({"ts": self.k.ts(), "text": note})
        _check_fits(projected, {"units": added, "reason": data.reason or ""})
        if note is not None:
            self.cad.note(incident, note)
            self._note_reassigned(incident, units, data.reason or "")
        sent = self.cad.dispatch(incident, units, by=self._issued_by or None)
        already = [unit.id for unit in units if unit.id not in sent]
        if note is not None and not sent:
            self.cad.emit(incident)  # nothing moved, but the override is on the record
        return {
            "incident": incident.id,
            "version": incident.version,
            "units": sent,
            "already": already,
        }

    def _note_reassigned(
        self, incident: IncidentState, units: list[UnitState], reason: str
    ) -> None:
        """The incidents the units leave get the reason too (emitted as they are detached),
        when they have room for a note and the unit is really on them."""
        for unit in units:
            old = self.cad.incidents.get(unit.incident or "")
            if (
                old is None
                or old is incident
                or old.status in ("resolved", "closed")
                or unit.id not in old.units
                or len(old.notes) >= MAX_NOTES
            ):
                continue
            text = reason_note(f"{_names([unit])} reassigned to {incident.id}", reason)
            projected = old.entity()
            projected["notes"].append({"ts": self.k.ts(), "text": text})
            if len(encode(projected)) <= MAX_ENTITY_BYTES:
                self.cad.note(old, text)

    def _incident_recall(self, data: IncidentRecall) -> dict[str, Any]:
        _check_reason(data.reason)
        incident = self._incident(data.incident)
        _check_version("incident", incident.id, incident.version, data.expected_version)
        units: list[UnitState] = []
        for uid in dict.fromkeys(data.units):
            unit = self._unit(uid)
            if unit.incident != incident.id:
                raise CommandRejected(
                    "conflict",
                    f"unit {uid} ({unit.callsign}) is not on incident {incident.id}; "
                    "nothing to recall",
                )
            units.append(unit)
        self._check_room_for_note(incident, "reason")
        note = reason_note(f"Recalled {_names(units)}", data.reason)
        projected = incident.entity()
        projected["notes"].append({"ts": self.k.ts(), "text": note})
        projected["units"] = [uid for uid in incident.units if uid not in data.units]
        _check_fits(projected, {"reason": data.reason})
        self.cad.note(incident, note)
        for unit in units:
            self.cad.detach(unit, emit=False)
            if unit.status != "off_duty":
                self.fleet.make_available(unit)
            self.fleet.emit_unit(unit)
        self.cad.emit(incident)
        return {
            "incident": incident.id,
            "version": incident.version,
            "units": [unit.id for unit in units],
        }

    def _check_room_for_note(self, incident: IncidentState, field: str) -> None:
        if len(incident.notes) >= MAX_NOTES:
            raise CommandRejected(
                "bad_request",
                f"incident {incident.id} already holds {MAX_NOTES} notes, the most one "
                f"incident may hold - at `$.{field}`",
            )

    def _incident_close(self, data: IncidentClose) -> dict[str, Any]:
        incident = self._incident(data.incident)
        _check_version("incident", incident.id, incident.version, data.expected_version)
        if incident.status == "closed":
            raise CommandRejected("conflict", f"incident {incident.id} is already closed")
        projected = incident.entity()
        projected.update(status="closed", closed_at=self.k.ts())
        if data.resolution:
            projected["resolution"] = data.resolution
        _check_fits(projected, {"resolution": data.resolution})
        self.cad.close(incident, data.resolution)
        return {"incident": incident.id, "version": incident.version}

    # ----------------------------------------------------------------- units
    def _unit_set_status(self, data: UnitSetStatus) -> dict[str, Any]:
        unit = self._unit(data.unit)
        _check_version("unit", unit.id, unit.version, data.expected_version)
        status = data.status
        reason = _status_reason(data)
        if status == unit.status:
            changed = reason is not None and reason != unit.status_reason
            if changed:  # a new reason for the same status
                unit.status_reason = reason
                self.fleet.emit_unit(unit)
            return {"unit": unit.id, "version": unit.version, "changed": changed}
        incident = self.cad.incidents.get(unit.incident or "")
        if status in _OPEN_ENGAGED and (
            incident is None or incident.status in ("resolved", "closed")
        ):
            raise CommandRejected(
                "conflict",
                f"unit {unit.id} has no open incident; send it with incident.dispatch",
            )
        t = self.k.t
        off_shift = unit.status == "off_duty" or (unit.shift_ends_t or 0.0) <= t
        if off_shift and status != "off_duty":  # put on duty: a new shift starts now
            self.fleet.begin_shift(unit, t, self.fleet.shift_hours_s())
        if status == "available":
            if unit.incident is not None:
                self.cad.detach(unit)
            unit.ending = False
            self.fleet.make_available(unit)
        elif status == "off_duty":
            if unit.incident is not None:
                self.cad.detach(unit)
            self.fleet.go_off_duty(unit)
        elif status == "busy":
            unit.status = "busy"
            unit.gen += 1
            self.fleet.halt_for_orders(unit)
        elif status == "dispatched" and incident is not None:
            self.fleet.halt_for_orders(unit)
            unit.status = "dispatched"
            unit.dispatched_at, unit.dispatched_t = self.k.ts(), t
            unit.dispatched_by = self._issued_by or None
            unit.ack_at = unit.ack_via = None
            self.cad.roll_acknowledgement(unit)
        elif status == "en_route" and incident is not None:
            self._manual_ack(unit)
            self.cad.send_en_route(unit)
        elif status == "on_scene" and incident is not None:
            self._manual_ack(unit)
            unit.gen += 1
            unit.legs = []
            unit.lat, unit.lon = incident.lat, incident.lon
            self.fleet.halt_for_orders(unit)
            unit.status = "on_scene"
            self.cad.reach_scene(incident)
        unit.status_reason = reason
        self.fleet.emit_unit(unit)
        return {"unit": unit.id, "version": unit.version, "changed": True}

    def _manual_ack(self, unit: UnitState) -> None:
        if unit.ack_at is None:
            unit.ack_at, unit.ack_via = self.k.ts(), "manual"

    # ---------------------------------------------------------------- alerts
    def _alert_acknowledge(self, data: AlertAcknowledge) -> dict[str, Any]:
        alert = self._alert(data.alert)
        _check_version("alert", alert.id, alert.version, data.expected_version)
        changed = not alert.acknowledged
        if changed:
            alert.acknowledged = True
            alert.acknowledged_at = self.k.ts()
            self.opinion.emit(alert)
        return {"alert": alert.id, "version": alert.version, "changed": changed}

    def _alert_link_incident(self, data: AlertLinkIncident) -> dict[str, Any]:
        alert = self._alert(data.alert)
        _check_version("alert", alert.id, alert.version, data.expected_version)
        self._incident(data.incident)
        changed = alert.incident != data.incident
        if changed:
            alert.incident = data.incident
            self.opinion.emit(alert)
        return {"alert": alert.id, "version": alert.version, "changed": changed}


def _status_reason(data: UnitSetStatus) -> tuple[str, str] | None:
    """``(status, reason)`` of a ``unit.set_status``; out of service needs a reason."""
    if data.status in OUT_OF_SERVICE and not (data.reason or "").strip():
        raise CommandRejected(
            "bad_request",
            f"unit.set_status to {data.status} takes the unit out of service and needs a "
            "reason - at `$.reason`",
        )
    if data.reason is None:
        return None
    _check_reason(data.reason)
    return data.status, data.reason


def _check_reason(reason: str) -> None:
    if not reason.strip():
        raise CommandRejected("bad_request", "a reason must say something - at `$.reason`")


def _names(units: list[UnitState]) -> str:
    """``"U-1 (Callsign), …"`` for a note."""
    return ", ".join(f"{unit.id} ({unit.callsign})" if unit.callsign else unit.id for unit in units)


def _given(data: Struct, *names: str) -> dict[str, Any]:
    """The named fields of a command payload that it sets (for naming a refusal)."""
    given = {name: getattr(data, name) for name in names if getattr(data, name) is not None}
    return given or {names[0]: ""}
