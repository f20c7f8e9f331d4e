"""Rebuilding the simulator's working state from persisted entities after a restart.

The entities are the ones the simulator emitted (latest version per key). What was not
persisted - timers, routes, volume curves - is re-rolled plausibly from the current
clock: dispatched units awaiting acknowledgement get a fresh roll, en-route units drive
on from their last fix, incidents on scene finish their work in a while, closed ones are
removed an hour after closing, alerts age out.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable
from typing import Any

from services.backend.sim.cad import Cad
from services.backend.sim.cameras import CameraNet
from services.backend.sim.fleet import ENGAGED, Fleet
from services.backend.sim.geography import Geography
from services.backend.sim.kernel import Emitted, Kernel
from services.backend.sim.model import CameraState, IncidentState, Station, UnitState
from services.backend.sim.opinion import AlertState, Opinion
from services.protocol.entities import TOPIC_KEY


def latest_entities(events: Iterable[Emitted]) -> dict[str, list[dict[str, Any]]]:
    """The latest entity per key of every topic, removed ones dropped - what a store that
    applied ``events`` holds, in the shape :meth:`Simulator.restore` takes."""
    state: dict[str, dict[str, dict[str, Any]]] = {}
    for event in events:
        key = event.data[TOPIC_KEY[event.topic]]
        bucket = state.setdefault(event.topic, {})
        if event.type.endswith(".removed"):
            bucket.pop(key, None)
        else:
            bucket[key] = event.data
    return {topic: list(items.values()) for topic, items in state.items()}


_INCIDENT_STATUSES = ("new", "dispatched", "en_route", "on_scene", "resolved", "closed")
_UNIT_STATUSES = ("available", "dispatched", "en_route", "on_scene", "busy", "off_duty")


def _location(data: dict[str, Any]) -> tuple[float, float] | None:
    where = data.get("location")
    if isinstance(where, dict) and "lat" in where and "lon" in where:
        return float(where["lat"]), float(where["lon"])
    return None


class Restorer:
    """Turns persisted entity dicts back into working state, topic by topic."""

    def __init__(
        self,
        *,
        kernel: Kernel,
        rng: random.Random,
        geography: Geography,
        stations: dict[str, Station],
        fleet: Fleet,
        cad: Cad,
        opinion: Opinion,
        cameras: CameraNet,
    ) -> None:
        self.k = kernel
        self.rng = rng
        self.geo = geography
        self.stations = stations
        self.fleet = fleet
        self.cad = cad
        self.opinion = opinion
        self.cameras = cameras

    # --------------------------------------------------------------- stations
    def _station(self, data: dict[str, Any], where: tuple[float, float] | None) -> Station:
        key = str(data.get("station") or "S-?")
        station = self.stations.get(key)
        if station is not None:
            return station
        district = self.geo.district(str(data.get("district", "")))
        if district is None and where is not None:
            district = self.geo.district_at(*where)
        district = district or self.geo.districts[0]
        lat, lon = where or district.centre
        station = Station(
            id=key,
            name_zh=str(data.get("station_name") or key),
            name_en=str(data.get("station_name_en") or key),
            district=district,
            lat=lat,
            lon=lon,
        )
        self.stations[key] = station
        return station

    # ------------------------------------------------------------- incidents
    def incidents(self, items: list[dict[str, Any]]) -> None:
        """Restore incidents and re-arm their timers (before the units)."""
        k, profile = self.k, self.cad.profile
        for data in items:
            where = _location(data) or (0.0, 0.0)
            status = str(data.get("status", "new"))
            incident = IncidentState(
                str(data["id"]),
                str(data.get("category", "other")),
                int(data.get("priority", 3)),
                where[0],
                where[1],
            )
            incident.status = status if status in _INCIDENT_STATUSES else "new"
            for name in ("summary", "summary_en", "lang", "address", "address_en"):
                setattr(incident, name, str(data.get(name) or getattr(incident, name)))
            for name in ("district", "district_en", "source", "resolution"):
                setattr(incident, name, str(data.get(name) or getattr(incident, name)))
            incident.reported_at = str(data.get("reported_at") or k.ts())
            incident.reported_t = k.seconds_of_ts(incident.reported_at)
            incident.updated_at = str(data.get("updated_at") or incident.reported_at)
            incident.units = [str(uid) for uid in data.get("units") or []]
            incident.notes = [dict(note) for note in data.get("notes") or []]
            incident.closed_at = data.get("closed_at")
            incident.version = int(data.get("version", 1))
            self.cad.incidents[incident.id] = incident
            self.cad.remember_id(incident.id)
            if incident.status == "new":
                after = profile.auto_dispatch_after_s or 0.0
                self.cad.arm_auto_dispatch(incident, max(k.t, incident.reported_t + after))
            elif incident.status == "resolved":
                self.cad.close_later(incident)
            elif incident.status == "closed":
                closed_t = k.seconds_of_ts(incident.closed_at or incident.updated_at)
                incident.closed_t = closed_t
                self.cad.schedule_removal(incident, closed_t + profile.remove_closed_after_s)

    # ------------------------------------------------------------------ units
    def units(self, items: list[dict[str, Any]], positions: list[dict[str, Any]]) -> None:
        """Restore units with their last fixes; resume their jobs, patrols and shifts."""
        fixes = {str(p.get("unit")): p for p in positions}
        k, fleet = self.k, self.fleet
        for data in items:
            fix = fixes.get(str(data["id"]))
            where = (float(fix["lat"]), float(fix["lon"])) if fix else None
            station = self._station(data, where)
            unit = UnitState(
                str(data["id"]),
                str(data.get("callsign") or data["id"]),
                str(data.get("kind") or "patrol_car"),
                station,
            )
            status = str(data.get("status", "available"))
            unit.status = status if status in _UNIT_STATUSES else "available"
            unit.incident = data.get("incident")
            unit.dispatched_at = data.get("dispatched_at")
            unit.dispatched_t = k.seconds_of_ts(unit.dispatched_at)
            unit.ack_at = data.get("ack_at")
            unit.ack_via = data.get("ack_via")
            unit.dispatched_by = data.get("dispatched_by")
            reason = data.get("status_reason")
            unit.status_reason = (unit.status, str(reason)) if reason else None
            unit.version = int(data.get("version", 1))
            if fix is not None and where is not None:
                unit.lat, unit.lon = where
                unit.heading = float(fix.get("heading") or 0.0)
                unit.pos_version = int(fix.get("version") or 0)
                speed = float(fix.get("speed") or 0.0)
                unit.fix = (where[0], where[1], unit.heading, speed, str(fix.get("fix_at")))
            fleet.units[unit.id] = unit
            self._resume_shift(unit, data)
            self._resume_job(unit)
            period = (
                fleet.profile.off_duty_position_period_s
                if unit.status == "off_duty"
                else fleet.profile.position_period_s
            )
            fleet.start_reporting(unit, k.t + self.rng.uniform(0.0, period))
        self._settle_orphans()

    def _resume_shift(self, unit: UnitState, data: dict[str, Any]) -> None:
        k, fleet = self.k, self.fleet
        if unit.status == "off_duty":
            fleet.plan_next_shift(unit, k.t + self.rng.uniform(0.0, fleet.off_duty_s(36_000.0)))
            return
        started = k.seconds_of_ts(data.get("shift_started_at"))
        ends_at = data.get("shift_ends_at")
        length = k.seconds_of_ts(ends_at) - started if ends_at else fleet.shift_hours_s()
        fleet.begin_shift(unit, started, max(length, 60.0))

    def _resume_job(self, unit: UnitState) -> None:
        k, fleet, cad = self.k, self.fleet, self.cad
        incident = cad.incidents.get(unit.incident or "")
        open_incident = incident is not None and incident.status not in ("resolved", "closed")
        if unit.status in ENGAGED and not open_incident:
            fleet.make_available(unit)
            fleet.emit_unit(unit)
            return
        if unit.status == "available":
            unit.incident = None
            unit.idle_until = k.t + self.rng.uniform(0.0, 60.0)
        elif unit.status == "off_duty":
            unit.idle_until = k.t  # heads home
        elif unit.status == "busy":
            fleet.halt_for_orders(unit)
        elif unit.status == "dispatched":
            fleet.halt_for_orders(unit)
            if unit.ack_at is None:
                cad.roll_acknowledgement(unit)
            else:
                cad.send_en_route(unit)
        elif unit.status == "en_route":
            cad.send_en_route(unit)
        elif unit.status == "on_scene" and incident is not None:
            fleet.halt_for_orders(unit)
            cad.reach_scene(incident)

    def _settle_orphans(self) -> None:
        """Engaged incidents whose units are gone are new again (dispatcher decides)."""
        for incident in list(self.cad.incidents.values()):
            if incident.status not in ENGAGED:
                continue
            working = [
                unit
                for uid in incident.units
                if (unit := self.fleet.units.get(uid)) is not None
                and unit.incident == incident.id
                and unit.status in (*ENGAGED, "busy")
            ]
            if not working:
                incident.status = "new"
                incident.gen += 1
                self.cad.emit(incident)
                self.cad.arm_auto_dispatch(incident, self.k.t)
            elif incident.status == "on_scene" and not incident.working:
                self.cad.reach_scene(incident)

    # ---------------------------------------------------------------- cameras
    def cameras_(self, items: list[dict[str, Any]]) -> None:
        """Restore cameras; offline ones come back in due course."""
        for data in items:
            camera = CameraState(
                str(data["id"]),
                str(data.get("name") or data["id"]),
                str(data.get("name_en") or ""),
                str(data.get("kind") or "fixed"),
                str(data.get("district") or ""),
            )
            camera.lat, camera.lon = _location(data) or (0.0, 0.0)
            camera.status = "offline" if data.get("status") == "offline" else "online"
            camera.version = int(data.get("version", 1))
            stream = data.get("stream") or {}
            if stream.get("kind") == "url" and stream.get("url"):
                camera.url = str(stream["url"])
            self.cameras.add(camera)

    # ----------------------------------------------------------------- alerts
    def alerts(self, items: list[dict[str, Any]]) -> None:
        """Restore alerts at their last volume; they age out ``alert_ttl_s`` after."""
        k = self.k
        for data in items:
            alert = AlertState(str(data["id"]))
            for name in ("ts", "platform", "kind", "topic", "topic_en", "excerpt", "excerpt_en"):
                setattr(alert, name, str(data.get(name) or ""))
            for name in ("district", "district_en", "severity"):
                setattr(alert, name, str(data.get(name) or getattr(alert, name)))
            alert.updated_at = str(data.get("updated_at") or alert.ts or k.ts())
            alert.updated_t = k.seconds_of_ts(alert.updated_at)
            alert.t0 = k.seconds_of_ts(alert.ts or None)  # (a busy alert's curve restarts)
            alert.posts = ((alert.excerpt, alert.excerpt_en),)
            alert.sentiment = float(data.get("sentiment") or 0.0)
            alert.volume = alert.base = alert.peak = int(data.get("volume") or 0)
            alert.location = _location(data)
            alert.incident = data.get("incident")
            alert.floor = "watch" if alert.incident else "info"
            alert.acknowledged = bool(data.get("acknowledged"))
            alert.acknowledged_at = data.get("acknowledged_at")
            alert.version = int(data.get("version", 1))
            if not math.isfinite(alert.sentiment):
                alert.sentiment = 0.0
            self.opinion.alerts[alert.id] = alert
            self.opinion.remember_id(alert.id)
            self.opinion.schedule_restored(alert)
