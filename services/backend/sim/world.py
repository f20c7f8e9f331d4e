"""Building the S-city: police stations, units and cameras placed inside the districts.

Busy districts (the old town, the industrial park, Kunshan) get more units, cameras and
calls; within a district, places cluster around stations and the urban centre, with a
tail spread over the whole district.
"""

from __future__ import annotations

import random

from services.backend.sim.geography import District, Geography, distance_m
from services.backend.sim.model import CameraState, Station, UnitState
from services.backend.sim.places import (
    STATIONS,
    Named,
    intersection,
    landmarks,
    station_names,
    streets,
)
from services.backend.sim.profiles import Profile

#: Relative busyness of the real districts (calls, units, cameras); unknown ones get 1.
DISTRICT_WEIGHTS = {
    "Gusu": 1.0,
    "Huqiu": 0.9,
    "Wuzhong": 1.4,
    "Xiangcheng": 0.8,
    "Wujiang": 1.0,
    "Changshu": 1.0,
    "Zhangjiagang": 0.9,
    "Kunshan": 1.3,
    "Taicang": 0.7,
}

_CAMERA_KINDS = (("fixed", 0.74), ("ptz", 0.2), ("bodycam", 0.04), ("drone", 0.02))
_CAMERA_SPOTS = (
    Named("东门", "East Gate"),
    Named("西门", "West Gate"),
    Named("南广场", "South Plaza"),
    Named("北广场", "North Plaza"),
    Named("停车场", "Car Park"),
    Named("出入口", "Entrance"),
)


def district_weight(district: District) -> float:
    """How busy a district is relative to the others."""
    return DISTRICT_WEIGHTS.get(district.name_en, 1.0)


def spread(total: int, weights: list[float]) -> list[int]:
    """Split ``total`` into integer shares proportional to ``weights`` (largest remainder)."""
    whole = sum(weights) or 1.0
    exact = [total * w / whole for w in weights]
    shares = [int(x) for x in exact]
    order = sorted(range(len(weights)), key=lambda i: (shares[i] - exact[i], i))
    for i in order[: total - sum(shares)]:
        shares[i] += 1
    return shares


#: Open water inside district boundaries, as (lat, lon, radius m): the body of Lake Tai.
#: Nothing is placed there (its islands are sacrificed; its shore bays are not covered).
WATER = ((31.20, 120.20, 18_000.0),)


def on_land(lat: float, lon: float) -> bool:
    """Whether the point is clear of the known open water."""
    return all(distance_m(lat, lon, w_lat, w_lon) > radius for w_lat, w_lon, radius in WATER)


def clustered_point(
    rng: random.Random, district: District, stations: list[Station]
) -> tuple[float, float]:
    """A point in the district where people are: near a station, the centre, or a town.

    Points are drawn around the district's stations and urban centre (never uniformly over
    the district, which would put them in lakes and fields); they avoid open water.
    """
    for _ in range(8):
        roll = rng.random()
        if roll < 0.6 and stations:
            station = rng.choice(stations)
            point = district.point_near(rng, station.lat, station.lon, 1500.0)
        elif roll < 0.85 or not stations:
            point = district.point_near(rng, district.centre[0], district.centre[1], 3000.0)
        else:
            station = rng.choice(stations)
            point = district.point_near(rng, station.lat, station.lon, 4000.0)
        if point is not None and on_land(*point):
            return point
    return district.centre


def build_stations(geography: Geography, profile: Profile, rng: random.Random) -> list[Station]:
    """2-4 (per profile) stations per district at known localities or near the centre."""
    low, high = profile.stations_per_district
    stations: list[Station] = []
    for district in geography.districts:
        count = rng.randint(low, high)
        sites = STATIONS.get(district.name_en, ())
        for index in range(count):
            if index < len(sites):
                site = sites[index]
                names = Named(f"{site.zh}派出所", f"{site.en} Police Station")
                where: tuple[float, float] | None = (site.lat, site.lon)
                if not district.contains(site.lat, site.lon):
                    where = None
            else:
                names = station_names(district.short_zh, district.name_en, index)
                where = None
            if where is None:
                where = district.point_near(
                    rng, district.centre[0], district.centre[1], 4000.0, tries=40
                ) or district.random_point(rng)
            stations.append(
                Station(
                    id=f"S-{district.abbr}-{index + 1}",
                    name_zh=names.zh,
                    name_en=names.en,
                    district=district,
                    lat=where[0],
                    lon=where[1],
                )
            )
    return stations


