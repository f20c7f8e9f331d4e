"""Override reasons, recall, reassignment and out-of-service reasons in the simulated CAD."""

from __future__ import annotations

import dataclasses

import pytest

from services.backend.sim import PROFILES, CommandRejected, Simulator
from services.backend.sim.commands import reason_note
from services.protocol.codec import ProtocolError, decode_command_data
from services.protocol.commands import (
    IncidentCreate,
    IncidentDispatch,
    IncidentRecall,
    UnitSetStatus,
)
from services.protocol.entities import Location
from services.protocol.limits import MAX_NOTES, NOTE_CHARS, REASON_CHARS

DESK = "console/0.1 ws-12"


@pytest.fixture
def sim() -> Simulator:
    profile = dataclasses.replace(PROFILES["demo"], auto_dispatch_after_s=None)
    simulator = Simulator(seed=5, profile=profile)
    simulator.bootstrap()
    return simulator


def _available(sim: Simulator, count: int) -> list[str]:
    found = []
    for number in range(1, 40):
        for abbr in ("GS", "WZ", "KS", "HQ", "XC", "WJ", "CS", "ZJG", "TC"):
            unit = sim.entity("units", f"U-{abbr}-{number:02d}")
            if unit is not None and unit["status"] == "available" and unit["kind"] != "drone":
                found.append(unit["id"])
                if len(found) == count:
                    return found
    raise AssertionError("not enough available units")


def _create(sim: Simulator) -> str:
    result, _ = sim.command(
        "incident.create",
        IncidentCreate(
            category="fraud",
            priority=3,
            summary="phone fraud",
            location=Location(lat=31.311, lon=120.626),
        ),
    )
    return str(result["incident"])


def _notes(sim: Simulator, incident: str) -> list[str]:
    entity = sim.entity("incidents", incident)
    assert entity is not None
    return [note["text"] for note in entity["notes"]]


def test_a_dispatch_with_a_reason_notes_it_and_names_who_dispatched(sim: Simulator) -> None:
    incident = _create(sim)
    units = _available(sim, 2)
    result, events = sim.command(
        "incident.dispatch",
        IncidentDispatch(incident=incident, units=units, reason="armed suspect, two cars"),
        DESK,
    )
    assert result["units"] == units
    notes = _notes(sim, incident)
    assert len(notes) == 1
    assert notes[0].startswith("Override, dispatched " + units[0])
    assert notes[0].endswith(": armed suspect, two cars")
    for unit_id in units:
        unit = sim.entity("units", unit_id)
        assert unit is not None
        assert unit["dispatched_by"] == DESK
    # the note arrives in the incident event of the same command
    incident_events = [e for e in events if e.topic == "incidents"]
    assert incident_events[-1].data["notes"][-1]["text"] == notes[0]


def test_a_dispatch_without_a_reason_adds_no_note_and_the_cad_dispatches_anonymously(
    sim: Simulator,
) -> None:
    incident = _create(sim)
    (unit_id,) = _available(sim, 1)
    sim.command("incident.dispatch", IncidentDispatch(incident=incident, units=[unit_id]))
    assert _notes(sim, incident) == []
    unit = sim.entity("units", unit_id)
    assert unit is not None
    assert "dispatched_by" not in unit


def test_recall_frees_the_unit_takes_it_off_and_notes_the_reason(sim: Simulator) -> None:
    incident = _create(sim)
    first, second = _available(sim, 2)
    sim.command("incident.dispatch", IncidentDispatch(incident=incident, units=[first, second]))
    result, events = sim.command(
        "incident.recall",
        IncidentRecall(incident=incident, units=[first], reason="sent by mistake"),
        DESK,
    )
    assert result["units"] == [first]
    unit = sim.entity("units", first)
    assert unit is not None
    assert unit["status"] == "available"
    assert unit["incident"] is None
    assert "dispatched_by" not in unit
    entity = sim.entity("incidents", incident)
    assert entity is not None
    assert entity["units"] == [second]
    assert _notes(sim, incident)[-1].endswith(": sent by mistake")
    assert first in _notes(sim, incident)[-1]
    assert sum(1 for e in events if e.topic == "incidents") == 1  # one event for the change


def test_recalling_the_last_unit_makes_the_incident_new_again(sim: Simulator) -> None:
    incident = _create(sim)
    (unit_id,) = _available(sim, 1)
    sim.command("incident.dispatch", IncidentDispatch(incident=incident, units=[unit_id]))
    sim.command("incident.recall", IncidentRecall(incident=incident, units=[unit_id], reason="x"))
    entity = sim.entity("incidents", incident)
    assert entity is not None
    assert entity["status"] == "new"
    assert entity["units"] == []


def test_recall_of_a_unit_not_on_the_incident_is_a_conflict_and_changes_nothing(
    sim: Simulator,
) -> None:
    incident = _create(sim)
    (unit_id,) = _available(sim, 1)
    before = sim.entity("incidents", incident)
    with pytest.raises(CommandRejected) as caught:
        sim.command(
            "incident.recall", IncidentRecall(incident=incident, units=[unit_id], reason="x")
        )
    assert caught.value.code == "conflict"
    assert sim.entity("incidents", incident) == before


