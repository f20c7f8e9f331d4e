"""The census populations spread over the grid by the documented proxy."""

from __future__ import annotations

import numpy as np
import pytest

from console.state.deployment.grid import load_city_grid
from console.state.deployment.population import on_water, spread_population
from services.geo import load_gazetteer


@pytest.fixture(scope="module")
def spread():
    grid = load_city_grid()
    gazetteer = load_gazetteer()
    return grid, gazetteer, spread_population(grid, gazetteer)


def test_every_census_area_keeps_its_people(spread) -> None:
    grid, gazetteer, population = spread
    total = sum(area.population_2020 for area in gazetteer.census_areas)
    assert population.people.sum() == pytest.approx(total)
    districts = np.asarray(grid.district)
    kunshan = population.people[districts == "Kunshan"].sum()
    assert kunshan == pytest.approx(2_092_000, rel=0.02)  # only Kunshan's own anchors there


def test_nobody_lives_on_the_lakes_and_the_old_town_is_dense(spread) -> None:
    grid, gazetteer, population = spread
    wet = on_water(grid, gazetteer)
    assert wet.sum() > 300  # Lake Tai's body alone is ~1,000 km²
    assert population.people[wet].sum() == 0.0
    guanqian = grid.cell_index(31.311, 120.626)
    rural = grid.cell_index(31.05, 120.45)  # fields in southern Wujiang
    assert population.index[guanqian] == 1.0
    assert population.density[guanqian] > 10 * population.density[rural] > 0


def test_the_industrial_park_gets_its_own_census_population(spread) -> None:
    grid, _gazetteer, population = spread
    around_jinji_lake = grid.within(31.315, 120.69, 4000)
    assert population.people[around_jinji_lake].sum() > 300_000
