"""Nearest cameras: a k-d tree over camera positions, for the video wall's follow mode.

:class:`CameraIndex` holds scipy's ``cKDTree`` over the cameras' positions as points on
the unit sphere (so the straight-line distance the tree measures orders cameras exactly
as the great-circle distance does). It is rebuilt only when a camera is added, removed
or moved — never per query and never per frame; a change of status (online/offline)
does not rebuild it, because the tree holds every camera and queries filter by status.

Qt-free; plain data in, ordered answers out.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping

import numpy as np
from scipy.spatial import cKDTree

from services.protocol.entities import Camera

EARTH_RADIUS_M = 6_371_008.8


def _unit_vectors(positions: list[tuple[float, float]]) -> np.ndarray:
    """(n, 3) points on the unit sphere for (lat, lon) in degrees."""
    if not positions:
        return np.zeros((0, 3))
    lat = np.radians(np.array([p[0] for p in positions], dtype=float))
    lon = np.radians(np.array([p[1] for p in positions], dtype=float))
    cos_lat = np.cos(lat)
    return np.column_stack((cos_lat * np.cos(lon), cos_lat * np.sin(lon), np.sin(lat)))


def _chord_to_metres(chord: float) -> float:
    return 2.0 * EARTH_RADIUS_M * math.asin(min(1.0, chord / 2.0))


def _metres_to_chord(metres: float) -> float:
    return 2.0 * math.sin(min(math.pi / 2, metres / (2.0 * EARTH_RADIUS_M)))


class CameraIndex:
    """Cameras by position; ask for the nearest ones to a point."""

    def __init__(self) -> None:
        self._ids: list[str] = []
        self._positions: dict[str, tuple[float, float]] = {}
        self._tree: cKDTree | None = None
        #: how many times the tree was built (each costs O(n log n))
        self.builds = 0

    def __len__(self) -> int:
        return len(self._ids)

    def update(self, cameras: Mapping[str, Camera]) -> bool:
        """Take the cameras' current positions; rebuild the tree only if a camera was
        added, removed or moved. Returns whether it rebuilt."""
        positions = {key: (c.location.lat, c.location.lon) for key, c in cameras.items()}
        if positions == self._positions:
            return False
        self._positions = positions
        self._ids = sorted(positions)
        points = _unit_vectors([positions[key] for key in self._ids])
        self._tree = cKDTree(points) if self._ids else None
        self.builds += 1
        return True

    def nearest(
        self,
        lat: float,
        lon: float,
        count: int,
        *,
        accept: Callable[[str], bool] | None = None,
        within_m: float | None = None,
    ) -> list[tuple[float, str]]:
        """Up to ``count`` (metres, camera id) nearest to (lat, lon), nearest first.

        ``accept`` filters cameras (e.g. online only); ``within_m`` bounds the distance.
        Equal distances are ordered by camera id, so the answer is deterministic.
        """
        if self._tree is None or count <= 0:
            return []
        point = _unit_vectors([(lat, lon)])[0]
        bound = _metres_to_chord(within_m) if within_m is not None else np.inf
        total = len(self._ids)
        asked = min(total, max(count * 2, 8))
        while True:
            chords, indexes = self._tree.query(point, k=asked, distance_upper_bound=bound)
            found: list[tuple[float, str]] = []
            examined = 0
            for chord, index in zip(np.atleast_1d(chords), np.atleast_1d(indexes), strict=True):
                if index >= total:  # past the bound: cKDTree pads with n
                    break
                examined += 1
                key = self._ids[int(index)]
                if accept is None or accept(key):
                    found.append((_chord_to_metres(float(chord)), key))
            exhausted = examined < asked or asked >= total
            if len(found) >= count or exhausted:
                found.sort()
                return found[:count]
            asked = min(total, asked * 4)


def nearest_online(
    index: CameraIndex,
    cameras: Mapping[str, Camera],
    lat: float,
    lon: float,
    count: int,
    *,
    within_m: float | None = None,
) -> list[str]:
    """The ids of the ``count`` online cameras nearest to (lat, lon), nearest first
    (what the wall shows in follow mode)."""

    def online(key: str) -> bool:
        camera = cameras.get(key)
        return camera is not None and camera.status == "online"

    return [key for _m, key in index.nearest(lat, lon, count, accept=online, within_m=within_m)]
