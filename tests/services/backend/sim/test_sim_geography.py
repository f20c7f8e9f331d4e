"""District boundaries: lookups, point tests and random points."""

from __future__ import annotations

import random

import pytest

from services.backend.sim import Geography, load_geography
from services.backend.sim.geography import DEFAULT_DISTRICTS
from services.backend.sim.world import on_land


@pytest.fixture(scope="module")
def geography() -> Geography:
    return load_geography()


def test_nine_named_districts(geography: Geography) -> None:
    assert len(geography.districts) == 9
    names = {d.name_en for d in geography.districts}
    assert {"Gusu", "Wuzhong", "Kunshan", "Taicang"} <= names
    gusu = geography.district("姑苏区")
    assert gusu is not None
    assert gusu is geography.district("Gusu") is geography.district("320508")
    assert gusu.abbr == "GS"
    assert gusu.short_zh == "姑苏"


def test_point_in_district(geography: Geography) -> None:
    guanqian = geography.district_at(31.311, 120.626)
    assert guanqian is not None
    assert guanqian.name_en == "Gusu"
    assert geography.district_at(31.0, 122.5) is None  # the East China Sea
    lake = geography.district_at(31.2, 120.2)  # Lake Tai belongs to Wuzhong's area...
    assert lake is not None
    assert lake.name_en == "Wuzhong"
    assert not on_land(31.2, 120.2)  # ...but nothing is placed on the open water
    assert on_land(31.311, 120.626)
    for district in geography.districts:
        assert district.contains(*district.centre)


def test_random_points_are_inside(geography: Geography) -> None:
    rng = random.Random(3)
    for district in geography.districts:
        for _ in range(50):
            lat, lon = geography.random_point(district, rng)
            assert geography.district_at(lat, lon) is district


def test_loading_is_cached_and_accepts_a_path(geography: Geography) -> None:
    assert load_geography() is geography
    assert load_geography(DEFAULT_DISTRICTS) is geography
