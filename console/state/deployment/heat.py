"""Incident heat per cell for an hour of the week, from the incidents seen so far.

An incident counts for its cell with

    weight = category weight × ½^(age / half-life) × hour kernel

* **category weight** — how much the category asks of patrols
  (:data:`console.state.categories.CATEGORY_TRAITS`);
* **decay** — age measured at ``now`` (not the hour planned for), half-life 14 days;
  incidents older than 60 days, or reported after ``now``, do not count;
* **hour kernel** — against the hour of the week planned for: the same hour of the week
  counts 1, the hours either side 0.5; the same hour on the other days of the week 0.3,
  its neighbours 0.15; anything else 0. A week or two of history is thin for one hour of
  one weekday, so the other days lend their daily shape.

Hours are the city's local time (China Standard Time, UTC+8, no daylight saving);
weeks start on Monday. The heat index divides by the 99th percentile of the positive
cells (capped at 1), like the population index.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from scipy.sparse import coo_matrix, csr_matrix

from console.state.categories import CATEGORIES, TRAITS_BY_NAME, UNKNOWN_PATROL_WEIGHT
from console.state.deployment.grid import CityGrid
from console.state.deployment.population import normalised

CITY_UTC_OFFSET_S = 8 * 3600
HALF_LIFE_DAYS = 14.0
MAX_AGE_DAYS = 60.0
HOURS_PER_WEEK = 168
#: category index used for categories the table does not know
OTHER = len(CATEGORIES)
CATEGORY_INDEX = {name: i for i, name in enumerate(CATEGORIES)}
_WEIGHT_BY_INDEX = np.array(
    [TRAITS_BY_NAME[name].patrol_weight for name in CATEGORIES] + [UNKNOWN_PATROL_WEIGHT]
)


def hour_of_week(ts: np.ndarray | float) -> np.ndarray:
    """Local hour of the week (Monday 00–01 is 0) of Unix times."""
    local = np.floor((np.asarray(ts, dtype=float) + CITY_UTC_OFFSET_S) / 3600.0).astype(np.int64)
    # the Unix epoch fell on a Thursday (day 3 of a Monday-first week)
    return (local + 3 * 24) % HOURS_PER_WEEK


def local_hour(ts: float) -> int:
    """The city's local hour of the day (0–23) at Unix time ``ts``."""
    return int(hour_of_week(ts)) % 24


def next_local_hour(now: float, hour: int) -> float:
    """The Unix time of the next start of local ``hour`` (the current hour if it is
    ``hour`` now): the moment a plan "for 21:00" is for."""
    local = now + CITY_UTC_OFFSET_S
    start_of_hour = local - local % 3600.0
    ahead = (hour - local_hour(now)) % 24
    return start_of_hour + ahead * 3600.0 - CITY_UTC_OFFSET_S


def hour_kernel(target_hour_of_week: int) -> np.ndarray:
    """How much an incident in each hour of the week counts for the target hour."""
    kernel = np.zeros(HOURS_PER_WEEK)
    target_day, target_hour = divmod(int(target_hour_of_week) % HOURS_PER_WEEK, 24)
    for day in range(7):
        same_day = day == target_day
        for shift, (own, other) in ((0, (1.0, 0.3)), (-1, (0.5, 0.15)), (1, (0.5, 0.15))):
            how = (day * 24 + target_hour + shift) % HOURS_PER_WEEK
            kernel[how] = max(kernel[how], own if same_day else other)
    return kernel


@dataclass
class IncidentBook:
    """Every incident seen (from the store and the cache's history), by id, with its cell.

    Adding is idempotent; an incident's first report time, place and category are kept
    (a later re-categorisation updates the category).
    """

    grid: CityGrid
    _rows: dict[str, tuple[float, int, int]] = field(default_factory=dict)
    _arrays: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None

    def __len__(self) -> int:
        return len(self._rows)

    def add(
        self, incident_id: str, reported_ts: float, lat: float, lon: float, category: str
    ) -> bool:
        """Note an incident; returns whether the book changed."""
        category_index = CATEGORY_INDEX.get(category, OTHER)
        known = self._rows.get(incident_id)
        if known is not None:
            if known[2] == category_index:
                return False
            self._rows[incident_id] = (known[0], known[1], category_index)
        else:
            cell = self.grid.cell_index(lat, lon)
            if cell < 0:
                return False
            self._rows[incident_id] = (reported_ts, cell, category_index)
        self._arrays = None
        return True

    def arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(report times, cell indices, category indices) of every incident noted."""
        if self._arrays is None:
            rows = list(self._rows.values())
            self._arrays = (
                np.fromiter((r[0] for r in rows), dtype=float, count=len(rows)),
                np.fromiter((r[1] for r in rows), dtype=np.int64, count=len(rows)),
                np.fromiter((r[2] for r in rows), dtype=np.int64, count=len(rows)),
            )
        return self._arrays


@dataclass(frozen=True)
class Heat:
    """Heat per cell for one hour, its index, and (cell x category) weights for reasons."""

    value: np.ndarray
    index: np.ndarray
    by_category: csr_matrix
    incidents: int  # incidents that counted at all


def heat_for(
    arrays: tuple[np.ndarray, np.ndarray, np.ndarray],
    cells: int,
    now: float,
    target_ts: float,
    half_life_days: float = HALF_LIFE_DAYS,
) -> Heat:
    """Heat per cell for the hour of the week holding ``target_ts``, seen at ``now``."""
    ts, cell, category = arrays
    age = now - ts
    keep = (age >= 0) & (age <= MAX_AGE_DAYS * 86400.0)
    ts, cell, category, age = ts[keep], cell[keep], category[keep], age[keep]
    kernel = hour_kernel(int(hour_of_week(target_ts)))
    weight = (
        _WEIGHT_BY_INDEX[category]
        * np.exp2(-age / (half_life_days * 86400.0))
        * kernel[hour_of_week(ts)]
    )
    value = np.bincount(cell, weights=weight, minlength=cells).astype(float)
    by_category = coo_matrix((weight, (cell, category)), shape=(cells, OTHER + 1)).tocsr()
    return Heat(value, normalised(value), by_category, int((weight > 0).sum()))
