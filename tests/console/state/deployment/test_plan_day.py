"""The deployment plan over a simulated day: the S-city simulator runs a day to make the
history, then a second day; at the start of every hour of it the plan for that hour is
made from the incidents so far and the units available at that moment, and must cover
at least as much pressure as those units where they stand.

Position reports are slowed (every 10 min) to keep the run short; where the units are
is read from the simulator itself at each hour, so it is exact.
"""

from __future__ import annotations

import dataclasses

import pytest

from console.state.deployment import DeploymentModel, IncidentBook, UnitSpot, load_city_grid
from services.backend.sim import Simulator
from services.backend.sim.profiles import PROFILES
from services.geo import load_gazetteer
from services.protocol.times import parse_ts


def run_for(sim: Simulator, seconds: float, book: IncidentBook) -> None:
    for _ in range(int(seconds // 60)):
        for event in sim.step(60.0):
            if event.type == "incident.created":
                data = event.data
                book.add(
                    data["id"],
                    parse_ts(data["reported_at"]).timestamp(),
                    data["location"]["lat"],
                    data["location"]["lon"],
                    data["category"],
                )


def available_units(sim: Simulator, unit_ids: list[str]) -> list[UnitSpot]:
    spots = []
    for unit_id in unit_ids:
        unit = sim.entity("units", unit_id)
        position = sim.entity("positions", unit_id)
        if unit and position and unit["status"] == "available":
            spots.append(UnitSpot(unit_id, position["lat"], position["lon"]))
    return spots


@pytest.mark.slow
def test_the_suggestion_covers_at_least_as_much_as_the_units_do_in_every_hour() -> None:
    profile = dataclasses.replace(
        PROFILES["demo"], position_period_s=600.0, off_duty_position_period_s=3600.0
    )
    sim = Simulator(seed=21, profile=profile)
    unit_ids = [e.data["id"] for e in sim.bootstrap() if e.type == "unit.created"]
    grid = load_city_grid()
    model = DeploymentModel(grid, load_gazetteer())
    book = IncidentBook(grid)
    run_for(sim, 24 * 3600, book)
    assert len(book) > 1500  # a day of the demo city's calls
    rows = []
    for hour in range(24):
        run_for(sim, 3600, book)
        now = sim.now.timestamp()
        units = available_units(sim, unit_ids)
        plan = model.plan(book.arrays(), units, now, now)
        rows.append((plan.hour, len(units), plan.share_now, plan.share_suggested, plan.basis))
        assert plan.covered_suggested >= plan.covered_now, f"hour {hour}"
        assert plan.basis == "greedy", "the greedy posts themselves beat the units' positions"
        assert len(plan.posts) <= len(units)
        assignments = [p.unit for p in plan.posts]
        assert len(set(assignments)) == len(assignments)  # no unit sent to two posts
    print("\nhour units covered-now covered-suggested")  # noqa: T201 (a table to read)
    for local, count, now_share, suggested_share, _basis in rows:
        print(f"{local:4d} {count:5d} {now_share:11.1%} {suggested_share:17.1%}")  # noqa: T201
    assert {row[0] for row in rows} == set(range(24))
