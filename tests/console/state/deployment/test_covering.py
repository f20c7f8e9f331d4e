"""The greedy maximal covering, rule by rule, on small hand-made grids."""

from __future__ import annotations

import itertools
import random

import numpy as np
import pytest

from console.state.deployment.covering import covered_cells, greedy_max_cover
from console.state.deployment.grid import coverage_matrix


def square_grid() -> tuple[np.ndarray, np.ndarray]:
    """A 3 x 3 grid of cells 1 km apart (x east, y north, metres); a post covers the cells
    within 1 km: itself and its four neighbours (diagonals are 1.41 km away)."""
    xy = np.array([(x * 1000.0, y * 1000.0) for y in range(3) for x in range(3)])
    return xy, coverage_matrix(xy, xy, 1000.0)


#   cell numbers        pressure
#   6 7 8               0 0 4
#   3 4 5               1 2 3
#   0 1 2               0 1 0
PRESSURE = np.array([0, 1, 0, 1, 2, 3, 0, 0, 4], dtype=float)


def test_the_hand_made_grid_covers_what_the_drawing_says() -> None:
    _xy, coverage = square_grid()
    assert sorted(coverage[4].indices) == [1, 3, 4, 5, 7]
    assert sorted(coverage[0].indices) == [0, 1, 3]
    assert sorted(coverage[8].indices) == [5, 7, 8]


def test_first_post_goes_where_it_covers_most_and_the_second_counts_only_the_rest() -> None:
    _xy, coverage = square_grid()
    # by hand: centre 4 covers 1+1+2+3+0 = 7; cell 5 covers 4 (2, 4, 5, 8 -> 0+2+3+4 = 9);
    # cell 8 covers 5, 7, 8 -> 3+0+4 = 7. Cell 5 first (9). What is left: cells 1 (1)
    # and 3 (1): cell 0 covers both (gain 2) — so does cell 4 (1+1); the lower index wins.
    cover = greedy_max_cover(coverage, PRESSURE, 2)
    assert cover.posts == (5, 0)
    assert cover.gains == (9.0, 2.0)
    assert cover.covered_pressure == 11.0 == PRESSURE.sum()
    assert set(np.flatnonzero(cover.covered)) >= {1, 3, 4, 5, 8}


def test_posts_stop_once_nothing_is_left_to_cover() -> None:
    _xy, coverage = square_grid()
    cover = greedy_max_cover(coverage, PRESSURE, 9)
    assert len(cover.posts) == 2  # all the pressure is covered after two posts
    assert cover.covered_pressure == PRESSURE.sum()


def test_one_post_takes_the_single_best_spot() -> None:
    _xy, coverage = square_grid()
    cover = greedy_max_cover(coverage, PRESSURE, 1)
    assert cover.posts == (5,)
    assert cover.covered_pressure == 9.0
    assert not cover.covered[0]
    assert not cover.covered[3]


def test_no_posts_no_pressure_and_bad_input() -> None:
    _xy, coverage = square_grid()
    assert greedy_max_cover(coverage, PRESSURE, 0).posts == ()
    assert greedy_max_cover(coverage, np.zeros(9), 3).posts == ()
    with pytest.raises(ValueError, match="negative"):
        greedy_max_cover(coverage, -PRESSURE, 1)
    with pytest.raises(ValueError, match="number of cells"):
        greedy_max_cover(coverage, PRESSURE[:5], 1)


def test_covered_cells_of_given_positions() -> None:
    xy, _coverage = square_grid()
    units = np.array([(0.0, 0.0), (2000.0, 2000.0)])  # at cells 0 and 8
    mask = covered_cells(coverage_matrix(units, xy, 1000.0), [0, 1])
    assert sorted(np.flatnonzero(mask)) == [0, 1, 3, 5, 7, 8]
    assert PRESSURE[mask].sum() == 1 + 1 + 3 + 0 + 4  # cells 1, 3, 5, 8 (0 and 7 are empty)


def brute_force_best(coverage, pressure: np.ndarray, k: int) -> float:
    best = 0.0
    for posts in itertools.combinations(range(coverage.shape[0]), k):
        mask = covered_cells(coverage, list(posts))
        best = max(best, float(pressure[mask].sum()))
    return best


def test_greedy_is_within_its_guarantee_of_the_optimum_on_random_small_grids() -> None:
    rng = random.Random(5)
    ratios = []
    for _ in range(40):
        xy = np.array([(rng.uniform(0, 4000), rng.uniform(0, 4000)) for _ in range(12)])
        coverage = coverage_matrix(xy, xy, 1200.0)
        pressure = np.array([rng.choice([0.0, 0.5, 1.0, 3.0]) for _ in range(12)])
        k = rng.randint(1, 3)
        optimum = brute_force_best(coverage, pressure, k)
        found = greedy_max_cover(coverage, pressure, k)
        assert found.covered_pressure >= (1 - 1 / np.e) * optimum - 1e-9
        assert list(found.gains) == sorted(found.gains, reverse=True)
        assert sum(found.gains) == pytest.approx(found.covered_pressure)
        ratios.append(found.covered_pressure / optimum if optimum else 1.0)
    assert np.mean(ratios) > 0.95  # in practice greedy is close to the optimum
