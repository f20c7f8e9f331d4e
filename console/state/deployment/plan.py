"""The deployment plan: pressure per cell for an hour, K patrol posts covering the most of
it, and how that compares with where the available units are now.

* **pressure** = 0.6 × heat index + 0.4 × population index (both 0–1; see
  :mod:`~console.state.deployment.heat` and :mod:`~console.state.deployment.population`):
  incidents are what patrols answer; population is where they come from when the
  history is thin, and where a patrol is seen.
* **response radius** — a post covers the cells whose centre it can reach within the
  response target (6 min) at an urban patrol speed (30 km/h) on roads 1.3 times longer
  than the straight line: about 2.3 km.
* **posts** — K = the units available now; placed by the greedy maximal-covering
  heuristic (:mod:`~console.state.deployment.covering`) over every cell centre.
* **now vs suggested** — the pressure within the radius of the available units where
  they stand, against the posts'. Should the units already cover more than the greedy
  posts (possible in principle: greedy is a heuristic), the plan says so and suggests
  they stay ("basis" ``current``): it never suggests a worse layout than the present.
* **who goes where** — each post is given one available unit so that the total straight-
  line distance is least (an assignment, not "the nearest" per post, so no unit is sent
  to two posts).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linear_sum_assignment
from scipy.sparse import csr_matrix
from scipy.spatial import cKDTree

from console.state.categories import CATEGORIES
from console.state.deployment.covering import covered_cells, greedy_max_cover
from console.state.deployment.grid import CityGrid, coverage_matrix, to_xy
from console.state.deployment.heat import Heat, heat_for, local_hour
from console.state.deployment.population import Population, spread_population
from services.geo import Gazetteer


@dataclass(frozen=True)
class DeploymentSettings:
    response_min: float = 6.0
    speed_kmh: float = 30.0
    detour: float = 1.3
    heat_weight: float = 0.6
    population_weight: float = 0.4
    half_life_days: float = 14.0
    #: a cell at or above this pressure that no post covers is reported as left uncovered
    uncovered_from: float = 0.25

    @property
    def radius_m(self) -> float:
        return self.speed_kmh * 1000.0 / 60.0 * self.response_min / self.detour


@dataclass(frozen=True)
class UnitSpot:
    """An available unit and where it is."""

    id: str
    lat: float
    lon: float


@dataclass(frozen=True)
class PlaceName:
    zh: str
    en: str
    kind: str  # station | street | landmark | district
    district: str


@dataclass(frozen=True)
class Post:
    cell: int
    cell_id: str
    lat: float
    lon: float
    #: pressure this post newly covers (what it adds to the plan)
    gain: float
    #: heat and population index of the cells it newly covers (their mean, weighted by
    #: each cell's pressure: what the post is mostly there for)
    heat: float
    population: float
    #: categories weighing most in the heat of its area this hour (most first, at most 2)
    categories: tuple[str, ...]
    place: PlaceName
    unit: str | None
    unit_lat: float | None
    unit_lon: float | None
    unit_distance_m: float | None


@dataclass(frozen=True)
class PressureMap:
    """Per cell of the grid (``cells``: H3 ids, in the grid's order): both indices and the
    pressure made of them."""

    cells: tuple[str, ...]
    heat: np.ndarray
    population: np.ndarray
    pressure: np.ndarray


@dataclass(frozen=True)
class Plan:
    now: float
    target_ts: float
    hour: int  # local hour of day planned for
    response_min: float
    radius_m: float
    units_available: int
    posts: tuple[Post, ...]
    basis: str  # "greedy" | "current" (the units already covered more)
    total_pressure: float
    covered_now: float
    covered_suggested: float
    #: cells at or above ``uncovered_from`` pressure that no post covers, highest first
    uncovered: tuple[int, ...]
    pressure: PressureMap
    incidents_counted: int

    @property
    def share_now(self) -> float:
        return self.covered_now / self.total_pressure if self.total_pressure else 0.0

    @property
    def share_suggested(self) -> float:
        return self.covered_suggested / self.total_pressure if self.total_pressure else 0.0


class DeploymentModel:
    """The static parts (grid, population, place names) and :meth:`plan`."""

    def __init__(
        self,
        grid: CityGrid,
        gazetteer: Gazetteer,
        settings: DeploymentSettings | None = None,
        population: Population | None = None,
    ) -> None:
        self.grid = grid
        self.settings = settings or DeploymentSettings()
        self.population = population or spread_population(grid, gazetteer)
        self._places = [
            PlaceName(place.zh, place.en, kind, district)
            for kind, district, place in gazetteer.places()
        ]
        points = [(p.lat, p.lon) for _k, _d, p in gazetteer.places()]
        self._place_tree = cKDTree(to_xy(*np.array(points).T)) if points else None
        self._districts = {d.name_en: d for d in gazetteer.districts}

    def pressure_map(self, heat: Heat) -> PressureMap:
        s = self.settings
        pressure = s.heat_weight * heat.index + s.population_weight * self.population.index
        return PressureMap(self.grid.cells, heat.index, self.population.index, pressure)

    def plan(
        self,
        incidents: tuple[np.ndarray, np.ndarray, np.ndarray],
        units: Sequence[UnitSpot],
        now: float,
        target_ts: float,
    ) -> Plan:
        """The plan for the hour holding ``target_ts``, from the incidents seen by ``now``
        (``IncidentBook.arrays()``) and the units available now."""
        grid, s = self.grid, self.settings
        heat = heat_for(incidents, len(grid), now, target_ts, s.half_life_days)
        pressure = self.pressure_map(heat)
        weights = pressure.pressure
        radius = s.radius_m
        coverage = grid.coverage(radius)
        cover = greedy_max_cover(coverage, weights, len(units))
        if units:
            unit_xy = to_xy([u.lat for u in units], [u.lon for u in units])
            now_mask = covered_cells(coverage_matrix(unit_xy, grid.xy, radius), range(len(units)))
        else:
            now_mask = np.zeros(len(grid), dtype=bool)
        covered_now = float(weights[now_mask].sum())
        if covered_now > cover.covered_pressure:
            basis = "current"
            post_cells = [max(grid.cell_index(u.lat, u.lon), 0) for u in units]
            post_points = [(u.lat, u.lon) for u in units]
            covered_mask = now_mask
            areas = self._areas(coverage, post_cells)
        else:
            basis = "greedy"
            post_cells = list(cover.posts)
            post_points = [(float(grid.lat[c]), float(grid.lon[c])) for c in post_cells]
            covered_mask = cover.covered
            areas = self._areas(coverage, post_cells)
        assigned = self._assign(post_points, units)
        posts = tuple(
            self._post(cell, point, area, heat=heat, pressure=pressure, assigned=assigned.get(i))
            for i, (cell, point, area) in enumerate(
                zip(post_cells, post_points, areas, strict=True)
            )
        )
        uncovered = np.flatnonzero((weights >= s.uncovered_from) & ~covered_mask)
        uncovered = uncovered[np.argsort(-weights[uncovered], kind="stable")]
        return Plan(
            now=now,
            target_ts=target_ts,
            hour=local_hour(target_ts),
            response_min=s.response_min,
            radius_m=radius,
            units_available=len(units),
            posts=posts,
            basis=basis,
            total_pressure=float(weights.sum()),
            covered_now=covered_now,
            covered_suggested=float(weights[covered_mask].sum()),
            uncovered=tuple(int(c) for c in uncovered),
            pressure=pressure,
            incidents_counted=heat.incidents,
        )

    # --- the parts of a post ------------------------------------------------------------

    @staticmethod
    def _areas(coverage: csr_matrix, post_cells: list[int]) -> list[np.ndarray]:
        """The cells each post newly covers, in placing order."""
        taken = np.zeros(coverage.shape[1], dtype=bool)
        areas = []
        for cell in post_cells:
            row = coverage.indices[coverage.indptr[cell] : coverage.indptr[cell + 1]]
            fresh = row[~taken[row]]
            taken[fresh] = True
            areas.append(fresh)
        return areas

    def _assign(
        self, points: list[tuple[float, float]], units: Sequence[UnitSpot]
    ) -> dict[int, tuple[UnitSpot, float]]:
        if not points or not units:
            return {}
        post_xy = to_xy(*np.array(points).T)
        unit_xy = to_xy([u.lat for u in units], [u.lon for u in units])
        distance = np.linalg.norm(post_xy[:, None, :] - unit_xy[None, :, :], axis=2)
        rows, cols = linear_sum_assignment(distance)
        return {
            int(r): (units[int(c)], float(distance[r, c])) for r, c in zip(rows, cols, strict=True)
        }

    def _post(
        self,
        cell: int,
        point: tuple[float, float],
        area: np.ndarray,
        *,
        heat: Heat,
        pressure: PressureMap,
        assigned: tuple[UnitSpot, float] | None,
    ) -> Post:
        weights = pressure.pressure[area]
        total = float(weights.sum())
        if total > 0:
            by_category = np.asarray(heat.by_category[area].sum(axis=0)).ravel()
            heat_mean = float((pressure.heat[area] * weights).sum() / total)
            population_mean = float((pressure.population[area] * weights).sum() / total)
        else:
            by_category = np.zeros(len(CATEGORIES) + 1)
            heat_mean = population_mean = 0.0
        ranked = [i for i in np.argsort(-by_category, kind="stable") if by_category[i] > 0]
        categories = tuple(CATEGORIES[i] for i in ranked if i < len(CATEGORIES))[:2]
        unit, distance = assigned if assigned else (None, None)
        return Post(
            cell=cell,
            cell_id=self.grid.cells[cell],
            lat=point[0],
            lon=point[1],
            gain=total,
            heat=heat_mean,
            population=population_mean,
            categories=categories,
            place=self.place_name(*point, fallback_district=self.grid.district[cell]),
            unit=unit.id if unit else None,
            unit_lat=unit.lat if unit else None,
            unit_lon=unit.lon if unit else None,
            unit_distance_m=distance,
        )

    def place_name(self, lat: float, lon: float, *, fallback_district: str = "") -> PlaceName:
        """The gazetteer's nearest named point within 1.5 km, else the district."""
        if self._place_tree is not None:
            distance, index = self._place_tree.query(to_xy(lat, lon)[0])
            if distance <= 1500.0:
                return self._places[int(index)]
        names = self._districts.get(fallback_district)
        return PlaceName(
            names.name_zh if names else fallback_district,
            fallback_district,
            "district",
            fallback_district,
        )
