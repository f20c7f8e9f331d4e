"""Shared fixture of the simulator tests: one hour of the demo city, run once per session."""

from __future__ import annotations

import pytest

from services.backend.sim import PROFILES, Emitted, Simulator


@pytest.fixture(scope="session")
def demo_hour() -> tuple[Simulator, list[Emitted]]:
    """The demo city, bootstrapped and run for one simulated hour at step(1.0)."""
    sim = Simulator(seed=11, profile=PROFILES["demo"])
    events = sim.bootstrap()
    for _ in range(3600):
        events.extend(sim.step(1.0))
    return sim, events
