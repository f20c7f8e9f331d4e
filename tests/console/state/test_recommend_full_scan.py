"""rank_units takes a shortcut over thousands of units (a vectorised lower bound of each
score, full estimates only for the units that can still rank): its answer must be the
one a full scan of every unit gives, ties included."""

from __future__ import annotations

import random

import pytest

from console.state import Recommendation, SituationStore, rank_units
from console.state.geo import haversine_m
from console.state.orders import fatigued
from console.state.recommend import (
    ROAD_FACTOR,
    STALE_FIX_PENALTY_S,
    speed_of,
)
from tests.console.state.builders import SCENE, T0, batch, incident, position, unit

KINDS = ("patrol_car", "motorbike", "foot", "community", "drone", "mounted")
STATUSES = ("available",) * 6 + ("busy", "off_duty", "en_route")


def full_scan(store: SituationStore, incident_id: str, now: float) -> list[Recommendation]:
    """Every available, located unit estimated and sorted: what rank_units promises."""
    target = store.incidents[incident_id].location
    ranked = []
    for view in store.unit_views():
        if view.unit.status != "available" or view.position is None:
            continue
        distance = haversine_m(view.position.lat, view.position.lon, target.lat, target.lon)
        speed = speed_of(view.unit.kind)
        eta = distance * ROAD_FACTOR / speed
        stale = view.fix_stale(now)
        penalty = STALE_FIX_PENALTY_S if stale else 0.0
        ranked.append(
            Recommendation(
                unit_id=view.unit.id,
                callsign=view.unit.callsign,
                kind=view.unit.kind,
                distance_m=distance,
                road_factor=ROAD_FACTOR,
                speed_mps=speed,
                eta_s=eta,
                fix_age_s=view.fix_age(now),
                stale_fix=stale,
                penalty_s=penalty,
                score_s=eta + penalty,
                fatigued=fatigued(view, now, limit_s=store.policy.fatigue_after_s),
            )
        )
    ranked.sort(key=lambda r: (r.score_s, r.distance_m, r.unit_id))
    return ranked


def seeded_city(store: SituationStore, seed: int, units: int = 3000) -> list[str]:
    """``units`` units scattered over ~20 km, mixed kinds, statuses, fix ages and shifts;
    some stand on the very same spot (ties); a few incidents. Returns the incident ids."""
    rng = random.Random(seed)
    entities = []
    spots = [
        (SCENE[0] + rng.uniform(-0.1, 0.1), SCENE[1] + rng.uniform(-0.1, 0.1)) for _ in range(40)
    ]
    for n in range(units):
        unit_id = f"U-{n:05d}"
        entities.append(
            unit(
                unit_id,
                kind=rng.choice(KINDS),
                status=rng.choice(STATUSES),
                shift_started_s=rng.choice((None, -3600.0, -40000.0)),
            )
        )
        if rng.random() < 0.05:
            continue  # never reported a position
        if rng.random() < 0.1:
            lat, lon = rng.choice(spots)
        else:
            lat = SCENE[0] + rng.uniform(-0.1, 0.1)
            lon = SCENE[1] + rng.uniform(-0.1, 0.1)
        entities.append(position(unit_id, lat=lat, lon=lon, fix_s=rng.uniform(-300.0, 0.0)))
    incidents = []
    for n in range(6):
        lat, lon = spots[n] if n < 3 else (SCENE[0] + rng.uniform(-0.12, 0.12), SCENE[1])
        incidents.append(incident(f"I-{n}", lat=lat, lon=lon))
    store.apply(batch(*entities, *incidents))
    return [i.id for i in incidents]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_top_k_equal_a_full_scan(store: SituationStore, seed: int) -> None:
    incident_ids = seeded_city(store, seed)
    now = T0 + 30.0
    for incident_id in incident_ids:
        everyone = full_scan(store, incident_id, now)
        assert len(everyone) > 1000
        for limit in (1, 3, 10, 50):
            assert rank_units(store, incident_id, now, limit=limit) == everyone[:limit]
        assert rank_units(store, incident_id, now, limit=len(everyone) + 5) == everyone


def test_ties_on_one_spot_are_broken_by_unit_id(store: SituationStore) -> None:
    """Twenty identical cars on the scene's doorstep, some stale: the cut at ``limit`` goes
    through the tie, and the ids decide, as in the full scan."""
    entities = [incident("I-1")]
    for n in range(20):
        entities += [unit(f"U-{n:02d}"), position(f"U-{n:02d}", lat=SCENE[0] + 0.001, fix_s=0.0)]
    for n in range(20, 400):
        entities += [unit(f"U-{n:03d}"), position(f"U-{n:03d}", lat=SCENE[0] + n * 1e-4)]
    store.apply(batch(*entities))
    for now in (T0 + 10.0, T0 + 100.0):  # fresh fixes; then all stale
        for limit in (5, 10, 19, 20, 21):
            expected = full_scan(store, "I-1", now)[:limit]
            assert rank_units(store, "I-1", now, limit=limit) == expected
    assert [r.unit_id for r in rank_units(store, "I-1", T0 + 10.0, limit=3)] == [
        "U-00",
        "U-01",
        "U-02",
    ]