def test_reassign_is_one_dispatch_and_both_incidents_get_the_reason(sim: Simulator) -> None:
    old, new = _create(sim), _create(sim)
    (unit_id,) = _available(sim, 1)
    sim.command("incident.dispatch", IncidentDispatch(incident=old, units=[unit_id]))
    sim.command(
        "incident.dispatch",
        IncidentDispatch(incident=new, units=[unit_id], reason="priority 1 nearby"),
        DESK,
    )
    unit = sim.entity("units", unit_id)
    assert unit is not None
    assert unit["incident"] == new
    old_entity, new_entity = sim.entity("incidents", old), sim.entity("incidents", new)
    assert old_entity is not None
    assert new_entity is not None
    assert unit_id not in old_entity["units"]
    assert new_entity["units"] == [unit_id]
    assert _notes(sim, old)[-1] == reason_note(
        f"{unit_id} ({unit['callsign']}) reassigned to {new}", "priority 1 nearby"
    )
    assert _notes(sim, new)[-1].endswith("priority 1 nearby")


def test_a_reason_on_an_incident_with_full_notes_is_refused_whole(sim: Simulator) -> None:
    incident = _create(sim)
    state = sim._cad.incidents[incident]  # fill the notes directly
    state.notes = [{"ts": state.reported_at, "text": "n"}] * MAX_NOTES
    (unit_id,) = _available(sim, 1)
    with pytest.raises(CommandRejected) as caught:
        sim.command(
            "incident.dispatch", IncidentDispatch(incident=incident, units=[unit_id], reason="y")
        )
    assert caught.value.code == "bad_request"
    assert "`$.reason`" in caught.value.message
    unit = sim.entity("units", unit_id)
    assert unit is not None
    assert unit["status"] == "available"  # nothing half applied


@pytest.mark.parametrize("status", ["off_duty", "busy"])
def test_out_of_service_needs_a_reason(sim: Simulator, status: str) -> None:
    (unit_id,) = _available(sim, 1)
    for reason in (None, "  "):
        with pytest.raises(CommandRejected) as caught:
            sim.command(
                "unit.set_status", UnitSetStatus(unit=unit_id, status=status, reason=reason)
            )
        assert caught.value.code == "bad_request"
        assert "`$.reason`" in caught.value.message
    sim.command(
        "unit.set_status", UnitSetStatus(unit=unit_id, status=status, reason="vehicle fault")
    )
    unit = sim.entity("units", unit_id)
    assert unit is not None
    assert unit["status"] == status
    assert unit["status_reason"] == "vehicle fault"
    sim.command("unit.set_status", UnitSetStatus(unit=unit_id, status="available"))
    unit = sim.entity("units", unit_id)
    assert unit is not None
    assert "status_reason" not in unit  # back in service: the reason is history


def test_the_status_reason_survives_a_restore(sim: Simulator) -> None:
    (unit_id,) = _available(sim, 1)
    sim.command("unit.set_status", UnitSetStatus(unit=unit_id, status="busy", reason="refuel"))
    entity = sim.entity("units", unit_id)
    assert entity is not None
    restored = Simulator(seed=5, profile=dataclasses.replace(PROFILES["demo"]))
    units = [u for key in [unit_id] if (u := sim.entity("units", key)) is not None]
    restored.restore({"units": units, "incidents": [], "positions": []})
    again = restored.entity("units", unit_id)
    assert again is not None
    assert again["status_reason"] == "refuel"


def test_a_blank_reason_is_refused(sim: Simulator) -> None:
    incident = _create(sim)
    (unit_id,) = _available(sim, 1)
    for kind, data in (
        ("incident.dispatch", IncidentDispatch(incident=incident, units=[unit_id], reason=" ")),
        ("incident.recall", IncidentRecall(incident=incident, units=[unit_id], reason=" \n")),
    ):
        with pytest.raises(CommandRejected) as caught:
            sim.command(kind, data)
        assert caught.value.code == "bad_request"
        assert "`$.reason`" in caught.value.message


def test_reasons_are_bounded_and_a_recall_needs_one() -> None:
    with pytest.raises(ProtocolError, match=r"\$\.reason"):
        decode_command_data("incident.recall", b'{"incident":"I-1","units":["U-1"],"reason":""}')
    with pytest.raises(ProtocolError, match="`reason`"):
        decode_command_data("incident.recall", b'{"incident":"I-1","units":["U-1"]}')
    too_long = "x" * (REASON_CHARS + 1)
    with pytest.raises(ProtocolError, match=r"\$\.reason"):
        decode_command_data(
            "incident.dispatch",
            f'{{"incident":"I-1","units":["U-1"],"reason":"{too_long}"}}'.encode(),
        )


def test_a_reason_note_always_fits_in_one_note() -> None:
    note = reason_note("Recalled " + "U-LONG-NAME, " * 200, "r" * REASON_CHARS)
    assert len(note) <= NOTE_CHARS
    assert note.endswith("r" * REASON_CHARS)
