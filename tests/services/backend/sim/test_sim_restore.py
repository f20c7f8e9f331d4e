"""Restarting on the same data directory: the city carries on from persisted entities."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from services.backend.sim import PROFILES, Simulator
from services.backend.sim.geography import distance_m
from services.backend.sim.restore import latest_entities
from services.protocol.codec import decode_entity, encode
from services.protocol.times import format_ts


def test_restore_continues_the_city() -> None:
    first = Simulator(seed=4, profile=PROFILES["demo"])
    events = first.bootstrap()
    for _ in range(5400):  # 90 minutes: some incidents were closed and already removed
        events.extend(first.step(1.0))
    assert any(e.type == "incident.removed" for e in events)
    entities = latest_entities(events)
    ever_seen = {e.data["id"] for e in events if e.topic == "incidents"}
    persisted: dict[tuple[str, str], dict[str, Any]] = {
        (topic, item.get("id") or item["unit"]): item
        for topic, items in entities.items()
        for item in items
    }

    second = Simulator(seed=4, profile=PROFILES["demo"], start=first.now)
    restored = second.restore(entities)
    for event in restored:
        decode_entity(event.topic, encode(event.data))
    assert not any(e.type.endswith(".created") for e in restored)

    units = {u["id"]: u for u in entities["units"]}
    awaiting = [u["id"] for u in units.values() if u["status"] == "dispatched" and not u["ack_at"]]
    driving = [u["id"] for u in units.values() if u["status"] == "en_route"]
    assert driving
    incidents = {i["id"]: i for i in entities["incidents"]}
    start_gap = {uid: _gap(second, uid, incidents[units[uid]["incident"]]) for uid in driving}

    later = list(restored)
    for _ in range(660):
        later.extend(second.step(1.0))
    for event in later:
        if not event.type.endswith(".removed"):
            decode_entity(event.topic, encode(event.data))
        key = (event.topic, event.data.get("id") or event.data["unit"])
        if key in persisted and not event.type.endswith(".removed"):
            assert event.data["version"] > persisted[key]["version"]
    created = [e.data["id"] for e in later if e.type == "incident.created"]
    assert created
    assert not set(created) & ever_seen

    # busy alerts carry on decaying
    busy = {a["id"]: a["volume"] for a in entities["alerts"] if a["volume"] >= 30}
    assert busy
    decayed = {
        e.data["id"]
        for e in later
        if e.data.get("id") in busy and e.data["volume"] < busy[e.data["id"]]
    }
    assert decayed == set(busy)

    # every order awaiting acknowledgement was acknowledged (terminal or phone) by now
    for uid in awaiting:
        state = second.entity("units", uid)
        assert state is not None
        assert (
            state["status"] != "dispatched" or state["dispatched_at"] != units[uid]["dispatched_at"]
        )
    # every unit that was driving got there or got closer
    progressed = 0
    for uid in driving:
        state = second.entity("units", uid)
        assert state is not None
        if state["status"] != "en_route":
            progressed += 1
        elif state["incident"] == units[uid]["incident"]:
            progressed += _gap(second, uid, incidents[state["incident"]]) < start_gap[uid]
    assert progressed == len(driving)


def _gap(sim: Simulator, unit: str, incident: dict[str, Any]) -> float:
    fix = sim.entity("positions", unit)
    assert fix is not None
    return distance_m(
        fix["lat"], fix["lon"], incident["location"]["lat"], incident["location"]["lon"]
    )


def test_restore_with_nothing_builds_the_world() -> None:
    sim = Simulator(seed=9, profile=PROFILES["demo"])
    events = sim.restore({})
    kinds = {e.type for e in events}
    assert {"unit.created", "position.updated", "camera.created"} <= kinds
    assert sim.step(5.0)


def test_restore_never_moves_the_clock_backwards() -> None:
    first = Simulator(seed=8, profile=PROFILES["demo"])
    events = first.bootstrap()
    for _ in range(300):
        events.extend(first.step(2.0))
    earlier = first.now - timedelta(hours=2)
    second = Simulator(seed=8, profile=PROFILES["demo"], start=earlier)
    second.restore(latest_entities(events))
    assert second.now >= first.now - timedelta(seconds=3)
    later = second.step(1.0)
    stamps = [e.data["fix_at"] for e in later if e.topic == "positions"]
    assert stamps
    assert min(stamps) >= format_ts(first.now - timedelta(seconds=3))
