"""The dispatch state machine, driven by a command and by the virtual dispatcher."""

from __future__ import annotations

import dataclasses
from typing import Any

from services.backend.sim import PROFILES, Emitted, Simulator
from services.backend.sim.geography import distance_m, offset
from services.protocol.commands import IncidentCreate, IncidentDispatch
from services.protocol.entities import Location
from services.protocol.times import parse_ts

DemoRun = tuple[Simulator, list[Emitted]]


def _quiet_sim() -> Simulator:
    profile = dataclasses.replace(
        PROFILES["demo"],
        never_ack_probability=0.0,
        auto_dispatch_after_s=None,
        call_interval_s=0.0,
        initial_incidents=0,
    )
    return Simulator(seed=21, profile=profile)


def _status(sim: Simulator, topic: str, key: str) -> str:
    entity = sim.entity(topic, key)
    assert entity is not None
    return str(entity["status"])


def _distance(sim: Simulator, unit: str, incident: dict[str, Any]) -> float:
    fix = sim.entity("positions", unit)
    assert fix is not None
    where = incident["location"]
    return distance_m(fix["lat"], fix["lon"], where["lat"], where["lon"])


def test_dispatch_ack_drive_arrive_resolve_close_remove() -> None:
    sim = _quiet_sim()
    boot = sim.bootstrap()
    unit = next(
        e.data["id"]
        for e in boot
        if e.type == "unit.created"
        and e.data["kind"] == "patrol_car"
        and e.data["status"] == "available"
    )
    fix = sim.entity("positions", unit)
    assert fix is not None
    target = None
    for north, east in ((1500, 800), (-1500, 800), (1500, -800), (-1500, -800), (300, 300)):
        lat, lon = offset(fix["lat"], fix["lon"], north, east)
        if sim.geography.contains(lat, lon):
            target = (lat, lon)
            break
    assert target is not None
    result, events = sim.command(
        "incident.create",
        IncidentCreate(
            category="theft",
            priority=2,
            summary="电动车被盗",
            location=Location(lat=target[0], lon=target[1]),
        ),
    )
    incident_id = result["incident"]
    assert [e.type for e in events] == ["incident.created"]
    assert events[0].data["status"] == "new"
    assert events[0].data["lang"] == "zh"

    result, events = sim.command(
        "incident.dispatch", IncidentDispatch(incident=incident_id, units=[unit])
    )
    assert result["units"] == [unit]
    unit_event = next(e for e in events if e.topic == "units")
    assert unit_event.data["status"] == "dispatched"
    assert unit_event.data["incident"] == incident_id
    assert unit_event.data["dispatched_at"] is not None
    assert unit_event.data["ack_at"] is None
    assert _status(sim, "incidents", incident_id) == "dispatched"
    incident = sim.entity("incidents", incident_id)
    assert incident is not None
    assert incident["units"] == [unit]

    # the terminal acknowledges within a minute; the unit sets off
    for _ in range(61):
        sim.step(1.0)
        if _status(sim, "units", unit) != "dispatched":
            break
    state = sim.entity("units", unit)
    assert state is not None
    assert state["status"] == "en_route"
    assert state["ack_via"] == "terminal"
    delay = parse_ts(state["ack_at"]) - parse_ts(state["dispatched_at"])
    assert 0 < delay.total_seconds() <= 60
    assert _status(sim, "incidents", incident_id) == "en_route"

    # it drives closer and closer until on scene
    last = _distance(sim, unit, incident)
    shrinking = 0
    for _ in range(3600):
        sim.step(1.0)
        now = _distance(sim, unit, incident)
        assert now <= last + 1.0
        shrinking += now < last - 1.0
        last = now
        if _status(sim, "units", unit) == "on_scene":
            break
    assert _status(sim, "units", unit) == "on_scene"
    assert shrinking > 10
    sim.step(3.0)
    assert _distance(sim, unit, incident) < 5.0
    assert _status(sim, "incidents", incident_id) == "on_scene"

    # work takes 10-30 minutes for a theft, then the unit is free again
    for _ in range(31 * 60):
        sim.step(1.0)
        if _status(sim, "incidents", incident_id) == "resolved":
            break
    assert _status(sim, "incidents", incident_id) == "resolved"
    freed = sim.entity("units", unit)
    assert freed is not None
    assert freed["status"] == "available"
    assert freed["incident"] is None
    assert freed["ack_at"] is None

    # closed a few minutes later, removed about an hour after that
    removed = False
    for _ in range(90):
        for event in sim.step(60.0):
            removed |= event.type == "incident.removed" and event.data == {"id": incident_id}
    assert removed
    assert sim.entity("incidents", incident_id) is None


def test_auto_dispatch_sends_nearest_units(demo_hour: DemoRun) -> None:
    created = {e.data["id"]: e.data for e in demo_hour[1] if e.type == "incident.created"}
    first_dispatch: dict[str, dict[str, Any]] = {}
    for event in demo_hour[1]:
        if event.type == "incident.updated" and event.data["status"] == "dispatched":
            first_dispatch.setdefault(event.data["id"], event.data)
    assert len(first_dispatch) > 40
    two = [d for d in first_dispatch.values() if len(d["units"]) == 2]
    assert two
    assert all(created[d["id"]]["priority"] == 1 for d in two)
    waits = [
        (parse_ts(d["updated_at"]) - parse_ts(d["reported_at"])).total_seconds()
        for d in first_dispatch.values()
    ]
    assert sum(1 for w in waits if 89.0 <= w <= 91.0) > len(waits) / 2  # the 90 s rule
    statuses = {
        e.data["status"] for e in demo_hour[1] if e.topic == "incidents" and "status" in e.data
    }
    assert statuses == {"new", "dispatched", "en_route", "on_scene", "resolved", "closed"}


def test_some_orders_are_never_acknowledged_by_the_terminal(demo_hour: DemoRun) -> None:
    end = demo_hour[0].now
    orders: dict[tuple[str, str], str | None] = {}  # (unit, dispatched_at) -> ack_at
    via: dict[tuple[str, str], str] = {}
    for event in demo_hour[1]:
        data = event.data
        if event.topic != "units" or data["dispatched_at"] is None:
            continue
        key = (data["id"], data["dispatched_at"])
        if orders.get(key) is None:
            orders[key] = data["ack_at"]
            if data["ack_at"]:
                via[key] = data["ack_via"]
    settled = {
        key: ack for key, ack in orders.items() if (end - parse_ts(key[1])).total_seconds() > 90
    }
    delays = {
        key: (parse_ts(ack) - parse_ts(key[1])).total_seconds() if ack else None
        for key, ack in settled.items()
    }
    lost = [key for key, delay in delays.items() if delay is None or delay > 60]
    prompt = [key for key, delay in delays.items() if delay is not None and delay <= 60]
    assert len(settled) > 60
    assert lost, "some terminals should never acknowledge"
    assert len(prompt) >= 0.85 * len(settled)
    assert all(via[key] == "terminal" for key in prompt)
    by_phone = [key for key in lost if key in via]
    assert by_phone, "lost orders are confirmed by phone after 10 minutes"
    for key in by_phone:
        assert via[key] == "phone"
        assert abs(delays[key] - 600.0) < 1.0  # type: ignore[operator]
