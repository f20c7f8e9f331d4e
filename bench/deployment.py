"""Deployment map recompute: pressure per cell and K = 200 patrol posts over the whole S
city from 30 days of incident history.

History: synthetic (bench/_city_history.py) — 30 days of incident arrivals at the demo
profile's call rate and the simulator's hourly curve, placed and categorised by the
simulator's own draws (about 65,000 incidents); units are not simulated. The 200
available units stand where the simulator places things (its ``clustered_point`` around
stations), drawn once.

Measured, each run from the raw history (nothing carried over between runs):

    recompute = note every incident in a fresh IncidentBook (its H3 cell)
              + heat for the hour + pressure + greedy covering for 200 posts
              + the units' present coverage + assigning units to posts + post reasons

over 7 runs, each for a different hour of the day. Printed besides: the one-off start-up
cost (grid, population, coverage matrix; paid once per process) and the recompute when
only the hour changes (the book kept: what the panel's hour slider costs).

    python bench/deployment.py
Last line: deployment_recompute_s=<median seconds> (target < 1)
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._city_history import synthetic_history
from console.state.deployment import DeploymentModel, IncidentBook, UnitSpot, load_city_grid
from console.state.deployment.heat import next_local_hour
from services.backend.sim import Simulator
from services.backend.sim.world import clustered_point, stations_by_district
from services.geo import load_gazetteer

DAYS = 30
UNITS = 200
RUNS = 7
NOW = 1_796_000_000.0  # a fixed moment (2026-11-29 local), so runs are comparable


def unit_spots(seed: int = 5) -> list[UnitSpot]:
    world = Simulator(seed=seed)
    stations = stations_by_district(list(world._stations.values()))
    districts = [d for d in world.geography.districts if d.name_zh in stations]
    rng = random.Random(seed)
    spots = []
    for index in range(UNITS):
        district = districts[index % len(districts)]
        lat, lon = clustered_point(rng, district, stations[district.name_zh])
        spots.append(UnitSpot(f"U-{index:03d}", lat, lon))
    return spots


def main() -> None:
    started = time.perf_counter()
    history = synthetic_history(DAYS, NOW)
    units = unit_spots()
    print(f"history: {len(history)} incidents over {DAYS} days (synthetic), {len(units)} units")
    print(f"  (generated in {time.perf_counter() - started:.1f} s, not measured)")

    started = time.perf_counter()
    grid = load_city_grid()
    gazetteer = load_gazetteer()
    model = DeploymentModel(grid, gazetteer)
    grid.coverage(model.settings.radius_m)
    startup = time.perf_counter() - started
    print(
        f"start-up (once per process): {startup:.3f} s — {len(grid)} cells, "
        f"coverage radius {model.settings.radius_m:.0f} m"
    )

    timings, plans = [], []
    for run in range(RUNS):
        target = next_local_hour(NOW, (run * 7) % 24)
        begin = time.perf_counter()
        book = IncidentBook(grid)
        for incident in history:
            book.add(
                incident.id, incident.reported_ts, incident.lat, incident.lon, incident.category
            )
        plan = model.plan(book.arrays(), units, NOW, target)
        timings.append(time.perf_counter() - begin)
        plans.append(plan)
    warm = []
    for hour in range(24):
        begin = time.perf_counter()
        model.plan(book.arrays(), units, NOW, next_local_hour(NOW, hour))
        warm.append(time.perf_counter() - begin)

    for plan, seconds in zip(plans, timings, strict=True):
        print(
            f"  {plan.hour:02d}:00  {seconds:.3f} s  posts {len(plan.posts)}  "
            f"incidents counted {plan.incidents_counted}  covered now {plan.share_now:.1%} "
            f"-> suggested {plan.share_suggested:.1%}  uncovered cells {len(plan.uncovered)}"
        )
    print(
        f"recompute from raw history: median {statistics.median(timings):.3f} s, "
        f"max {max(timings):.3f} s over {RUNS} runs"
    )
    print(
        f"hour change only (book kept): median {statistics.median(warm) * 1000:.0f} ms, "
        f"max {max(warm) * 1000:.0f} ms over 24 hours"
    )
    print(f"deployment_recompute_s={statistics.median(timings):.3f}")


if __name__ == "__main__":
    main()
