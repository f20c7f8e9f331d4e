"""The S-city's districts: boundaries, fast point-in-district tests and random places.

Boundaries come from ``resources/geo/districts.geojson`` (nine MultiPolygon districts with
``adcode``, ``name_zh`` and ``name_en``; the path is :mod:`services.geo`'s). Coordinates
in the file are ``[lon, lat]``; every function here takes and returns ``(lat, lon)`` in that
order, like the protocol's ``location``.

Point-in-polygon tests are exact (even-odd ray casting over every ring of a district, so
holes and islands are right) but fast: each district's edges are bucketed into thin
latitude bands, so a test only looks at the few edges that cross the point's band.
"""

from __future__ import annotations

import json
import math
import random
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from services.geo.gazetteer import DEFAULT_DISTRICTS

#: Metres per degree of latitude, and per degree of longitude at the city's latitude.
#: One constant for the whole city is accurate to well under 1 % across Suzhou.
M_PER_DEG_LAT = 111_320.0
M_PER_DEG_LON = 111_320.0 * math.cos(math.radians(31.4))

#: Short codes used in unit ids (``U-GS-03``), keyed by the district's English name.
_ABBREVIATIONS = {
    "Gusu": "GS",
    "Huqiu": "HQ",
    "Wuzhong": "WZ",
    "Xiangcheng": "XC",
    "Wujiang": "WJ",
    "Changshu": "CS",
    "Zhangjiagang": "ZJG",
    "Kunshan": "KS",
    "Taicang": "TC",
}

#: Rough urban centres (lat, lon) of the real districts, by adcode; used when inside.
_CENTRES = {
    "320505": (31.298, 120.566),
    "320506": (31.263, 120.632),
    "320507": (31.369, 120.642),
    "320508": (31.311, 120.622),
    "320509": (31.139, 120.645),
    "320581": (31.654, 120.752),
    "320582": (31.875, 120.556),
    "320583": (31.385, 120.981),
    "320585": (31.457, 121.130),
}

_BAND_DEG = 0.004  # latitude band height for the edge index (~450 m)

Edge = tuple[float, float, float, float]  # lat1, lon1, lat2, lon2


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Straight-line distance in metres (local flat approximation, fine at city scale)."""
    return math.hypot((lat2 - lat1) * M_PER_DEG_LAT, (lon2 - lon1) * M_PER_DEG_LON)


def bearing_deg(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Compass bearing from the first point to the second: 0 north, 90 east, in [0, 360)."""
    north = (lat2 - lat1) * M_PER_DEG_LAT
    east = (lon2 - lon1) * M_PER_DEG_LON
    if north == 0.0 and east == 0.0:
        return 0.0
    return math.degrees(math.atan2(east, north)) % 360.0


def offset(lat: float, lon: float, north_m: float, east_m: float) -> tuple[float, float]:
    """The point ``north_m`` metres north and ``east_m`` metres east of ``(lat, lon)``."""
    return lat + north_m / M_PER_DEG_LAT, lon + east_m / M_PER_DEG_LON


@dataclass(eq=False)
class District:
    """One district: names, abbreviation, boundary rings and an edge index for tests."""

    adcode: str
    name_zh: str
    name_en: str
    abbr: str
    #: polygons -> rings -> (lat, lon) points; the first ring of a polygon is its shell.
    polygons: list[list[list[tuple[float, float]]]]
    centre: tuple[float, float] = (0.0, 0.0)
    bbox: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)  # lat0, lon0, lat1, lon1
    _bands: list[list[Edge]] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        points = [p for polygon in self.polygons for ring in polygon for p in ring]
        lats = [p[0] for p in points]
        lons = [p[1] for p in points]
        self.bbox = (min(lats), min(lons), max(lats), max(lons))
        band_count = int((self.bbox[2] - self.bbox[0]) / _BAND_DEG) + 1
        self._bands = [[] for _ in range(band_count)]
        for polygon in self.polygons:
            for ring in polygon:
                for (lat1, lon1), (lat2, lon2) in zip(ring, ring[1:] + ring[:1], strict=True):
                    if lat1 == lat2:
                        continue  # horizontal edges never cross a horizontal ray
                    first = self._band(min(lat1, lat2))
                    last = self._band(max(lat1, lat2))
                    for band in range(first, last + 1):
                        self._bands[band].append((lat1, lon1, lat2, lon2))
        self.centre = self._find_centre()

    def _band(self, lat: float) -> int:
        index = int((lat - self.bbox[0]) / _BAND_DEG)
        return min(max(index, 0), len(self._bands) - 1)

    def contains(self, lat: float, lon: float) -> bool:
        """Whether the point lies inside the district (exact even-odd test)."""
        lat0, lon0, lat1, lon1 = self.bbox
        if not (lat0 <= lat <= lat1 and lon0 <= lon <= lon1):
            return False
        inside = False
        for e_lat1, e_lon1, e_lat2, e_lon2 in self._bands[self._band(lat)]:
            if (e_lat1 > lat) != (e_lat2 > lat):
                cross = e_lon1 + (lat - e_lat1) * (e_lon2 - e_lon1) / (e_lat2 - e_lat1)
                if lon < cross:
                    inside = not inside
        return inside

    def random_point(self, rng: random.Random) -> tuple[float, float]:
        """A uniformly random point inside the district (rejection sampling in the bbox)."""
        lat0, lon0, lat1, lon1 = self.bbox
        for _ in range(500):
            lat = rng.uniform(lat0, lat1)
            lon = rng.uniform(lon0, lon1)
            if self.contains(lat, lon):
                return lat, lon
        return self.centre

    def point_near(
        self, rng: random.Random, lat: float, lon: float, sigma_m: float, tries: int = 12
    ) -> tuple[float, float] | None:
        """A point inside the district, normally distributed around ``(lat, lon)``.

        Returns ``None`` when ``tries`` draws all fell outside (e.g. in a lake).
        """
        for _ in range(tries):
            cand_lat, cand_lon = offset(lat, lon, rng.gauss(0, sigma_m), rng.gauss(0, sigma_m))
            if self.contains(cand_lat, cand_lon):
                return cand_lat, cand_lon
        return None

    def _find_centre(self) -> tuple[float, float]:
        known = _CENTRES.get(self.adcode)
        if known is not None and self.contains(*known):
            return known
        lat0, lon0, lat1, lon1 = self.bbox
        middle = ((lat0 + lat1) / 2, (lon0 + lon1) / 2)
        if self.contains(*middle):
            return middle
        rng = random.Random(f"centre:{self.adcode}:{self.name_en}")
        for _ in range(2000):
            lat, lon = rng.uniform(lat0, lat1), rng.uniform(lon0, lon1)
            if self.contains(lat, lon):
                return lat, lon
        return middle  # degenerate polygon: nothing better to offer

    @property
    def short_zh(self) -> str:
        """The district's name without its administrative suffix: 姑苏区 -> 姑苏."""
        name = self.name_zh
        return name[:-1] if len(name) > 2 and name[-1] in "区市县" else name


