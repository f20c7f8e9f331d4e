"""The nearest-camera index behind the video wall's follow mode."""

from __future__ import annotations

import random

import pytest

from console.state.cameras import CameraIndex, nearest_online
from console.state.geo import haversine_m
from services.protocol.entities import Camera, Location, WsJpegStream

CENTRE = (31.2990, 120.5853)  # Suzhou


def cam(camera_id: str, lat: float, lon: float, status: str = "online") -> Camera:
    return Camera(
        id=camera_id,
        name=camera_id,
        location=Location(lat=lat, lon=lon),
        status=status,  # type: ignore[arg-type]
        stream=WsJpegStream(),
        version=1,
    )


def city(count: int, seed: int = 3) -> dict[str, Camera]:
    rng = random.Random(seed)
    return {
        f"C-{i:04d}": cam(
            f"C-{i:04d}",
            CENTRE[0] + rng.uniform(-0.2, 0.2),
            CENTRE[1] + rng.uniform(-0.2, 0.2),
            "offline" if rng.random() < 0.2 else "online",
        )
        for i in range(count)
    }


def test_nearest_online_cameras_come_in_order_of_distance_as_a_full_scan_finds_them() -> None:
    cameras = city(500)
    index = CameraIndex()
    index.update(cameras)
    rng = random.Random(9)
    for _ in range(25):
        lat = CENTRE[0] + rng.uniform(-0.25, 0.25)
        lon = CENTRE[1] + rng.uniform(-0.25, 0.25)
        scan = sorted(
            (haversine_m(lat, lon, c.location.lat, c.location.lon), key)
            for key, c in cameras.items()
            if c.status == "online"
        )
        picked = nearest_online(index, cameras, lat, lon, 16)
        assert picked == [key for _m, key in scan[:16]]
        assert all(cameras[key].status == "online" for key in picked)


def test_distances_are_great_circle_metres() -> None:
    cameras = {"A": cam("A", 31.30, 120.60), "B": cam("B", 31.31, 120.60)}
    index = CameraIndex()
    index.update(cameras)
    (metres, key), (far_metres, far_key) = index.nearest(31.30, 120.60, 2)
    assert (key, far_key) == ("A", "B")
    assert metres == pytest.approx(0.0, abs=0.01)
    assert far_metres == pytest.approx(haversine_m(31.30, 120.60, 31.31, 120.60), rel=1e-6)


def test_offline_cameras_are_skipped_even_when_many_nearer_ones_are_offline() -> None:
    near_offline = {
        f"N{i:02d}": cam(f"N{i:02d}", 31.3 + i * 1e-5, 120.6, "offline") for i in range(40)
    }
    far_online = {"F1": cam("F1", 31.5, 120.6), "F2": cam("F2", 31.6, 120.6)}
    cameras = near_offline | far_online
    index = CameraIndex()
    index.update(cameras)
    assert nearest_online(index, cameras, 31.3, 120.6, 4) == ["F1", "F2"]


def test_within_bounds_the_distance() -> None:
    cameras = {
        "A": cam("A", 31.300, 120.6),
        "B": cam("B", 31.305, 120.6),
        "C": cam("C", 31.4, 120.6),
    }
    index = CameraIndex()
    index.update(cameras)
    assert [k for _m, k in index.nearest(31.3, 120.6, 10, within_m=1000)] == ["A", "B"]


def test_the_tree_is_rebuilt_only_when_cameras_are_added_removed_or_moved() -> None:
    cameras = city(50)
    index = CameraIndex()
    assert index.update(cameras)
    assert index.builds == 1
    went_offline = dict(cameras)
    went_offline["C-0001"] = cam("C-0001", *_where(cameras["C-0001"]), "offline")
    assert not index.update(went_offline)  # a status change: same positions
    assert index.builds == 1
    moved = dict(went_offline)
    moved["C-0002"] = cam("C-0002", 31.0, 120.0)
    assert index.update(moved)
    removed = {k: v for k, v in moved.items() if k != "C-0003"}
    assert index.update(removed)
    assert index.builds == 3
    assert "C-0003" not in [k for _m, k in index.nearest(*_where(cameras["C-0003"]), 3)]


def test_an_empty_index_answers_nothing() -> None:
    index = CameraIndex()
    index.update({})
    assert index.nearest(*CENTRE, 4) == []
    assert nearest_online(index, {}, *CENTRE, 4) == []


def _where(camera: Camera) -> tuple[float, float]:
    return camera.location.lat, camera.location.lon
