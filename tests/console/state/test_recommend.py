from __future__ import annotations

import pytest

from console.state import SituationStore, rank_units
from console.state.geo import haversine_m
from services.protocol.entities import Position
from tests.console.state.builders import SCENE, T0, batch, incident, position, unit

METRES_PER_DEGREE_LAT = 111_195.0  # on the mean-radius sphere


def north_of_scene(unit_id: str, metres: float, *, fix_s: float = 0.0) -> Position:
    return position(
        unit_id, lat=SCENE[0] + metres / METRES_PER_DEGREE_LAT, lon=SCENE[1], fix_s=fix_s
    )


@pytest.fixture
def city(store: SituationStore) -> SituationStore:
    store.apply(
        batch(
            incident("I-1"),
            unit("U-car", kind="patrol_car"),
            unit("U-foot", kind="foot"),
            unit("U-bike", kind="motorbike"),
            unit("U-horse", kind="mounted"),
            unit("U-busy", status="busy"),
            unit("U-off", status="off_duty"),
            unit("U-sent", status="dispatched", incident_id="I-9", dispatched_s=0.0),
            unit("U-nowhere"),
            north_of_scene("U-car", 2000.0, fix_s=90.0),
            north_of_scene("U-foot", 200.0, fix_s=90.0),
            north_of_scene("U-bike", 1000.0, fix_s=0.0),  # stale at T0+100
            north_of_scene("U-horse", 1000.0, fix_s=90.0),
            north_of_scene("U-busy", 10.0, fix_s=90.0),
            north_of_scene("U-off", 10.0, fix_s=90.0),
            north_of_scene("U-sent", 10.0, fix_s=90.0),
        )
    )
    return store


def test_available_units_ranked_by_estimated_travel_time(city: SituationStore) -> None:
    ranked = rank_units(city, "I-1", T0 + 100.0)
    # foot 200 m: 186 s; bike 1 km: 130 s + 120 s stale penalty; car 2 km: 236 s;
    # unknown kind at 8 m/s, 1 km: 163 s.
    assert [r.unit_id for r in ranked] == ["U-horse", "U-foot", "U-car", "U-bike"]


def test_the_reasoning_is_explained(city: SituationStore) -> None:
    by_id = {r.unit_id: r for r in rank_units(city, "I-1", T0 + 100.0)}
    car = by_id["U-car"]
    assert car.distance_m == pytest.approx(2000.0, rel=1e-3)
    assert car.speed_mps == 11.0
    assert car.road_factor == 1.3
    assert car.eta_s == pytest.approx(2000.0 * 1.3 / 11.0, rel=1e-3)
    assert car.fix_age_s == pytest.approx(10.0)
    assert not car.stale_fix
    assert car.penalty_s == 0.0
    assert car.score_s == car.eta_s
    assert by_id["U-foot"].speed_mps == 1.4
    assert by_id["U-horse"].speed_mps == 8.0  # an unknown kind's default


def test_a_stale_fix_is_flagged_and_penalised(city: SituationStore) -> None:
    by_id = {r.unit_id: r for r in rank_units(city, "I-1", T0 + 100.0)}
    bike, foot = by_id["U-bike"], by_id["U-foot"]
    assert bike.stale_fix
    assert bike.fix_age_s == pytest.approx(100.0)
    assert bike.penalty_s > 0.0
    assert bike.score_s == pytest.approx(bike.eta_s + bike.penalty_s)
    # Without the penalty the bike (130 s) would beat the foot patrol (186 s).
    assert bike.eta_s < foot.eta_s < bike.score_s
    fresh = {r.unit_id: r for r in rank_units(city, "I-1", T0 + 30.0)}["U-bike"]
    assert not fresh.stale_fix
    assert rank_units(city, "I-1", T0 + 30.0)[0].unit_id == "U-bike"


def test_busy_off_duty_dispatched_and_unlocated_units_are_left_out(city: SituationStore) -> None:
    ids = {r.unit_id for r in rank_units(city, "I-1", T0 + 100.0)}
    assert ids.isdisjoint({"U-busy", "U-off", "U-sent", "U-nowhere"})


def test_limit_and_unknown_incident(city: SituationStore) -> None:
    assert [r.unit_id for r in rank_units(city, "I-1", T0 + 100.0, limit=2)] == [
        "U-horse",
        "U-foot",
    ]
    assert rank_units(city, "I-404", T0 + 100.0) == []
    assert rank_units(city, "I-1", T0 + 100.0, limit=0) == []


def test_fatigue_is_shown_not_penalised(store: SituationStore) -> None:
    store.apply(batch(incident("I-1"), unit("U-1", shift_started_s=-11 * 3600.0), position("U-1")))
    (only,) = rank_units(store, "I-1", T0 + 1.0)
    assert only.fatigued
    assert only.penalty_s == 0.0


def test_haversine_matches_a_known_distance() -> None:
    # One degree of longitude on the equator, on the mean-radius sphere.
    assert haversine_m(0.0, 0.0, 0.0, 1.0) == pytest.approx(111_195.0, rel=1e-4)
    assert haversine_m(31.3, 120.6, 31.3, 120.6) == 0.0