class Geography:
    """The city's districts with lookups by name and by point."""

    def __init__(self, districts: list[District]) -> None:
        if not districts:
            raise ValueError("a geography needs at least one district")
        self.districts = districts
        self._by_name: dict[str, District] = {}
        for district in districts:
            for key in (district.name_zh, district.name_en, district.adcode, district.abbr):
                self._by_name.setdefault(key, district)

    def district(self, name: str) -> District | None:
        """The district called ``name`` (Chinese or English name, adcode or abbreviation)."""
        return self._by_name.get(name)

    def district_at(self, lat: float, lon: float) -> District | None:
        """The district containing the point, or ``None`` outside the city."""
        for district in self.districts:
            if district.contains(lat, lon):
                return district
        return None

    def contains(self, lat: float, lon: float) -> bool:
        """Whether the point lies in any district."""
        return self.district_at(lat, lon) is not None

    def random_point(self, district: District, rng: random.Random) -> tuple[float, float]:
        """A uniformly random ``(lat, lon)`` inside ``district``."""
        return district.random_point(rng)


def _abbreviation(name_en: str, taken: set[str]) -> str:
    abbr = _ABBREVIATIONS.get(name_en) or (name_en[:2].upper() or "D")
    candidate, n = abbr, 2
    while candidate in taken:
        candidate, n = f"{abbr}{n}", n + 1
    return candidate


def parse_geography(document: dict[str, object]) -> Geography:
    """Build a :class:`Geography` from a GeoJSON FeatureCollection of (Multi)Polygons."""
    features = document.get("features")
    if not isinstance(features, list):
        raise ValueError("districts GeoJSON has no feature list")
    districts: list[District] = []
    taken: set[str] = set()
    for feature in features:
        props = feature.get("properties") or {}
        geometry = feature.get("geometry") or {}
        kind, coords = geometry.get("type"), geometry.get("coordinates") or []
        if kind == "Polygon":
            coords = [coords]
        elif kind != "MultiPolygon":
            continue
        polygons = [
            [[(float(pt[1]), float(pt[0])) for pt in ring] for ring in polygon if ring]
            for polygon in coords
        ]
        if not any(polygons):
            continue
        name_en = str(props.get("name_en") or props.get("name") or f"District {len(districts)}")
        abbr = _abbreviation(name_en, taken)
        taken.add(abbr)
        districts.append(
            District(
                adcode=str(props.get("adcode", "")),
                name_zh=str(props.get("name_zh") or props.get("name") or name_en),
                name_en=name_en,
                abbr=abbr,
                polygons=polygons,
            )
        )
    return Geography(districts)


@lru_cache(maxsize=4)
def _load_cached(path: str) -> Geography:
    with open(path, encoding="utf-8") as handle:
        return parse_geography(json.load(handle))


def load_geography(path: str | Path | None = None) -> Geography:
    """Load the districts GeoJSON (default: the repository's S-city districts).

    The result is immutable in practice and cached per path, so many simulators share it.
    """
    return _load_cached(str(Path(path).resolve() if path else DEFAULT_DISTRICTS))
