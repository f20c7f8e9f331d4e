"""Operator commands: validation against current state, effects, and rejections."""

from __future__ import annotations

import dataclasses

import pytest

from services.backend.sim import PROFILES, CommandRejected, Simulator
from services.protocol.commands import (
    AlertAcknowledge,
    AlertLinkIncident,
    IncidentClose,
    IncidentCreate,
    IncidentDispatch,
    IncidentUpdate,
    UnitSetStatus,
)
from services.protocol.entities import Location


@pytest.fixture
def sim() -> Simulator:
    profile = dataclasses.replace(PROFILES["demo"], auto_dispatch_after_s=None, initial_alerts=3)
    simulator = Simulator(seed=2, profile=profile)
    simulator.bootstrap()
    return simulator


def _units(sim: Simulator, status: str) -> list[str]:
    found = []
    for number in range(1, 40):
        for abbr in ("GS", "WZ", "KS", "HQ", "XC", "WJ", "CS", "ZJG", "TC"):
            unit = sim.entity("units", f"U-{abbr}-{number:02d}")
            if unit is not None and unit["status"] == status and unit["kind"] != "drone":
                found.append(unit["id"])
    return found


def _create(sim: Simulator, summary: str = "有人打架") -> str:
    result, _ = sim.command(
        "incident.create",
        IncidentCreate(
            category="assault",
            priority=1,
            summary=summary,
            location=Location(lat=31.311, lon=120.626),
            address="姑苏区观前街1号",
        ),
    )
    return str(result["incident"])


def _reject(sim: Simulator, kind: str, data: object, code: str) -> CommandRejected:
    with pytest.raises(CommandRejected) as caught:
        sim.command(kind, data)  # type: ignore[arg-type]
    assert caught.value.code == code
    assert caught.value.message
    return caught.value


def test_create_fills_district_and_language(sim: Simulator) -> None:
    result, events = sim.command(
        "incident.create",
        IncidentCreate(
            category="fire",
            priority=1,
            summary="Smoke from a shop",
            location=Location(lat=31.311, lon=120.626),
        ),
    )
    assert result == {"incident": events[0].data["id"], "version": 1}
    data = events[0].data
    assert data["id"].startswith("I-20261128-")
    assert data["district"] == "姑苏区"
    assert data["lang"] == "en"
    assert data["summary_en"] == "Smoke from a shop"
    assert data["status"] == "new"
    assert data["notes"] == []


def test_update_appends_notes_and_checks_versions(sim: Simulator) -> None:
    incident = _create(sim)
    result, events = sim.command(
        "incident.update",
        IncidentUpdate(incident=incident, expected_version=1, priority=2, note="现场有监控"),
    )
    assert result == {"incident": incident, "version": 2, "changed": True}
    assert events[0].data["priority"] == 2
    assert events[0].data["notes"][0]["text"] == "现场有监控"
    assert events[0].data["notes"][0]["ts"].endswith("Z")
    rejected = _reject(
        sim,
        "incident.update",
        IncidentUpdate(incident=incident, expected_version=1, priority=3),
        "conflict",
    )
    assert "version 2" in rejected.message
    entity = sim.entity("incidents", incident)
    assert entity is not None
    assert entity["priority"] == 2
    assert entity["version"] == 2
    _reject(sim, "incident.update", IncidentUpdate(incident=incident), "bad_request")
    _reject(
        sim, "incident.update", IncidentUpdate(incident="I-19990101-0001", note="x"), "not_found"
    )


def test_dispatch_rejections(sim: Simulator) -> None:
    incident = _create(sim)
    available = _units(sim, "available")[0]
    off_duty = _units(sim, "off_duty")[0]
    rejected = _reject(
        sim, "incident.dispatch", IncidentDispatch(incident=incident, units=[off_duty]), "conflict"
    )
    assert "off duty" in rejected.message
    _reject(
        sim,
        "incident.dispatch",
        IncidentDispatch(incident=incident, units=["U-XX-99"]),
        "not_found",
    )
    _reject(
        sim,
        "incident.dispatch",
        IncidentDispatch(incident="I-19990101-0001", units=[available]),
        "not_found",
    )
    _reject(
        sim,
        "incident.dispatch",
        IncidentDispatch(incident=incident, units=[available], expected_version=9),
        "conflict",
    )
    # nothing happened to the unit through all that
    unit = sim.entity("units", available)
    assert unit is not None
    assert unit["status"] == "available"
    sim.command("incident.close", IncidentClose(incident=incident, resolution="误报"))
    _reject(
        sim, "incident.dispatch", IncidentDispatch(incident=incident, units=[available]), "conflict"
    )
    _reject(sim, "incident.close", IncidentClose(incident=incident), "conflict")


