"""Place names of the S-city: police stations, streets and landmarks per district.

Station names follow the real pattern (a sub-district or town name plus 派出所) with
approximate real coordinates; the world builder checks each point against the district
boundary and falls back to a point near the district centre. Streets and landmarks are
real Suzhou names, used to make addresses, camera names and social-media topics read
plausibly. Districts this table does not know get generic names.

The names and coordinates live in the S-city gazetteer (``resources/geo/gazetteer.json``,
read through :mod:`services.geo`), which the console's intake assistant and deployment
map read too; this module keeps the simulator's view of it, in the file's order.
"""

from __future__ import annotations

import random
import re
from typing import NamedTuple

from services.geo import load_gazetteer


class Named(NamedTuple):
    """A place name in Chinese and English."""

    zh: str
    en: str


class StationSite(NamedTuple):
    """A station locality: names and an approximate (lat, lon)."""

    zh: str
    en: str
    lat: float
    lon: float


_GAZETTEER = load_gazetteer()

#: District English name -> station localities (first ones are used first).
STATIONS: dict[str, tuple[StationSite, ...]] = {
    district: tuple(StationSite(p.zh, p.en, p.lat, p.lon) for p in rows)
    for district, rows in _GAZETTEER.stations.items()
}

#: District English name -> streets.
STREETS: dict[str, tuple[Named, ...]] = {
    district: tuple(Named(p.zh, p.en) for p in rows)
    for district, rows in _GAZETTEER.streets.items()
}

#: District English name -> landmarks (crowded places: stations, sights, malls, parks).
LANDMARKS: dict[str, tuple[Named, ...]] = {
    district: tuple(Named(p.zh, p.en) for p in rows)
    for district, rows in _GAZETTEER.landmarks.items()
}

_GENERIC_STREETS = tuple(Named(n.zh, n.en) for n in _GAZETTEER.generic_streets)

_GENERIC_LANDMARKS = tuple(Named(n.zh, n.en) for n in _GAZETTEER.generic_landmarks)

#: Residential compounds (generic, not tied to any district).
ESTATES = tuple(Named(n.zh, n.en) for n in _GAZETTEER.estates)

_NUMERALS = "一二三四五六七八九十"


_DOUBLE_PREPOSITION = re.compile(r"\b(?:at|on|in|from|leaving|near) near ")


def tidy_en(text: str) -> str:
    """Smooth English filled from templates: ``at near X`` -> ``near X``."""
    return _DOUBLE_PREPOSITION.sub("near ", text)


def streets(name_en: str) -> tuple[Named, ...]:
    """The streets of a district (generic names for unknown districts)."""
    return STREETS.get(name_en, _GENERIC_STREETS)


def landmarks(name_en: str) -> tuple[Named, ...]:
    """The landmarks of a district (generic names for unknown districts)."""
    return LANDMARKS.get(name_en, _GENERIC_LANDMARKS)


def station_names(short_zh: str, name_en: str, index: int) -> Named:
    """Name of a district's ``index``-th station (0-based) when no locality is known."""
    numeral = _NUMERALS[index] if index < len(_NUMERALS) else str(index + 1)
    return Named(f"{short_zh}派出所{numeral}所", f"{name_en} Station {index + 1}")


def intersection(rng: random.Random, name_en: str) -> Named:
    """Two different streets of the district meeting: ``人民路与干将路口``."""
    first, second = rng.sample(streets(name_en), 2)
    return Named(f"{first.zh}与{second.zh}交叉口", f"{first.en} & {second.en}")


def place(rng: random.Random, name_en: str) -> Named:
    """A short place description for a caller's summary or a post: street or landmark."""
    roll = rng.random()
    if roll < 0.45:
        street = rng.choice(streets(name_en))
        return Named(street.zh, street.en)
    if roll < 0.75:
        return intersection(rng, name_en)
    mark = rng.choice(landmarks(name_en))
    return Named(f"{mark.zh}附近", f"near {mark.en}")


def address(rng: random.Random, district_zh: str, name_en: str) -> tuple[Named, Named]:
    """A street-ish address inside the district: (short form, full form with district)."""
    roll = rng.random()
    if roll < 0.4:
        street = rng.choice(streets(name_en))
        number = rng.randint(1, 999)
        short = Named(f"{street.zh}{number}号", f"{number} {street.en}")
    elif roll < 0.65:
        street = rng.choice(streets(name_en))
        estate = rng.choice(ESTATES)
        number, building = rng.randint(1, 600), rng.randint(1, 40)
        short = Named(
            f"{street.zh}{number}号{estate.zh}{building}幢",
            f"Bldg {building}, {estate.en}, {number} {street.en}",
        )
    elif roll < 0.88:
        short = intersection(rng, name_en)
    else:
        mark = rng.choice(landmarks(name_en))
        short = Named(f"{mark.zh}附近", f"near {mark.en}")
    return short, Named(f"{district_zh}{short.zh}", f"{short.en}, {name_en}")
