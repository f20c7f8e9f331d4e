"""Which units the board greys, re-checked only when the answer can have changed.

The answer is always :meth:`SituationStore.is_stale`'s; this tracker decides *when* to ask.
:meth:`StaleTracker.update_many` (a batch of AVL fixes, thousands a second) applies the
same rule with the two layers' states read once per batch instead of once per unit.
A unit's staleness changes (a) when the unit or its position changes (the model calls
:meth:`StaleTracker.update`), (b) when the CAD or AVL layer turns stale or fresh (all
units are re-checked), or (c) when its position fix ages past the policy's threshold.
For (c), each unit is filed under the (next whole) second its fix turns stale, so a tick costs
O(units whose fix just aged), not O(all units). A clock that went back (a replay seek)
re-checks everything.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable

from console.state import SituationStore
from console.state.timestamps import ts_seconds


class StaleTracker:
    def __init__(self, store: SituationStore) -> None:
        self._store = store
        self._stale: set[str] = set()
        self._second_of: dict[str, int] = {}  # key -> the second its fix turns stale
        self._due: dict[int, set[str]] = {}  # second -> keys
        self._seconds: list[int] = []  # heap of the seconds in _due
        self._layers: tuple[bool, bool] | None = None
        self._last_now = -math.inf

    def __contains__(self, key: object) -> bool:
        return key in self._stale

    def update(self, key: str, now: float) -> bool:
        """Re-check ``key`` now (it changed); True if its staleness flipped."""
        was = key in self._stale
        if self._store.is_stale("units", key, now):
            self._stale.add(key)
        else:
            self._stale.discard(key)
        self._schedule(key, now)
        return was != (key in self._stale)

    def update_many(self, keys: Iterable[str], now: float) -> list[str]:
        """Re-check ``keys`` (units of the store) now; the keys whose staleness flipped.

        The rule of :meth:`SituationStore.is_stale` for a unit: stale if the CAD layer
        is; else, if it has a position, if the AVL layer is or the fix is older than the
        policy's threshold (or unreadable).
        """
        store = self._store
        positions = store.positions
        units_layer = store.layer_stale("units", now)
        positions_layer = store.layer_stale("positions", now)
        threshold = store.policy.fix_stale_s
        stale_keys = self._stale
        flipped: list[str] = []
        for key in keys:
            position = positions.get(key)
            fixed_at = None if position is None else ts_seconds(position.fix_at)
            if units_layer:
                stale = True
            elif position is None:
                stale = False
            else:
                stale = positions_layer or fixed_at is None or max(0.0, now - fixed_at) > threshold
            if stale != (key in stale_keys):
                flipped.append(key)
                if stale:
                    stale_keys.add(key)
                else:
                    stale_keys.discard(key)
            self._schedule_at(key, now, fixed_at)
        return flipped

    def forget(self, key: str) -> None:
        self._stale.discard(key)
        self._unschedule(key)

    def tick(self, now: float, keys: Iterable[str]) -> set[str]:
        """Keys whose staleness flipped since the last check; ``keys`` are all units."""
        store = self._store
        layers = (store.layer_stale("units", now), store.layer_stale("positions", now))
        went_back = now < self._last_now
        self._last_now = now
        if layers != self._layers or went_back:
            self._layers = layers
            return {key for key in list(keys) if self.update(key, now)}
        flipped: set[str] = set()
        while self._seconds and self._seconds[0] < now:
            second = heapq.heappop(self._seconds)
            for key in self._due.pop(second, ()):
                self._second_of.pop(key, None)
                if self.update(key, now):
                    flipped.add(key)
        return flipped

    def _schedule(self, key: str, now: float) -> None:
        """File ``key`` under the second its fix turns stale, if that is still to come."""
        position = self._store.positions.get(key)
        self._schedule_at(key, now, None if position is None else ts_seconds(position.fix_at))

    def _schedule_at(self, key: str, now: float, fixed_at: float | None) -> None:
        second = None
        if fixed_at is not None:
            second = math.ceil(fixed_at + self._store.policy.fix_stale_s)
            if second < now:
                second = None  # already past: only a new fix can change it
        if second == self._second_of.get(key):
            return
        self._unschedule(key)
        if second is None:
            return
        self._second_of[key] = second
        keys = self._due.get(second)
        if keys is None:
            self._due[second] = keys = set()
            heapq.heappush(self._seconds, second)
        keys.add(key)

    def _unschedule(self, key: str) -> None:
        second = self._second_of.pop(key, None)
        if second is None:
            return
        keys = self._due.get(second)
        if keys is not None:
            keys.discard(key)
            # An empty second stays in the heap until it is popped; its set goes then.