def stations_by_district(stations: list[Station]) -> dict[str, list[Station]]:
    """Stations grouped by their district's Chinese name, in station order."""
    grouped: dict[str, list[Station]] = {}
    for station in stations:
        grouped.setdefault(station.district.name_zh, []).append(station)
    return grouped


def build_units(
    geography: Geography, stations: list[Station], profile: Profile, rng: random.Random
) -> list[UnitState]:
    """The city's units, spread over districts by busyness and over each one's stations."""
    grouped = stations_by_district(stations)
    districts = [d for d in geography.districts if d.name_zh in grouped]
    counts = spread(profile.units, [district_weight(d) for d in districts])
    kinds = [k for k, _ in profile.unit_kinds]
    kind_weights = [w for _, w in profile.unit_kinds]
    units: list[UnitState] = []
    for district, count in zip(districts, counts, strict=True):
        own = grouped[district.name_zh]
        width = max(2, len(str(count)))
        for n in range(1, count + 1):
            station = own[(n - 1) % len(own)]
            kind = rng.choices(kinds, kind_weights)[0]
            unit = UnitState(
                f"U-{district.abbr}-{n:0{width}d}",
                f"{district.short_zh}{n:0{width}d}",
                kind,
                station,
            )
            if not unit.spec.docked:
                point = district.point_near(
                    rng, station.lat, station.lon, unit.spec.patrol_radius_m / 2
                )
                if point is not None:
                    unit.lat, unit.lon = point
            unit.heading = float(rng.choice((0, 90, 180, 270)))
            units.append(unit)
    return units


def _camera_name(rng: random.Random, kind: str, district: District, station: Station) -> Named:
    if kind in ("bodycam", "drone"):
        zh, en = ("执法记录仪", "bodycam") if kind == "bodycam" else ("无人机", "drone")
        n = rng.randint(1, 20)
        return Named(f"{station.name_zh}{zh}{n:02d}", f"{station.name_en} {en} {n:02d}")
    roll = rng.random()
    if roll < 0.55:
        crossing = intersection(rng, district.name_en)
        return Named(crossing.zh.replace("交叉口", "路口"), crossing.en)
    if roll < 0.8:
        mark, spot = rng.choice(landmarks(district.name_en)), rng.choice(_CAMERA_SPOTS)
        return Named(f"{mark.zh}{spot.zh}", f"{mark.en} {spot.en}")
    street = rng.choice(streets(district.name_en))
    number = rng.randint(1, 999)
    return Named(f"{street.zh}{number}号", f"{number} {street.en}")


def build_cameras(
    geography: Geography, stations: list[Station], profile: Profile, rng: random.Random
) -> list[CameraState]:
    """Cameras with unique bilingual names, dense in busy districts and around stations."""
    grouped = stations_by_district(stations)
    districts = [d for d in geography.districts if d.name_zh in grouped]
    counts = spread(profile.cameras, [district_weight(d) for d in districts])
    kinds = [k for k, _ in _CAMERA_KINDS]
    kind_weights = [w for _, w in _CAMERA_KINDS]
    used: dict[str, int] = {}
    cameras: list[CameraState] = []
    serial = 0
    width = max(4, len(str(profile.cameras)))
    for district, count in zip(districts, counts, strict=True):
        own = grouped[district.name_zh]
        for _ in range(count):
            serial += 1
            kind = rng.choices(kinds, kind_weights)[0]
            station = rng.choice(own)
            names = _camera_name(rng, kind, district, station)
            seen = used.get(names.zh, 0) + 1
            used[names.zh] = seen
            if seen > 1:
                names = Named(f"{names.zh} {seen}号机", f"{names.en} cam {seen}")
            camera = CameraState(
                f"C-{serial:0{width}d}",
                f"{names.zh} / {names.en}",
                names.en,
                kind,
                district.name_zh,
            )
            if kind in ("bodycam", "drone"):
                camera.lat, camera.lon = station.lat, station.lon
            else:
                camera.lat, camera.lon = clustered_point(rng, district, own)
            cameras.append(camera)
    return cameras
