"""Where people live, per cell: the 2020 census populations spread by a stated proxy.

Source: the resident population of each census area in the Seventh National Population
Census (2020; figures and their source in ``resources/geo/NOTICE.md``, read from the
gazetteer's ``census_areas``). The census says how many people live in a district, not
where inside it, so each area's population is spread over the grid by a proxy:

* **anchors** — the gazetteer's points in the area (police-station localities weigh 3:
  each is a town or sub-district centre; landmarks 2; streets 1). 80 % of the area's
  population is shared among its anchors by weight, and each anchor's share is spread
  over the cells around it with a Gaussian kernel (σ = 1.5 km, cut at 3σ);
* **a rural floor** — the other 20 % is spread evenly over the area's district cells;
* an area with no boundary of its own (Suzhou Industrial Park lies inside other
  districts' polygons in the boundary data) puts everything on its anchors;
* cells whose centre is on open water (the gazetteer's ``water``) get nobody, and an
  anchor's kernel only reaches cells of its own district (or, for an area without a
  boundary, any land cell).

The result keeps each area's total exactly (up to an anchor-less area, which falls back
to its floor). The population index is a cell's density divided by the 99th percentile
of the populated cells' densities, capped at 1 — so a few very dense cells do not flatten
the rest.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from console.state.deployment.grid import CityGrid, to_xy
from services.geo import Gazetteer

ANCHOR_WEIGHTS = {"station": 3.0, "landmark": 2.0, "street": 1.0}
ANCHOR_SHARE = 0.8
KERNEL_SIGMA_M = 1500.0
INDEX_PERCENTILE = 99.0


@dataclass(frozen=True)
class Population:
    """People per cell, density per km², and the 0–1 population index."""

    people: np.ndarray
    density: np.ndarray
    index: np.ndarray


def normalised(values: np.ndarray, percentile: float = INDEX_PERCENTILE) -> np.ndarray:
    """``values`` divided by the given percentile of its positive entries, capped at 1
    (all zeros stay zeros)."""
    positive = values[values > 0]
    if not len(positive):
        return np.zeros_like(values, dtype=float)
    reference = float(np.percentile(positive, percentile))
    if reference <= 0:
        reference = float(positive.max())
    return np.minimum(values / reference, 1.0)


def on_water(grid: CityGrid, gazetteer: Gazetteer) -> np.ndarray:
    """Per cell: its centre lies on the gazetteer's open water."""
    wet = np.zeros(len(grid), dtype=bool)
    for water in gazetteer.water:
        wet[grid.within(water.lat, water.lon, water.radius_m)] = True
    return wet


def spread_population(grid: CityGrid, gazetteer: Gazetteer) -> Population:
    """The census populations spread over ``grid`` (see the module's description)."""
    land = ~on_water(grid, gazetteer)
    districts = np.asarray(grid.district)
    anchors: dict[str, list[tuple[float, float, float, str]]] = {}
    area_of_district = {a.district: a.id for a in gazetteer.census_areas if a.district}
    for kind, district, place in gazetteer.places():
        area_id = place.census_area or area_of_district.get(district, "")
        anchors.setdefault(area_id, []).append(
            (place.lat, place.lon, ANCHOR_WEIGHTS[kind], district)
        )
    people = np.zeros(len(grid), dtype=float)
    for area in gazetteer.census_areas:
        home = land & (districts == area.district) if area.district else land
        points = anchors.get(area.id, [])
        anchor_share = ANCHOR_SHARE if area.district else 1.0
        if not points or not home.any():
            anchor_share = 0.0
        floor = area.population_2020 * (1.0 - anchor_share)
        if floor and home.any():
            people[home] += floor / home.sum()
        if not anchor_share:
            continue
        total_weight = sum(weight for _lat, _lon, weight, _d in points)
        for lat, lon, weight, _district in points:
            share = area.population_2020 * anchor_share * weight / total_weight
            near = np.asarray(grid.within(lat, lon, 3 * KERNEL_SIGMA_M), dtype=np.int64)
            near = near[home[near]] if len(near) else near
            if not len(near):  # the anchor sits on water or outside its area: nearest land
                _d, nearest = grid.tree.query(to_xy(lat, lon)[0], k=16)
                near = np.asarray([i for i in np.atleast_1d(nearest) if home[i]][:1])
                if not len(near):
                    near = np.flatnonzero(home)
            offsets = grid.xy[near] - to_xy(lat, lon)[0]
            kernel = np.exp(-0.5 * (offsets**2).sum(axis=1) / KERNEL_SIGMA_M**2)
            people[near] += share * kernel / kernel.sum()
    density = people / grid.area_km2
    return Population(people=people, density=density, index=normalised(density))
