"""Units on the move: patrols, routes, AVL position reports and shifts.

Positions are computed lazily: a unit holds a few straight legs with start and end times,
and its position is interpolated only when it reports (every ``position_period_s``) or
when someone asks. Street driving is modelled as an L-shaped route (north-south, then
east-west or the other way round, whichever corner lies inside the city), which gives a
realistic road factor of 1-1.4 and street-like headings; drones fly straight.
"""

from __future__ import annotations

import heapq
import itertools
import math
import random
from typing import Any

from services.backend.sim.geography import Geography, bearing_deg, distance_m, offset
from services.backend.sim.kernel import Kernel
from services.backend.sim.model import Leg, UnitState
from services.backend.sim.profiles import Profile
from services.backend.sim.world import on_land

#: Statuses in which a unit is working on an incident.
ENGAGED = frozenset({"dispatched", "en_route", "on_scene"})
_HOME_M = 30.0  # closer than this to the station counts as "at the station"
_SAMPLE_M = 250.0  # spacing of the on-land checks along a planned path

Point = tuple[float, float]


class Fleet:
    """All units, their movement and their AVL reporting."""

    def __init__(
        self, kernel: Kernel, rng: random.Random, geography: Geography, profile: Profile
    ) -> None:
        self.k = kernel
        self.rng = rng
        self.geo = geography
        self.profile = profile
        self.units: dict[str, UnitState] = {}
        period = profile.position_period_s
        self._stale_p = profile.stale_fix_per_hour * period / 3600.0

    # ------------------------------------------------------------------ events
    def emit_unit(self, unit: UnitState, created: bool = False) -> None:
        """Bump the unit's version and emit it; a status reason given for another status
        than the unit's is forgotten (it went back into service, or somewhere else)."""
        if unit.status_reason is not None and unit.status_reason[0] != unit.status:
            unit.status_reason = None
        unit.version += 1
        self.k.emit("units", "unit.created" if created else "unit.updated", unit.entity())

    # ---------------------------------------------------------------- movement
    def locate(self, unit: UnitState, t: float) -> tuple[float, float, float, float]:
        """Where the unit is at ``t`` (lat, lon, heading, speed), planning patrols lazily."""
        while True:
            here = unit.where(t)
            if unit.legs or t < unit.idle_until:
                return here
            if not self._next_move(unit, unit.idle_until):
                unit.idle_until = math.inf
                return here

    def _next_move(self, unit: UnitState, start: float) -> bool:
        """Plan the unit's next leg(s) from its resting point at ``start``; False if none."""
        spec = unit.spec
        station = unit.station
        at_home = distance_m(unit.lat, unit.lon, station.lat, station.lon) < _HOME_M
        if unit.status == "off_duty" or (unit.status == "available" and spec.docked):
            if at_home:
                return False
            self.route(unit, start, station.lat, station.lon, respond=False)
            unit.idle_until = math.inf
            return True
        if unit.status != "available":
            return False
        rng = self.rng
        for _ in range(4):
            angle = rng.uniform(0.0, 2 * math.pi)
            reach = spec.patrol_radius_m * math.sqrt(rng.random())
            lat, lon = offset(
                station.lat, station.lon, reach * math.cos(angle), reach * math.sin(angle)
            )
            if not (station.district.contains(lat, lon) and on_land(lat, lon)):
                continue
            points, passable = self.path(unit, lat, lon)
            if passable:
                arrival = self.route(unit, start, lat, lon, respond=False, points=points)
                unit.idle_until = arrival + rng.uniform(*spec.pause_s)
                return True
        unit.idle_until = start + rng.uniform(*spec.pause_s)  # no good target: stay a while
        return True

    def path(self, unit: UnitState, lat: float, lon: float) -> tuple[list[Point], bool]:
        """Turning points from the unit's resting point to ``(lat, lon)``, and whether the
        whole path stays on land (inside the districts).

        Ground units try both L-shaped routes, then the straight line; drones fly straight.
        """
        here, there = (unit.lat, unit.lon), (lat, lon)
        candidates: list[list[Point]] = []
        if not unit.spec.straight:
            corners = [(lat, unit.lon), (unit.lat, lon)]
            if self.rng.random() < 0.5:
                corners.reverse()
            candidates = [[here, corner, there] for corner in corners]
        candidates.append([here, there])
        if unit.spec.straight:
            return candidates[0], True
        for points in candidates:
            if self._on_land(points):
                return points, True
        return candidates[0], False

    def _on_land(self, points: list[Point]) -> bool:
        contains = self.geo.contains
        for (lat0, lon0), (lat1, lon1) in itertools.pairwise(points):
            samples = int(distance_m(lat0, lon0, lat1, lon1) / _SAMPLE_M) + 1
            for i in range(1, samples + 1):
                share = i / samples
                if not contains(lat0 + share * (lat1 - lat0), lon0 + share * (lon1 - lon0)):
                    return False
        return True

    def route(
        self,
        unit: UnitState,
        start: float,
        lat: float,
        lon: float,
        *,
        respond: bool,
        points: list[Point] | None = None,
    ) -> float:
        """Replace the unit's legs with a route to ``(lat, lon)``; return the arrival time.

        The unit must be resting (call ``halt`` first when it may be moving).
        """
        spec = unit.spec
        speed = self.rng.uniform(*(spec.response_speed if respond else spec.patrol_speed))
        if points is None:
            points, _ = self.path(unit, lat, lon)
        legs: list[Leg] = []
        t = start
        for (lat0, lon0), (lat1, lon1) in itertools.pairwise(points):
            length = distance_m(lat0, lon0, lat1, lon1)
            if length < 1.0:
                continue
            duration = length / speed
            heading = round(bearing_deg(lat0, lon0, lat1, lon1), 1) % 360.0
            legs.append(Leg(t, lat0, lon0, t + duration, lat1, lon1, heading, speed))
            t += duration
        unit.legs = legs
        return t

    # --------------------------------------------------------------------- AVL
    def start_reporting(self, unit: UnitState, first: float) -> None:
        """Schedule the unit's first position report at ``first``."""
        self.k.schedule(first, self._report, unit)

    def report_now(self, unit: UnitState) -> None:
        """Emit a position fix for the unit at the current time (no schedule change)."""
        lat, lon, heading, speed = self.locate(unit, self.k.t)
        self._emit_fix(unit, lat, lon, heading, speed)

    def _emit_fix(
        self, unit: UnitState, lat: float, lon: float, heading: float, speed: float
    ) -> None:
        if speed > 0.0:
            speed = round(speed * self.rng.uniform(0.85, 1.1), 1)
        unit.pos_version += 1
        fix = (round(lat, 6), round(lon, 6), heading, speed, self.k.ts())
        unit.fix = fix
        data: dict[str, Any] = {
            "unit": unit.id,
            "lat": fix[0],
            "lon": fix[1],
            "heading": heading,
            "speed": speed,
            "fix_at": fix[4],
            "version": unit.pos_version,
        }
        self.k.emit("positions", "position.updated", data)

    def _report(self, unit: UnitState, _gen: int) -> None:
        t = self.k.t
        lat, lon, heading, speed = self.locate(unit, t)
        self._emit_fix(unit, lat, lon, heading, speed)
        profile = self.profile
        if unit.status == "off_duty":
            period = profile.off_duty_position_period_s
        else:
            period = profile.position_period_s
        following = t + period
        if self._stale_p > 0.0 and self.rng.random() < self._stale_p:
            following += self.rng.uniform(*profile.stale_fix_s)  # the AVL box goes quiet
        self.k.schedule(following, self._report, unit)

    # ------------------------------------------------------------------ shifts
    def shift_hours_s(self) -> float:
        """A shift length in seconds, drawn from the profile's range (whole hours)."""
        low, high = self.profile.shift_hours
        return 3600.0 * self.rng.randint(int(low), int(high))

    def off_duty_s(self, shift_s: float) -> float:
        """Rest time after a shift that keeps the on-duty share near the profile's."""
        share = min(max(self.profile.on_duty_fraction, 0.05), 0.95)
        return shift_s * (1.0 - share) / share * self.rng.uniform(0.8, 1.2)

    def begin_shift(self, unit: UnitState, started_t: float, length_s: float) -> None:
        """Put the unit on shift from ``started_t`` (maybe in the past) for ``length_s``."""
        unit.shift_started_at = self.k.ts(started_t)
        unit.shift_ends_t = started_t + length_s
        unit.shift_ends_at = self.k.ts(started_t + length_s)
        unit.ending = False
        unit.shift_gen += 1
        self.k.schedule(unit.shift_ends_t, self._shift_end, unit, unit.shift_gen)

    def plan_next_shift(self, unit: UnitState, start_t: float) -> None:
        """Schedule the off-duty unit's next shift to start at ``start_t``."""
        unit.shift_gen += 1
        unit.shift_ends_t = None
        unit.shift_ends_at = None
        self.k.schedule(start_t, self._shift_start, unit, unit.shift_gen)

    def _shift_start(self, unit: UnitState, gen: int) -> None:
        if gen != unit.shift_gen or unit.status != "off_duty":
            return
        unit.status = "available"
        unit.halt(self.k.t)
        unit.idle_until = self.k.t + self.rng.uniform(60.0, 600.0)  # briefing first
        self.begin_shift(unit, self.k.t, self.shift_hours_s())
        self.emit_unit(unit)

    def _shift_end(self, unit: UnitState, gen: int) -> None:
        if gen != unit.shift_gen:
            return
        if unit.status in ENGAGED or (unit.status == "busy" and unit.incident):
            unit.ending = True  # finishes the job first; the CAD sends it home on release
            return
        if unit.status != "off_duty":
            self.go_off_duty(unit)
            self.emit_unit(unit)

    def go_off_duty(self, unit: UnitState) -> None:
        """Set the unit off duty (no event): it heads home and rests until its next shift."""
        length = (unit.shift_ends_t or self.k.t) - self.k.seconds_of_ts(unit.shift_started_at)
        unit.status = "off_duty"
        unit.incident = None
        unit.dispatched_at = unit.ack_at = unit.ack_via = None
        unit.gen += 1
        unit.ending = False
        unit.halt(self.k.t)
        unit.idle_until = self.k.t
        self.plan_next_shift(unit, self.k.t + self.off_duty_s(max(length, 3600.0)))

    def halt_for_orders(self, unit: UnitState) -> None:
        """Stop the unit where it is and keep it there (awaiting orders, busy, on scene)."""
        unit.halt(self.k.t)
        unit.idle_until = math.inf

    def make_available(self, unit: UnitState) -> None:
        """Free the unit from its incident (no event): patrol, or go home if its shift is over."""
        t = self.k.t
        if unit.ending or (unit.shift_ends_t is not None and unit.shift_ends_t <= t):
            self.go_off_duty(unit)
            return
        unit.status = "available"
        unit.incident = None
        unit.dispatched_at = unit.ack_at = unit.ack_via = None
        unit.gen += 1
        unit.halt(t)
        unit.idle_until = t + self.rng.uniform(30.0, 180.0)

    # ---------------------------------------------------------------- queries
    def nearest_available(
        self, lat: float, lon: float, count: int, allow_drones: bool, max_eta_s: float
    ) -> list[UnitState]:
        """Up to ``count`` available units that would reach the point soonest (by last fix),
        none of them further than ``max_eta_s`` away."""
        scored: list[tuple[float, int, UnitState]] = []
        for order, unit in enumerate(self.units.values()):
            if unit.status != "available" or (unit.spec.docked and not allow_drones):
                continue
            fix = unit.fix
            ulat, ulon = (fix[0], fix[1]) if fix else (unit.lat, unit.lon)
            factor = 1.0 if unit.spec.straight else 1.3
            eta = distance_m(ulat, ulon, lat, lon) * factor / unit.spec.response_speed[0]
            if eta <= max_eta_s:
                scored.append((eta, order, unit))
        return [unit for _, _, unit in heapq.nsmallest(count, scored)]
