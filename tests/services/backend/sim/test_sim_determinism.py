"""The same seed, profile and start give exactly the same events."""

from __future__ import annotations

from datetime import UTC, datetime

from services.backend.sim import PROFILES, Emitted, Simulator
from services.protocol.codec import encode
from services.protocol.commands import IncidentDispatch, UnitSetStatus

START = datetime(2026, 11, 28, 8, 0, tzinfo=UTC)


def _run(seed: int, steps: int = 300) -> list[Emitted]:
    sim = Simulator(seed=seed, profile=PROFILES["demo"], start=START)
    events = sim.bootstrap()
    for _ in range(steps):
        events.extend(sim.step(1.0))
    return events


def _wire(events: list[Emitted]) -> list[bytes]:
    return [encode([event.topic, event.type, event.data]) for event in events]


def test_same_seed_gives_identical_events() -> None:
    first, second = _run(7), _run(7)
    assert len(first) > 500
    assert _wire(first[:500]) == _wire(second[:500])
    assert _wire(first) == _wire(second)
    assert any(event.topic == "incidents" for event in first[600:])


def test_different_seed_gives_different_events() -> None:
    assert _wire(_run(7, 30)[:500]) != _wire(_run(8, 30)[:500])


def test_commands_and_varying_steps_are_deterministic() -> None:
    def scripted() -> list[bytes]:
        sim = Simulator(seed=3, profile=PROFILES["demo"], start=START)
        events = sim.bootstrap()
        incident = next(e.data["id"] for e in events if e.type == "incident.created")
        unit = next(
            e.data["id"]
            for e in events
            if e.type == "unit.created" and e.data["status"] == "available"
        )
        for dt in (0.05, 0.1, 0.3, 2.5, 5.0):
            events.extend(sim.step(dt))
        _, produced = sim.command(
            "incident.dispatch", IncidentDispatch(incident=incident, units=[unit])
        )
        events.extend(produced)
        for _ in range(200):
            events.extend(sim.step(0.7))
        _, produced = sim.command("unit.set_status", UnitSetStatus(unit=unit, status="available"))
        events.extend(produced)
        for _ in range(50):
            events.extend(sim.step(1.0))
        return _wire(events)

    assert scripted() == scripted()


def test_clock_advances_exactly() -> None:
    sim = Simulator(seed=1, profile=PROFILES["demo"], start=START)
    sim.bootstrap()
    for _ in range(1000):
        sim.step(0.1)
    assert (sim.now - START).total_seconds() == 100.0
