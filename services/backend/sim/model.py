"""Working state of the simulated world: stations, units, incidents, cameras and alerts.

Each class keeps the protocol entity's fields plus the simulator's private bookkeeping
(movement legs, timers' generation numbers). ``entity()`` always builds a fresh dict, so
an emitted event never shares a mutable object with the working state.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, NamedTuple

from services.backend.sim.geography import District


@dataclass(frozen=True)
class KindSpec:
    """How a kind of unit moves: speeds in m/s, patrol radius and pauses."""

    patrol_speed: tuple[float, float]
    response_speed: tuple[float, float]
    patrol_radius_m: float
    pause_s: tuple[float, float]
    #: flies in a straight line (drones) rather than along streets
    straight: bool = False
    #: stays docked at its station while available (drones)
    docked: bool = False


KINDS: dict[str, KindSpec] = {
    "patrol_car": KindSpec((7.0, 12.0), (11.0, 14.0), 3000.0, (60.0, 420.0)),
    "motorbike": KindSpec((6.0, 11.0), (10.0, 13.0), 2500.0, (60.0, 300.0)),
    "foot": KindSpec((1.1, 1.5), (1.4, 2.0), 700.0, (60.0, 600.0)),
    "community": KindSpec((2.5, 4.5), (3.5, 5.5), 1200.0, (120.0, 900.0)),
    "drone": KindSpec((12.0, 15.0), (12.0, 15.0), 0.0, (0.0, 0.0), straight=True, docked=True),
}


def kind_spec(kind: str) -> KindSpec:
    """Movement of a unit kind; unknown kinds move like patrol cars."""
    return KINDS.get(kind, KINDS["patrol_car"])


@dataclass(eq=False)
class Station:
    """A police station: where its units start, patrol around and go home to."""

    id: str
    name_zh: str
    name_en: str
    district: District
    lat: float
    lon: float


class Leg(NamedTuple):
    """One straight stretch of movement from time ``t0`` to ``t1``."""

    t0: float
    lat0: float
    lon0: float
    t1: float
    lat1: float
    lon1: float
    heading: float
    speed: float


class UnitState:
    """A unit: CAD fields, where it is going, and its AVL reporting state."""

    __slots__ = (
        "ack_at",
        "ack_via",
        "callsign",
        "dispatched_at",
        "dispatched_by",
        "dispatched_t",
        "ending",
        "fix",
        "gen",
        "heading",
        "id",
        "idle_until",
        "incident",
        "kind",
        "lat",
        "legs",
        "lon",
        "pos_version",
        "shift_ends_at",
        "shift_ends_t",
        "shift_gen",
        "shift_started_at",
        "spec",
        "station",
        "status",
        "status_reason",
        "version",
    )

    def __init__(self, uid: str, callsign: str, kind: str, station: Station) -> None:
        self.id = uid
        self.callsign = callsign
        self.kind = kind
        self.spec = kind_spec(kind)
        self.station = station
        self.status = "available"
        self.incident: str | None = None
        self.dispatched_at: str | None = None
        self.dispatched_t = 0.0
        #: the client whose command gave the current order (None: the CAD's own dispatch)
        self.dispatched_by: str | None = None
        #: (status, why) from ``unit.set_status``; shown while the unit keeps that status
        self.status_reason: tuple[str, str] | None = None
        self.ack_at: str | None = None
        self.ack_via: str | None = None
        self.shift_started_at: str | None = None
        self.shift_ends_at: str | None = None
        self.shift_ends_t: float | None = None
        #: the shift is over but the unit is still on a job: off duty when released
        self.ending = False
        self.version = 0
        #: bumped to cancel the unit's pending acknowledgement/arrival actions
        self.gen = 0
        #: bumped to cancel the unit's pending shift start/end actions
        self.shift_gen = 0
        # movement: resting point (or end of the last finished leg) and pending legs
        self.lat = station.lat
        self.lon = station.lon
        self.heading = 0.0
        self.legs: list[Leg] = []
        self.idle_until = 0.0
        # AVL: last reported fix (lat, lon, heading, speed, fix_at) and its version
        self.pos_version = 0
        self.fix: tuple[float, float, float, float, str] | None = None

    def where(self, t: float) -> tuple[float, float, float, float]:
        """Position, heading and speed at time ``t`` (drops the legs already finished)."""
        legs = self.legs
        while legs and legs[0].t1 <= t:
            leg = legs.pop(0)
            self.lat, self.lon, self.heading = leg.lat1, leg.lon1, leg.heading
        if not legs:
            return self.lat, self.lon, self.heading, 0.0
        leg = legs[0]
        if t <= leg.t0:
            return leg.lat0, leg.lon0, leg.heading, 0.0
        share = (t - leg.t0) / (leg.t1 - leg.t0)
        return (
            leg.lat0 + share * (leg.lat1 - leg.lat0),
            leg.lon0 + share * (leg.lon1 - leg.lon0),
            leg.heading,
            leg.speed,
        )

    def halt(self, t: float) -> None:
        """Stop where the unit is at time ``t``; forget the remaining legs."""
        self.lat, self.lon, self.heading, _ = self.where(t)
        self.legs = []

    def arrival_t(self) -> float | None:
        """When the last pending leg ends, or ``None`` when the unit is not moving."""
        return self.legs[-1].t1 if self.legs else None

    def entity(self) -> dict[str, Any]:
        """The unit as a protocol entity (fresh dict); ``dispatched_by`` while its order
        stands, ``status_reason`` while it keeps the status the reason was given for."""
        entity: dict[str, Any] = {
            "id": self.id,
            "callsign": self.callsign,
            "kind": self.kind,
            "station": self.station.id,
            "status": self.status,
            "incident": self.incident,
            "dispatched_at": self.dispatched_at,
            "ack_at": self.ack_at,
            "ack_via": self.ack_via,
            "shift_started_at": self.shift_started_at,
            "shift_ends_at": self.shift_ends_at,
            "station_name": self.station.name_zh,
            "station_name_en": self.station.name_en,
            "district": self.station.district.name_zh,
            "version": self.version,
        }
        if self.dispatched_at is not None and self.dispatched_by:
            entity["dispatched_by"] = self.dispatched_by
        if self.status_reason is not None and self.status_reason[0] == self.status:
            entity["status_reason"] = self.status_reason[1]
        return entity

    def position(self) -> dict[str, Any] | None:
        """The last reported position as a protocol entity, if any."""
        if self.fix is None:
            return None
        lat, lon, heading, speed, fix_at = self.fix
        return {
            "unit": self.id,
            "lat": lat,
            "lon": lon,
            "heading": heading,
            "speed": speed,
            "fix_at": fix_at,
            "version": self.pos_version,
        }


class IncidentState:
    """An incident: CAD fields plus timers' generation and work bookkeeping."""

    __slots__ = (
        "address",
        "address_en",
        "category",
        "closed_at",
        "closed_t",
        "district",
        "district_en",
        "gen",
        "id",
        "lang",
        "lat",
        "lon",
        "notes",
        "phone_only",
        "priority",
        "reported_at",
        "reported_t",
        "resolution",
        "source",
        "status",
        "summary",
        "summary_en",
        "units",
        "updated_at",
        "version",
        "working",
    )

    def __init__(self, iid: str, category: str, priority: int, lat: float, lon: float) -> None:
        self.id = iid
        self.category = category
        self.priority = priority
        self.lat = lat
        self.lon = lon
        self.status = "new"
        self.summary = ""
        self.summary_en = ""
        self.lang = "zh"
        self.address = ""
        self.address_en = ""
        self.district = ""
        self.district_en = ""
        self.source = "call"
        self.reported_at = ""
        self.reported_t = 0.0
        self.updated_at = ""
        self.units: list[str] = []
        self.notes: list[dict[str, str]] = []
        self.resolution = ""
        self.closed_at: str | None = None
        self.closed_t = math.inf
        self.version = 0
        #: bumped to cancel pending auto-dispatch, work, close and removal actions
        self.gen = 0
        #: the work on scene has started (its end is scheduled)
        self.working = False
        #: the call-taker will settle it on the phone unless someone dispatches first
        self.phone_only = False

    def entity(self) -> dict[str, Any]:
        """The incident as a protocol entity (fresh dict, fresh nested lists)."""
        return {
            "id": self.id,
            "category": self.category,
            "priority": self.priority,
            "status": self.status,
            "summary": self.summary,
            "summary_en": self.summary_en,
            "lang": self.lang,
            "location": {"lat": round(self.lat, 6), "lon": round(self.lon, 6)},
            "address": self.address,
            "address_en": self.address_en,
            "district": self.district,
            "district_en": self.district_en,
            "reported_at": self.reported_at,
            "updated_at": self.updated_at,
            "units": list(self.units),
            "source": self.source,
            "notes": [dict(note) for note in self.notes],
            "resolution": self.resolution,
            "closed_at": self.closed_at,
            "version": self.version,
        }


class CameraState:
    """A camera; ``gen`` cancels a pending return to service."""

    __slots__ = (
        "district",
        "gen",
        "id",
        "kind",
        "lat",
        "lon",
        "name",
        "name_en",
        "status",
        "url",
        "version",
    )

    def __init__(self, cid: str, name: str, name_en: str, kind: str, district: str) -> None:
        self.id = cid
        self.name = name
        self.name_en = name_en
        self.kind = kind
        self.district = district
        self.lat = 0.0
        self.lon = 0.0
        self.status = "online"
        self.version = 0
        self.gen = 0
        #: a real camera's stream (``--cameras``); None: the simulator renders JPEGs
        self.url: str | None = None

    def entity(self) -> dict[str, Any]:
        """The camera as a protocol entity (fresh dict)."""
        return {
            "id": self.id,
            "name": self.name,
            "name_en": self.name_en,
            "location": {"lat": round(self.lat, 6), "lon": round(self.lon, 6)},
            "district": self.district,
            "kind": self.kind,
            "status": self.status,
            "stream": {"kind": "url", "url": self.url} if self.url else {"kind": "ws-jpeg"},
            "version": self.version,
        }
