"""Safe dispatch rules: several units, a far unit, a fatigued crew need confirming."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

import msgspec

from console.state import SituationStore, StatePolicy
from console.state.policy import DispatchSafety
from console.state.safety import check_dispatch
from services.client.batch import IngestBatch, TopicReset
from services.protocol.codec import decode_entity
from services.protocol.times import format_ts

NOW = datetime(2026, 11, 28, 20, 0, tzinfo=UTC)
# one degree of latitude is ~111 km; these are metres north of the incident
NEAR, MIDDLE, FAR = 2100.0, 4000.0, 33000.0


def _store(policy: StatePolicy | None = None) -> SituationStore:
    store = SituationStore(policy=policy or StatePolicy())
    ts = format_ts(NOW)
    units = {
        "U-1": (NEAR, NOW - timedelta(hours=2)),
        "U-2": (MIDDLE, NOW - timedelta(hours=3)),
        "U-12": (FAR, NOW - timedelta(hours=1)),
        "U-7": (NEAR * 0.5, NOW - timedelta(hours=11)),
    }
    batch = IngestBatch()
    unit_items, unit_raw, position_items, position_raw = {}, {}, {}, {}
    for key, (north_m, shift) in units.items():
        raw = msgspec.json.encode(
            {
                "id": key,
                "callsign": f"C{key}",
                "kind": "patrol_car",
                "station": "S",
                "status": "available",
                "shift_started_at": format_ts(shift),
                "version": 1,
            }
        )
        unit_items[key], unit_raw[key] = decode_entity("units", raw), raw
        raw = msgspec.json.encode(
            {"unit": key, "lat": 31.3 + north_m / 111_195.0, "lon": 120.6, "fix_at": ts}
        )
        position_items[key], position_raw[key] = decode_entity("positions", raw), raw
    incident = msgspec.json.encode(
        {
            "id": "I-1",
            "category": "fraud",
            "priority": 3,
            "status": "new",
            "summary": "s",
            "location": {"lat": 31.3, "lon": 120.6},
            "reported_at": ts,
            "updated_at": ts,
            "version": 1,
        }
    )
    batch.reset(TopicReset("units", "e", 1, unit_items, unit_raw))
    batch.reset(TopicReset("positions", "e", 1, position_items, position_raw))
    batch.reset(
        TopicReset(
            "incidents", "e", 1, {"I-1": decode_entity("incidents", incident)}, {"I-1": incident}
        )
    )
    store.apply(batch)
    return store


def test_the_best_single_unit_needs_no_confirmation() -> None:
    check = check_dispatch(_store(), "I-1", ["U-1"], NOW.timestamp())
    assert not check.needs_confirmation


def test_several_units_need_confirmation() -> None:
    check = check_dispatch(_store(), "I-1", ["U-1", "U-2"], NOW.timestamp())
    assert check.several
    assert check.needs_confirmation
    assert check.concerns == ()  # U-2 at 4 km is not "far": under 2 × the best ETA


def test_a_far_unit_needs_confirmation_and_says_against_what() -> None:
    check = check_dispatch(_store(), "I-1", ["U-12"], NOW.timestamp())
    (concern,) = check.concerns
    assert concern.kind == "far"
    assert round(concern.distance_m / 1000) == 33
    assert concern.best_callsign == "CU-1"  # U-7 is nearer but fatigued
    assert round(concern.best_distance_m / 100) == 21
    assert concern.eta_s > 3600


def test_a_fatigued_crew_needs_confirmation() -> None:
    check = check_dispatch(_store(), "I-1", ["U-7"], NOW.timestamp())
    (concern,) = check.concerns
    assert concern.kind == "fatigued"
    assert round(concern.hours_on_duty) == 11
    assert concern.limit_hours == 10


def test_thresholds_come_from_the_policy() -> None:
    lenient = dataclasses.replace(
        StatePolicy(),
        dispatch=DispatchSafety(far_extra_m=50_000, far_extra_s=10_000, max_units_unconfirmed=3),
    )
    check = check_dispatch(_store(lenient), "I-1", ["U-12", "U-2"], NOW.timestamp())
    assert not check.needs_confirmation
