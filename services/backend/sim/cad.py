"""The CAD: 110 calls becoming incidents, and the dispatch state machine.

An incident goes new -> dispatched -> en_route -> on_scene -> resolved -> closed and is
removed an hour after closing. A dispatched unit waits for its field terminal to
acknowledge (lognormal delay); some terminals never do, and the station confirms the
order by phone after ``phone_confirm_after_s`` - as the S-city study found. The virtual
dispatcher at another desk sends the nearest available unit(s) to any incident still new
after ``auto_dispatch_after_s``.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable

from services.backend.sim.calls import drones_help, make_call, work_minutes
from services.backend.sim.fleet import ENGAGED, Fleet
from services.backend.sim.geography import Geography, distance_m
from services.backend.sim.kernel import DailyIds, Kernel
from services.backend.sim.model import IncidentState, Station, UnitState
from services.backend.sim.places import address
from services.backend.sim.profiles import Profile
from services.backend.sim.world import clustered_point, district_weight
from services.protocol.limits import MAX_NOTES

#: Call rate by local hour (UTC+8), relative; the peak is in the evening.
_HOURLY = (
    0.6, 0.45, 0.35, 0.3, 0.3, 0.35, 0.5, 0.8, 1.0, 1.0, 1.0, 1.05,
    1.1, 1.0, 1.0, 1.0, 1.05, 1.15, 1.25, 1.3, 1.3, 1.2, 1.0, 0.8,
)  # fmt: skip
_PEAK = max(_HOURLY)
_RETRY_S = 30.0  # the virtual dispatcher looks again when no unit was free
_REACH_S = 900.0  # at first it only sends units at most this far away (by ETA)
_WORKING = ENGAGED | {"busy"}


class Cad:
    """Incidents and the dispatch of units to them."""

    def __init__(
        self,
        *,
        kernel: Kernel,
        rng: random.Random,
        geography: Geography,
        profile: Profile,
        fleet: Fleet,
        stations: dict[str, list[Station]],
    ) -> None:
        self.k = kernel
        self.rng = rng
        self.geo = geography
        self.profile = profile
        self.fleet = fleet
        self.stations = stations
        self.incidents: dict[str, IncidentState] = {}
        self._districts = [d for d in geography.districts if d.name_zh in stations]
        self._weights = [district_weight(d) for d in self._districts]
        self._ids = DailyIds("I", self.k)
        #: called after an incident is created (the opinion stream reacts to some)
        self.on_created: Callable[[IncidentState], None] = lambda incident: None

    # --------------------------------------------------------------- identity
    def remember_id(self, iid: str) -> None:
        """Note an existing id (after a restart) so new ids never collide with it."""
        self._ids.remember(iid)

    def _next_id(self) -> str:
        return self._ids.next()

    # ---------------------------------------------------------------- events
    def emit(self, incident: IncidentState, created: bool = False) -> None:
        """Bump the incident's version, stamp ``updated_at`` and emit it."""
        incident.version += 1
        incident.updated_at = self.k.ts()
        kind = "incident.created" if created else "incident.updated"
        self.k.emit("incidents", kind, incident.entity())

    # -------------------------------------------------------------- arrivals
    def start(self) -> None:
        """Start the stream of 110 calls."""
        self._schedule_call()

    def _schedule_call(self) -> None:
        interval = self.profile.call_interval_s
        if interval <= 0:
            return
        peak = _PEAK if self.profile.diurnal else 1.0
        self.k.schedule(self.k.t + self.rng.expovariate(peak / interval), self._call)

    def _call(self, _subject: object, _gen: int) -> None:
        accept = 1.0
        if self.profile.diurnal:
            hour = (self.k.moment(self.k.t).hour + 8) % 24
            accept = _HOURLY[hour] / _PEAK
        if self.rng.random() < accept:
            self.random_incident()
        self._schedule_call()

    def random_incident(self) -> IncidentState:
        """A 110 call somewhere in the city, clustered where people are."""
        rng = self.rng
        district = rng.choices(self._districts, self._weights)[0]
        lat, lon = clustered_point(rng, district, self.stations[district.name_zh])
        short, full = address(rng, district.name_zh, district.name_en)
        call = make_call(rng, short)
        incident = self.open(call.category.name, call.priority, lat, lon, call.source)
        incident.summary, incident.summary_en, incident.lang = (
            call.summary,
            call.summary_en,
            call.lang,
        )
        incident.address, incident.address_en = full.zh, full.en
        incident.district, incident.district_en = district.name_zh, district.name_en
        incident.phone_only = call.source == "call" and rng.random() < call.category.phone_share
        self.publish(incident)
        return incident

    def open(
        self, category: str, priority: int, lat: float, lon: float, source: str
    ) -> IncidentState:
        """A new incident (not yet published: fill in the texts, then ``publish``)."""
        incident = IncidentState(self._next_id(), category, priority, lat, lon)
        incident.source = source
        incident.reported_at = self.k.ts()
        incident.reported_t = self.k.t
        return incident

    def publish(self, incident: IncidentState) -> None:
        """Register and emit a new incident; arm the phone settlement and auto-dispatch."""
        self.incidents[incident.id] = incident
        self.emit(incident, created=True)
        after = self.profile.auto_dispatch_after_s
        if incident.phone_only:
            wait = after * self.rng.uniform(0.3, 0.9) if after else self.rng.uniform(60, 180)
            self.k.schedule(self.k.t + wait, self._phone_settle, incident, incident.gen)
        self.arm_auto_dispatch(incident, self.k.t + (after or 0.0))
        self.on_created(incident)

    def arm_auto_dispatch(self, incident: IncidentState, at: float) -> None:
        """Have the virtual dispatcher look at the incident at ``at`` (if enabled)."""
        if self.profile.auto_dispatch_after_s is not None:
            self.k.schedule(at, self._auto_dispatch, incident, incident.gen)

    def _phone_settle(self, incident: IncidentState, gen: int) -> None:
        if gen == incident.gen and incident.status == "new" and incident.phone_only:
            if len(incident.notes) < MAX_NOTES:  # a full incident takes no more notes
                self.note(incident, "电话处理完毕 / settled on the phone by the call-taker")
            self.resolve(incident)

    def _auto_dispatch(self, incident: IncidentState, gen: int) -> None:
        if gen != incident.gen or incident.status != "new" or incident.phone_only:
            return
        count = 2 if incident.priority == 1 else 1
        # the longer an incident waits, the further away the dispatcher looks for a unit
        growth = 1.0 if incident.priority <= 2 else 0.25
        reach = _REACH_S + growth * (self.k.t - incident.reported_t)
        units = self.fleet.nearest_available(
            incident.lat, incident.lon, count, drones_help(incident.category), reach
        )
        if units:
            self.dispatch(incident, units)
        else:
            self.k.schedule(self.k.t + _RETRY_S, self._auto_dispatch, incident, incident.gen)

    def note(self, incident: IncidentState, text: str) -> None:
        """Append a note (no event: the caller emits the incident); callers keep to
        :data:`~services.protocol.limits.MAX_NOTES`."""
        incident.notes = [*incident.notes, {"ts": self.k.ts(), "text": text}]

    # -------------------------------------------------------------- dispatch
    def dispatch(
        self, incident: IncidentState, units: list[UnitState], by: str | None = None
    ) -> list[str]:
        """Send units to the incident (reassigning them from other incidents); emit events.

        ``by`` names the client whose command sent them (None: the CAD's own dispatch).
        """
        sent: list[str] = []
        for unit in units:
            if unit.incident == incident.id and unit.status in _WORKING:
                continue
            if unit.incident is not None:
                self.detach(unit)
            self.fleet.halt_for_orders(unit)
            unit.status = "dispatched"
            unit.incident = incident.id
            unit.dispatched_at = self.k.ts()
            unit.dispatched_by = by
            unit.dispatched_t = self.k.t
            unit.ack_at = unit.ack_via = None
            self.roll_acknowledgement(unit)
            self.fleet.emit_unit(unit)
            if unit.id not in incident.units:
                incident.units = [*incident.units, unit.id]
            sent.append(unit.id)
        if sent:
            incident.phone_only = False
            if incident.status == "new":
                incident.status = "dispatched"
            self.emit(incident)
        return sent

    def roll_acknowledgement(self, unit: UnitState) -> None:
        """Schedule the terminal's acknowledgement, or the phone confirmation if it never acks."""
        unit.gen += 1
        profile = self.profile
        if self.rng.random() < profile.never_ack_probability:
            at = max(unit.dispatched_t + profile.phone_confirm_after_s, self.k.t)
            self.k.schedule(at, self._phone_ack, unit, unit.gen)
            return
        delay = self.rng.lognormvariate(math.log(max(profile.ack_median_s, 0.1)), 0.6)
        self.k.schedule(
            self.k.t + min(delay, profile.ack_max_s), self._terminal_ack, unit, unit.gen
        )

    def _terminal_ack(self, unit: UnitState, gen: int) -> None:
        if gen == unit.gen and unit.status == "dispatched":
            self.acknowledge(unit, "terminal")

    def _phone_ack(self, unit: UnitState, gen: int) -> None:
        if gen == unit.gen and unit.status == "dispatched":
            self.acknowledge(unit, "phone")

    def acknowledge(self, unit: UnitState, via: str) -> None:
        """The order reached the unit: it sets off for the incident."""
        unit.ack_at = self.k.ts()
        unit.ack_via = via
        self.send_en_route(unit)
        self.fleet.emit_unit(unit)

    def send_en_route(self, unit: UnitState) -> None:
        """Start the unit driving to its incident; advance the incident (no unit event)."""
        incident = self.incidents.get(unit.incident or "")
        if incident is None:
            self.fleet.make_available(unit)
            return
        unit.status = "en_route"
        unit.gen += 1
        unit.halt(self.k.t)
        arrival = self.fleet.route(unit, self.k.t, incident.lat, incident.lon, respond=True)
        unit.idle_until = math.inf
        self.k.schedule(arrival, self._arrive, unit, unit.gen)
        if incident.status in ("new", "dispatched"):
            incident.status = "en_route"
            self.emit(incident)

    def _arrive(self, unit: UnitState, gen: int) -> None:
        if gen != unit.gen or unit.status != "en_route":
            return
        unit.where(self.k.t)
        unit.status = "on_scene"
        self.fleet.emit_unit(unit)
        incident = self.incidents.get(unit.incident or "")
        if incident is not None:
            self.reach_scene(incident)

    def reach_scene(self, incident: IncidentState) -> None:
        """A unit is on scene: the incident is too, and the work starts (once)."""
        if incident.status in ("new", "dispatched", "en_route"):
            incident.status = "on_scene"
            self.emit(incident)
        if not incident.working and incident.status == "on_scene":
            incident.working = True
            low, high = work_minutes(incident.category)
            done = self.k.t + 60.0 * self.rng.uniform(low, high)
            self.k.schedule(done, self._work_done, incident, incident.gen)

    def _work_done(self, incident: IncidentState, gen: int) -> None:
        if gen == incident.gen and incident.status == "on_scene":
            self.resolve(incident)

    def detach(self, unit: UnitState, *, emit: bool = True) -> None:
        """Take the unit off its incident; an incident left without units is new again.

        ``emit=False`` leaves emitting the incident to the caller (one event for several).
        """
        incident = self.incidents.get(unit.incident or "")
        unit.incident = None
        if incident is None or incident.status in ("resolved", "closed"):
            return
        if unit.id not in incident.units:
            return
        incident.units = [uid for uid in incident.units if uid != unit.id]
        still = [
            uid
            for uid in incident.units
            if (other := self.fleet.units.get(uid)) is not None
            and other.incident == incident.id
            and other.status in _WORKING
        ]
        if not still and incident.status in ENGAGED:
            incident.status = "new"
            incident.working = False
            incident.gen += 1
            self.arm_auto_dispatch(incident, self.k.t + _RETRY_S)
        if emit:
            self.emit(incident)

    def _release_units(self, incident: IncidentState) -> None:
        for uid in incident.units:
            unit = self.fleet.units.get(uid)
            if unit is not None and unit.incident == incident.id and unit.status != "off_duty":
                self.fleet.make_available(unit)
                self.fleet.emit_unit(unit)

    # ------------------------------------------------------------- closing
    def resolve(self, incident: IncidentState) -> None:
        """Work done: the incident is resolved, its units free; it closes a little later."""
        incident.status = "resolved"
        incident.working = False
        incident.gen += 1
        self.emit(incident)
        self._release_units(incident)
        self.close_later(incident)

    def close_later(self, incident: IncidentState) -> None:
        """Close the resolved incident after the profile's delay."""
        delay = self.rng.uniform(*self.profile.close_after_s)
        self.k.schedule(self.k.t + delay, self._auto_close, incident, incident.gen)

    def _auto_close(self, incident: IncidentState, gen: int) -> None:
        if gen == incident.gen and incident.status == "resolved":
            self.close(incident, "")

    def close(self, incident: IncidentState, resolution: str) -> None:
        """Close the incident now (freeing any units still on it); removal follows later."""
        incident.status = "closed"
        incident.working = False
        incident.gen += 1
        incident.closed_at = self.k.ts()
        incident.closed_t = self.k.t
        if resolution:
            incident.resolution = resolution
        self.emit(incident)
        self._release_units(incident)
        self.schedule_removal(incident, self.k.t + self.profile.remove_closed_after_s)

    def schedule_removal(self, incident: IncidentState, at: float) -> None:
        """Remove the closed incident from the topic at ``at``."""
        self.k.schedule(at, self._remove, incident, incident.gen)

    def _remove(self, incident: IncidentState, gen: int) -> None:
        if gen == incident.gen and incident.status == "closed":
            del self.incidents[incident.id]
            self.k.emit("incidents", "incident.removed", {"id": incident.id})

    def distance_to(self, unit: UnitState, incident: IncidentState) -> float:
        """Metres between the unit (now) and the incident."""
        lat, lon, _, _ = self.fleet.locate(unit, self.k.t)
        return distance_m(lat, lon, incident.lat, incident.lon)
