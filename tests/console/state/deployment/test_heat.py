"""Incident heat: local hours of the week, the hour kernel, decay and category weights."""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np
import pytest

from console.state.deployment.grid import load_city_grid
from console.state.deployment.heat import (
    IncidentBook,
    heat_for,
    hour_kernel,
    hour_of_week,
    local_hour,
    next_local_hour,
)


def ts(year: int, month: int, day: int, hour: int, minute: int = 0) -> float:
    """Unix time of a *local* (UTC+8) moment."""
    return datetime(year, month, day, hour, minute, tzinfo=UTC).timestamp() - 8 * 3600


def test_hours_of_the_week_are_local_and_start_on_monday() -> None:
    assert int(hour_of_week(ts(2026, 11, 30, 0, 30))) == 0  # a Monday, 00:30 local
    assert int(hour_of_week(ts(2026, 11, 29, 23, 59))) == 167  # the Sunday before
    assert int(hour_of_week(ts(2026, 12, 2, 21, 0))) == 2 * 24 + 21  # Wednesday 21:00
    assert local_hour(ts(2026, 12, 2, 21, 10)) == 21


def test_next_local_hour_is_now_or_later_today_or_tomorrow() -> None:
    now = ts(2026, 12, 2, 21, 10)
    assert next_local_hour(now, 21) == ts(2026, 12, 2, 21)
    assert next_local_hour(now, 23) == ts(2026, 12, 2, 23)
    assert next_local_hour(now, 8) == ts(2026, 12, 3, 8)


def test_the_hour_kernel_weighs_this_hour_its_neighbours_and_other_days() -> None:
    kernel = hour_kernel(2 * 24 + 21)  # Wednesday 21:00
    assert kernel[2 * 24 + 21] == 1.0
    assert kernel[2 * 24 + 20] == kernel[2 * 24 + 22] == 0.5
    assert kernel[5 * 24 + 21] == 0.3  # Saturday 21:00
    assert kernel[5 * 24 + 22] == 0.15
    assert kernel[2 * 24 + 9] == 0.0
    assert hour_kernel(0)[167] == 0.5  # Sunday 23:00 neighbours Monday 00:00


@pytest.fixture(scope="module")
def grid():
    return load_city_grid()


def test_heat_counts_the_right_hour_decays_with_age_and_weighs_categories(grid) -> None:
    book = IncidentBook(grid)
    now = ts(2026, 12, 2, 20, 0)
    guanqian, shishan, kunshan = (31.311, 120.626), (31.297, 120.565), (31.385, 120.97)
    book.add("a", ts(2026, 12, 2, 19, 0) - 7 * 86400, *guanqian, "theft")  # a week ago, 19h
    book.add("b", ts(2026, 12, 2, 19, 0) - 21 * 86400, *shishan, "theft")  # 3 weeks ago
    book.add("c", ts(2026, 12, 2, 19, 0) - 7 * 86400, *kunshan, "fraud")  # light category
    book.add("d", ts(2026, 12, 2, 9, 0) - 7 * 86400, 31.9, 120.55, "assault")  # other hour
    book.add("e", now + 3600, *guanqian, "theft")  # after now: does not count yet
    heat = heat_for(book.arrays(), len(grid), now, ts(2026, 12, 2, 19, 0))
    cell = grid.cell_index

    def decay(days: float) -> float:  # half-life 14 days; each incident is 1 h older
        return 0.5 ** ((days * 86400 + 3600) / (14 * 86400))

    assert heat.value[cell(*guanqian)] == pytest.approx(1.0 * decay(7))
    assert heat.value[cell(*shishan)] == pytest.approx(1.0 * decay(21))
    assert heat.value[cell(*kunshan)] == pytest.approx(0.3 * decay(7))  # fraud weighs 0.3
    assert heat.value[cell(31.9, 120.55)] == 0.0
    assert heat.incidents == 3
    assert heat.by_category[cell(*guanqian)].toarray()[0][0] == pytest.approx(decay(7))


def test_the_book_is_idempotent_and_follows_a_recategorisation(grid) -> None:
    book = IncidentBook(grid)
    assert book.add("x", 1e9, 31.311, 120.626, "dispute")
    assert not book.add("x", 1e9, 31.311, 120.626, "dispute")
    assert book.add("x", 1e9, 31.311, 120.626, "assault")
    assert not book.add("y", 1e9, 10.0, 10.0, "theft")  # outside the city
    times, cells, categories = book.arrays()
    assert len(times) == 1
    assert cells[0] == grid.cell_index(31.311, 120.626)
    assert categories[0] == 3  # assault


def test_the_heat_index_is_capped_at_one_and_zero_stays_zero(grid) -> None:
    book = IncidentBook(grid)
    now = ts(2026, 12, 2, 20, 0)
    for i in range(50):
        book.add(f"i{i}", now - 3600 - i, 31.311, 120.626, "theft")
    book.add("lone", now - 3600, 31.385, 120.97, "theft")
    heat = heat_for(book.arrays(), len(grid), now, now - 3600)
    assert heat.index.max() == 1.0
    assert heat.index[grid.cell_index(31.385, 120.97)] < 1.0
    assert np.count_nonzero(heat.index) == 2