def test_dispatch_reassigns_and_status_detaches(sim: Simulator) -> None:
    first, second = _create(sim), _create(sim, "又有人打架")
    unit = _units(sim, "available")[0]
    sim.command("incident.dispatch", IncidentDispatch(incident=first, units=[unit]))
    result, events = sim.command(
        "incident.dispatch", IncidentDispatch(incident=second, units=[unit, unit])
    )
    assert result["units"] == [unit]
    old = next(e.data for e in events if e.topic == "incidents" and e.data["id"] == first)
    assert old["units"] == []
    assert old["status"] == "new"  # nobody left on it
    state = sim.entity("units", unit)
    assert state is not None
    assert state["incident"] == second
    result, _ = sim.command("incident.dispatch", IncidentDispatch(incident=second, units=[unit]))
    assert result["already"] == [unit]

    result, events = sim.command("unit.set_status", UnitSetStatus(unit=unit, status="available"))
    assert result["changed"] is True
    unit_state = next(e.data for e in events if e.topic == "units")
    assert unit_state["status"] == "available"
    assert unit_state["incident"] is None
    assert unit_state["dispatched_at"] is None
    assert _status_of(sim, second) == "new"
    _reject(sim, "unit.set_status", UnitSetStatus(unit=unit, status="en_route"), "conflict")
    _reject(sim, "unit.set_status", UnitSetStatus(unit="U-XX-99", status="busy"), "not_found")
    _reject(
        sim,
        "unit.set_status",
        UnitSetStatus(unit=unit, status="busy", expected_version=1),
        "conflict",
    )


def _status_of(sim: Simulator, incident: str) -> str:
    entity = sim.entity("incidents", incident)
    assert entity is not None
    return str(entity["status"])


def test_operator_drives_a_unit_by_status(sim: Simulator) -> None:
    incident = _create(sim)
    unit = _units(sim, "available")[0]
    sim.command("incident.dispatch", IncidentDispatch(incident=incident, units=[unit]))
    _, events = sim.command("unit.set_status", UnitSetStatus(unit=unit, status="on_scene"))
    state = next(e.data for e in events if e.topic == "units")
    assert state["status"] == "on_scene"
    assert state["ack_via"] == "manual"
    assert _status_of(sim, incident) == "on_scene"
    _, events = sim.command("incident.close", IncidentClose(incident=incident, resolution="已调解"))
    closed = next(e.data for e in events if e.topic == "incidents")
    assert closed["status"] == "closed"
    assert closed["resolution"] == "已调解"
    freed = next(e.data for e in events if e.topic == "units")
    assert freed["status"] == "available"


def test_off_duty_unit_can_be_put_on_duty(sim: Simulator) -> None:
    unit = _units(sim, "off_duty")[0]
    _, events = sim.command("unit.set_status", UnitSetStatus(unit=unit, status="available"))
    state = events[0].data
    assert state["status"] == "available"
    assert state["shift_started_at"] is not None
    result, events = sim.command("unit.set_status", UnitSetStatus(unit=unit, status="available"))
    assert result["changed"] is False
    assert events == []


def test_alert_acknowledge_and_link(sim: Simulator) -> None:
    alert = sim.entity("alerts", "A-20261128-0001")
    assert alert is not None
    result, events = sim.command(
        "alert.acknowledge", AlertAcknowledge(alert=alert["id"], expected_version=alert["version"])
    )
    assert result["changed"] is True
    assert events[0].data["acknowledged"] is True
    assert events[0].data["acknowledged_at"].endswith("Z")
    result, events = sim.command("alert.acknowledge", AlertAcknowledge(alert=alert["id"]))
    assert result["changed"] is False
    assert events == []
    incident = _create(sim)
    _, events = sim.command(
        "alert.link_incident", AlertLinkIncident(alert=alert["id"], incident=incident)
    )
    assert events[0].data["incident"] == incident
    assert events[0].data["version"] == alert["version"] + 2
    _reject(
        sim,
        "alert.link_incident",
        AlertLinkIncident(alert=alert["id"], incident="I-19990101-0001"),
        "not_found",
    )
    _reject(sim, "alert.acknowledge", AlertAcknowledge(alert="A-19990101-0001"), "not_found")
    _reject(
        sim,
        "alert.acknowledge",
        AlertAcknowledge(alert=alert["id"], expected_version=1),
        "conflict",
    )


def test_malformed_commands_are_bad_requests(sim: Simulator) -> None:
    _reject(sim, "incident.teleport", AlertAcknowledge(alert="A-1"), "bad_request")
    _reject(sim, "incident.close", AlertAcknowledge(alert="A-1"), "bad_request")
