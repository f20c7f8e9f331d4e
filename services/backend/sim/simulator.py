"""The S-city simulator: one object the reference backend drives.

``bootstrap()`` (fresh data directory) or ``restore(entities)`` (restart), then
``step(dt)`` about ten times a second and ``command(type, data)`` for operator commands.
Each returns the events that happened, in order; the hub stamps them with sequence
numbers and fans them out.

Determinism: every random draw comes from ``random.Random`` instances seeded from
``seed`` (one stream per subsystem, so e.g. the opinion stream does not shift when an
operator dispatches a unit), every timestamp from the simulated clock, and every
collection is ordered (dicts, lists, a heap with a sequence tie-breaker).
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from msgspec import Struct

from services.backend.sim.cad import Cad
from services.backend.sim.cameras import CameraNet
from services.backend.sim.commands import Commands
from services.backend.sim.fleet import Fleet
from services.backend.sim.geography import Geography, load_geography
from services.backend.sim.kernel import Emitted, Kernel
from services.backend.sim.opinion import Opinion
from services.backend.sim.profiles import PROFILES, Profile
from services.backend.sim.restore import Restorer
from services.backend.sim.world import (
    build_cameras,
    build_stations,
    build_units,
    stations_by_district,
)

if TYPE_CHECKING:
    from services.backend.camera_file import CameraSpec

DEFAULT_START = datetime(2026, 11, 28, 8, 0, tzinfo=UTC)
_LATEST_FIELDS = (
    ("incidents", "updated_at"),
    ("positions", "fix_at"),
    ("alerts", "updated_at"),
    ("units", "dispatched_at"),
    ("units", "ack_at"),
)
_INITIAL_OFFLINE = 0.01  # share of cameras already offline when the world is built


class Simulator:
    """A deterministic simulated city for the reference backend."""

    def __init__(
        self,
        seed: int = 7,
        profile: Profile | None = None,
        start: datetime = DEFAULT_START,
        geography: Geography | None = None,
        cameras: Sequence[CameraSpec] = (),
    ) -> None:
        self.seed = seed
        #: real cameras (``--cameras FILE``) served beside the simulated ones
        self.real_cameras = tuple(cameras)
        self.profile = profile or PROFILES["demo"]
        self.geography = geography or load_geography()
        self._k = Kernel(start)
        self._world_rng = random.Random(f"{seed}:world")
        stations = build_stations(self.geography, self.profile, self._world_rng)
        self._stations = {station.id: station for station in stations}
        self._fleet = Fleet(self._k, random.Random(f"{seed}:fleet"), self.geography, self.profile)
        self._cad = Cad(
            kernel=self._k,
            rng=random.Random(f"{seed}:cad"),
            geography=self.geography,
            profile=self.profile,
            fleet=self._fleet,
            stations=stations_by_district(stations),
        )
        self._opinion = Opinion(
            self._k, random.Random(f"{seed}:opinion"), self.geography, self.profile
        )
        self._cameras = CameraNet(self._k, random.Random(f"{seed}:cameras"), self.profile)
        self._commands = Commands(self._k, self.geography, self._fleet, self._cad, self._opinion)
        self._cad.on_created = self._opinion.react_to
        self._started = False

    # ------------------------------------------------------------------ clock
    @property
    def now(self) -> datetime:
        """The simulation clock (aware UTC)."""
        return self._k.now

    # ------------------------------------------------------------------ start
    def bootstrap(self) -> list[Emitted]:
        """Build the world on a fresh data directory and return its creation events."""
        self._begin()
        self._create_units()
        self._create_cameras()
        self._cameras.merge_real(self.real_cameras)
        self._start_processes()
        for _ in range(self.profile.initial_incidents):
            self._cad.random_incident()
        for _ in range(self.profile.initial_alerts):
            self._opinion.background_alert()
        return self._k.drain()

    def restore(self, entities: dict[str, list[dict[str, Any]]]) -> list[Emitted]:
        """Rebuild the working state from persisted entities (latest per key) and go on.

        Topics missing entirely (no units, no cameras) are built afresh, so the result
        may hold creation events; usually it holds few or none.
        """
        self._begin()
        self._catch_up(entities)
        restorer = Restorer(
            kernel=self._k,
            rng=random.Random(f"{self.seed}:restore"),
            geography=self.geography,
            stations=self._stations,
            fleet=self._fleet,
            cad=self._cad,
            opinion=self._opinion,
            cameras=self._cameras,
        )
        units = list(entities.get("units") or [])
        alerts = list(entities.get("alerts") or [])
        for referenced in [u.get("incident") for u in units] + [a.get("incident") for a in alerts]:
            if referenced:
                self._cad.remember_id(str(referenced))
        restorer.incidents(list(entities.get("incidents") or []))
        if units:
            restorer.units(units, list(entities.get("positions") or []))
        else:
            self._create_units()
        cameras = list(entities.get("cameras") or [])
        if cameras:
            restorer.cameras_(cameras)
        else:
            self._create_cameras()
        self._cameras.merge_real(self.real_cameras)
        restorer.alerts(alerts)
        self._start_processes()
        return self._k.drain()

    def _catch_up(self, entities: dict[str, list[dict[str, Any]]]) -> None:
        """Never restart behind the persisted picture: if its latest timestamp is later
        than ``start`` (e.g. the previous run was faster than real time), the clock jumps
        forward to it, so timestamps never go backwards."""
        latest = 0.0
        for topic, field in _LATEST_FIELDS:
            for item in entities.get(topic) or []:
                value = item.get(field)
                if isinstance(value, str):
                    latest = max(latest, self._k.seconds_of_ts(value))
        if latest > 0.0:
            self._k.jump_to(latest)

    def _begin(self) -> None:
        if self._started:
            raise RuntimeError("the simulator was already bootstrapped or restored")
        self._started = True

    def _create_units(self) -> None:
        k, fleet, profile = self._k, self._fleet, self.profile
        rng = fleet.rng
        units = build_units(self.geography, list(self._stations.values()), profile, self._world_rng)
        for unit in units:
            fleet.units[unit.id] = unit
            length = fleet.shift_hours_s()
            if rng.random() < profile.on_duty_fraction:
                started = k.t - 60.0 * math.floor(rng.uniform(0.0, length) / 60.0)
                fleet.begin_shift(unit, started, length)
                unit.idle_until = k.t + rng.uniform(0.0, 120.0)
            else:
                unit.status = "off_duty"
                fleet.plan_next_shift(unit, k.t + rng.uniform(0.0, fleet.off_duty_s(length)))
            fleet.emit_unit(unit, created=True)
        for unit in units:
            fleet.report_now(unit)
            period = (
                profile.off_duty_position_period_s
                if unit.status == "off_duty"
                else profile.position_period_s
            )
            fleet.start_reporting(unit, k.t + rng.uniform(0.0, period))

    def _create_cameras(self) -> None:
        stations = list(self._stations.values())
        rng = self._cameras.rng
        for camera in build_cameras(self.geography, stations, self.profile, self._world_rng):
            if rng.random() < _INITIAL_OFFLINE:
                camera.status = "offline"
            self._cameras.add(camera)
            self._cameras.emit(camera, created=True)

    def _start_processes(self) -> None:
        self._cad.start()
        self._opinion.start()
        self._cameras.start()

    # -------------------------------------------------------------- running
    def step(self, dt: float) -> list[Emitted]:
        """Advance the clock by ``dt`` simulated seconds; return what happened, in order."""
        if not math.isfinite(dt) or dt < 0:
            raise ValueError(f"dt must be a finite, non-negative number of seconds, not {dt}")
        self._k.advance(dt)
        return self._k.drain()

    def command(
        self, command_type: str, data: Struct, issued_by: str = ""
    ) -> tuple[dict[str, Any], list[Emitted]]:
        """Apply a validated command payload from the client named ``issued_by`` (its
        hello ``client``); return (ack result, events).

        Raises :class:`CommandRejected` (``bad_request``, ``not_found``, ``conflict``).
        """
        result = self._commands.apply(command_type, data, issued_by)
        return result, self._k.drain()

    # -------------------------------------------------------------- queries
    def entity(self, topic: str, key: str) -> dict[str, Any] | None:
        """The current entity of a topic by key (a fresh copy), or ``None``."""
        if topic == "units":
            unit = self._fleet.units.get(key)
            return unit.entity() if unit else None
        if topic == "positions":
            unit = self._fleet.units.get(key)
            return unit.position() if unit else None
        if topic == "incidents":
            incident = self._cad.incidents.get(key)
            return incident.entity() if incident else None
        if topic == "cameras":
            camera = self._cameras.cameras.get(key)
            return camera.entity() if camera else None
        if topic == "alerts":
            alert = self._opinion.alerts.get(key)
            return alert.entity() if alert else None
        return None
