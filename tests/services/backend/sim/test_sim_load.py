"""The load profile: thousands of units and thousands of events per simulated second."""

from __future__ import annotations

from collections import Counter

from services.backend.sim import PROFILES, Simulator


def test_load_profile_event_rate() -> None:
    profile = PROFILES["load"]
    assert profile.units >= 5000
    sim = Simulator(seed=1, profile=profile)
    boot = sim.bootstrap()
    assert sum(1 for e in boot if e.type == "unit.created") == profile.units
    per_tick = []
    kinds: Counter[str] = Counter()
    for _ in range(100):
        events = sim.step(0.1)
        per_tick.append(len(events))
        kinds.update(e.type for e in events)
    total = sum(per_tick)
    assert total / 10.0 >= 2000
    mean = total / len(per_tick)
    assert max(per_tick) < 1.6 * mean  # reports are spread over ticks, not bunched
    assert kinds["incident.created"] >= 3
