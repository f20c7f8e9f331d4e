"""Loading the S-city gazetteer: typed, validated, cached.

The file (``resources/geo/gazetteer.json``, its sources in ``resources/geo/NOTICE.md``)
holds, per district (keyed by the district's English name, as in ``districts.geojson``):
police-station localities, streets and landmarks with approximate coordinates; the
2020 census populations of the city's census areas; generic names for districts the
table does not know; and the open water nobody lives on. Coordinates are ``lat``/``lon``
in degrees (GCJ-02, like the boundaries).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

import msgspec

DEFAULT_GAZETTEER = Path(__file__).resolve().parents[2] / "resources" / "geo" / "gazetteer.json"
#: The district boundaries the gazetteer's district names refer to.
DEFAULT_DISTRICTS = DEFAULT_GAZETTEER.with_name("districts.geojson")


class Name(msgspec.Struct, frozen=True):
    """A name without a place: estates and generic names."""

    zh: str
    en: str


class Place(msgspec.Struct, frozen=True):
    """A named point: a station locality, a street (a representative point) or a landmark."""

    zh: str
    en: str
    lat: float
    lon: float
    aliases: tuple[str, ...] = ()
    #: the census area whose population this point anchors ("" = its district's)
    census_area: str = ""


class DistrictNames(msgspec.Struct, frozen=True):
    name_en: str
    name_zh: str
    adcode: str
    aliases_zh: tuple[str, ...] = ()
    aliases_en: tuple[str, ...] = ()


class CensusArea(msgspec.Struct, frozen=True):
    """An area the 2020 census reports a population for. ``district`` is the boundary
    district it coincides with, or ``None`` for an area without its own boundary
    (Suzhou Industrial Park, whose land lies inside other districts' polygons)."""

    id: str
    name_zh: str
    name_en: str
    population_2020: int
    district: str | None


class Water(msgspec.Struct, frozen=True):
    """Open water, approximated by a circle."""

    zh: str
    en: str
    lat: float
    lon: float
    radius_m: float


class Gazetteer(msgspec.Struct, frozen=True):
    about: str
    districts: tuple[DistrictNames, ...]
    census_areas: tuple[CensusArea, ...]
    stations: dict[str, tuple[Place, ...]]
    streets: dict[str, tuple[Place, ...]]
    landmarks: dict[str, tuple[Place, ...]]
    estates: tuple[Name, ...]
    generic_streets: tuple[Name, ...]
    generic_landmarks: tuple[Name, ...]
    water: tuple[Water, ...]
    #: landmarks the simulator does not use (it draws from ``landmarks`` only)
    extra_landmarks: dict[str, tuple[Place, ...]] = msgspec.field(default_factory=dict)

    def district_names(self, name_en: str) -> DistrictNames | None:
        return next((d for d in self.districts if d.name_en == name_en), None)

    def places(self) -> Iterator[tuple[str, str, Place]]:
        """Every named point as (kind, district English name, place); kinds are
        ``station``, ``street`` and ``landmark``."""
        for kind, table in (
            ("station", self.stations),
            ("street", self.streets),
            ("landmark", self.landmarks),
            ("landmark", self.extra_landmarks),
        ):
            for district, rows in table.items():
                for place in rows:
                    yield kind, district, place


def parse_gazetteer(raw: bytes) -> Gazetteer:
    """Decode and check a gazetteer document (raises ``ValueError`` with the reason)."""
    try:
        gazetteer = msgspec.json.decode(raw, type=Gazetteer)
    except msgspec.ValidationError as exc:
        raise ValueError(f"gazetteer: {exc}") from exc
    known = {d.name_en for d in gazetteer.districts}
    areas = {a.id for a in gazetteer.census_areas}
    for table in (gazetteer.stations, gazetteer.streets, gazetteer.landmarks):
        unknown = set(table) - known
        if unknown:
            raise ValueError(f"gazetteer: places in unknown districts {sorted(unknown)}")
    for _kind, district, place in gazetteer.places():
        if place.census_area and place.census_area not in areas:
            raise ValueError(f"gazetteer: {place.zh} names unknown census area")
        if district not in known:
            raise ValueError(f"gazetteer: {place.zh} is in unknown district {district}")
    return gazetteer


@lru_cache(maxsize=4)
def _load_cached(path: str) -> Gazetteer:
    return parse_gazetteer(Path(path).read_bytes())


def load_gazetteer(path: str | Path | None = None) -> Gazetteer:
    """The gazetteer at ``path`` (default: the repository's S city), loaded once per path."""
    return _load_cached(str(Path(path).resolve() if path else DEFAULT_GAZETTEER))
