"""The city's hexagonal grid: H3 cells (resolution 8, about 0.74 km² each) over the
district boundaries, with their centres, districts and a local metric plane.

A cell belongs to the district whose polygon holds its centre (H3's own rule for filling
a polygon). Distances use a flat projection centred on the city (metres east and north
of it), accurate to well under 1 % across Suzhou; the k-d tree over cell centres answers
"which cells lie within r metres of here".
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import h3
import numpy as np
from scipy.sparse import csr_matrix
from scipy.spatial import cKDTree

from services.geo.gazetteer import DEFAULT_DISTRICTS

RESOLUTION = 8
CITY_ORIGIN = (31.4, 120.7)  # the flat projection's origin (lat, lon)
M_PER_DEG_LAT = 111_320.0
M_PER_DEG_LON = 111_320.0 * math.cos(math.radians(CITY_ORIGIN[0]))


def to_xy(
    lat: np.ndarray | Sequence[float] | float, lon: np.ndarray | Sequence[float] | float
) -> np.ndarray:
    """Points as metres (east, north) of the city origin: shape (n, 2)."""
    lat_a = np.atleast_1d(np.asarray(lat, dtype=float))
    lon_a = np.atleast_1d(np.asarray(lon, dtype=float))
    return np.column_stack(
        ((lon_a - CITY_ORIGIN[1]) * M_PER_DEG_LON, (lat_a - CITY_ORIGIN[0]) * M_PER_DEG_LAT)
    )


@dataclass(eq=False)
class CityGrid:
    """Cells in a fixed order; every per-cell array of the model follows it."""

    cells: tuple[str, ...]
    district: tuple[str, ...]  # English district name per cell
    lat: np.ndarray
    lon: np.ndarray
    area_km2: np.ndarray
    resolution: int = RESOLUTION
    index: dict[str, int] = field(init=False, repr=False)
    xy: np.ndarray = field(init=False, repr=False)
    tree: cKDTree = field(init=False, repr=False)
    _coverage: dict[float, csr_matrix] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.index = {cell: i for i, cell in enumerate(self.cells)}
        self.xy = to_xy(self.lat, self.lon)
        self.tree = cKDTree(self.xy)

    def __len__(self) -> int:
        return len(self.cells)

    def cell_index(self, lat: float, lon: float) -> int:
        """The index of the cell holding the point, or -1 outside the city."""
        return self.index.get(h3.latlng_to_cell(lat, lon, self.resolution), -1)

    def cell_indices(self, lats: np.ndarray, lons: np.ndarray) -> np.ndarray:
        """Cell index per point (-1 outside the city)."""
        index, res = self.index, self.resolution
        return np.fromiter(
            (
                index.get(h3.latlng_to_cell(la, lo, res), -1)
                for la, lo in zip(lats, lons, strict=True)
            ),
            dtype=np.int64,
            count=len(lats),
        )

    def boundary(self, i: int) -> tuple[tuple[float, float], ...]:
        """The hexagon's corners as (lat, lon)."""
        return tuple(h3.cell_to_boundary(self.cells[i]))

    def within(self, lat: float, lon: float, radius_m: float) -> list[int]:
        """Cells whose centre lies within ``radius_m`` of the point."""
        return sorted(self.tree.query_ball_point(to_xy(lat, lon)[0], radius_m))

    def coverage(self, radius_m: float) -> csr_matrix:
        """Candidate post (a cell centre) x cell: 1 where the cell's centre lies within
        ``radius_m`` of the post. Built once per radius."""
        matrix = self._coverage.get(radius_m)
        if matrix is None:
            matrix = coverage_matrix(self.xy, self.xy, radius_m)
            self._coverage[radius_m] = matrix
        return matrix


def coverage_matrix(posts_xy: np.ndarray, cells_xy: np.ndarray, radius_m: float) -> csr_matrix:
    """Post x cell incidence: 1 where a cell centre lies within ``radius_m`` of a post."""
    tree = cKDTree(cells_xy)
    rows = tree.query_ball_point(posts_xy, radius_m)
    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    np.cumsum([len(r) for r in rows], out=indptr[1:])
    indices = (
        np.fromiter((c for r in rows for c in r), dtype=np.int64, count=int(indptr[-1]))
        if len(rows)
        else np.zeros(0, dtype=np.int64)
    )
    data = np.ones(len(indices), dtype=np.float64)
    return csr_matrix((data, indices, indptr), shape=(len(posts_xy), len(cells_xy)))


def build_grid(districts: dict[str, object], resolution: int = RESOLUTION) -> CityGrid:
    """The grid over a districts GeoJSON FeatureCollection (``name_en`` per feature)."""
    features = districts.get("features")
    if not isinstance(features, list):
        raise ValueError("districts GeoJSON has no feature list")
    owner: dict[str, str] = {}
    for feature in features:
        name = str((feature.get("properties") or {}).get("name_en") or "")
        for cell in sorted(h3.geo_to_cells(feature["geometry"], resolution)):
            owner.setdefault(cell, name)
    cells = tuple(sorted(owner))
    centres = np.array([h3.cell_to_latlng(c) for c in cells], dtype=float).reshape(-1, 2)
    return CityGrid(
        cells=cells,
        district=tuple(owner[c] for c in cells),
        lat=centres[:, 0].copy(),
        lon=centres[:, 1].copy(),
        area_km2=np.array([h3.cell_area(c, "km^2") for c in cells], dtype=float),
        resolution=resolution,
    )


@lru_cache(maxsize=2)
def _load(path: str, resolution: int) -> CityGrid:
    return build_grid(json.loads(Path(path).read_text(encoding="utf-8")), resolution)


def load_city_grid(path: str | Path | None = None, resolution: int = RESOLUTION) -> CityGrid:
    """The S city's grid (built once per process: about a third of a second)."""
    return _load(str(Path(path).resolve() if path else DEFAULT_DISTRICTS), resolution)
