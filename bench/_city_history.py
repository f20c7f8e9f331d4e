"""Synthetic incident history for the deployment map's benchmark and tests.

Arrivals follow the demo profile's call rate and the simulator's CAD hourly curve (a
Poisson stream thinned by the hour of day); each incident is placed, and given its
category, by the simulator's own draws (``clustered_point`` around its district's
stations, ``make_call``), with the district chosen by the simulator's busyness weights.
Units are not simulated: only incidents. Deterministic for a seed.
"""

from __future__ import annotations

import random
from typing import NamedTuple

from services.backend.sim import Simulator
from services.backend.sim.cad import _HOURLY
from services.backend.sim.calls import make_call
from services.backend.sim.places import Named
from services.backend.sim.profiles import PROFILES
from services.backend.sim.world import clustered_point, district_weight, stations_by_district


class PastIncident(NamedTuple):
    id: str
    reported_ts: float
    lat: float
    lon: float
    category: str


def synthetic_history(days: float, end_ts: float, seed: int = 11) -> list[PastIncident]:
    """``days`` of incidents ending at ``end_ts`` (Unix seconds), oldest first."""
    world = Simulator(seed=seed)
    stations = stations_by_district(list(world._stations.values()))
    districts = [d for d in world.geography.districts if d.name_zh in stations]
    weights = [district_weight(d) for d in districts]
    rng = random.Random(f"{seed}:history")
    peak = max(_HOURLY)
    rate = peak / PROFILES["demo"].call_interval_s
    t = end_ts - days * 86400.0
    out: list[PastIncident] = []
    while True:
        t += rng.expovariate(rate)
        if t >= end_ts:
            return out
        hour = int((t + 8 * 3600) // 3600) % 24
        if rng.random() >= _HOURLY[hour] / peak:
            continue
        district = rng.choices(districts, weights)[0]
        lat, lon = clustered_point(rng, district, stations[district.name_zh])
        category = make_call(rng, Named("", "")).category.name
        out.append(PastIncident(f"H-{len(out):07d}", t, lat, lon, category))
