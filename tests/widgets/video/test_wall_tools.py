"""The operator's tools on a wall over a store the test fills: follow mode, layouts,
drag and drop, double-click, named views, the camera list."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDropEvent

from console.state import SituationStore
from console.state.geo import haversine_m
from tests.console.state.builders import SCENE, batch, incident
from tests.widgets.video.conftest import camera, settings_factory
from widgets.video.layouts import LAYOUTS
from widgets.video.panel import VideoWallPanel
from widgets.video.tile import camera_mime


def scattered_cameras(count: int = 60, seed: int = 4) -> list:
    rng = random.Random(seed)
    return [
        camera(
            f"K-{i:03d}",
            SCENE[0] + rng.uniform(-0.03, 0.03),
            SCENE[1] + rng.uniform(-0.03, 0.03),
            status="offline" if i % 5 == 0 else "online",
            district="姑苏区" if i % 2 else "吴中区",
        )
        for i in range(count)
    ]


@pytest.fixture
def make_panel(qtbot, store: SituationStore, tmp_path: Path):
    panels: list[VideoWallPanel] = []

    def make(settings: Path | None = None) -> VideoWallPanel:
        panel = VideoWallPanel(
            store,
            None,
            clock=store._clock,
            settings=settings_factory(settings or tmp_path / "layout.ini"),
        )
        qtbot.addWidget(panel)
        panel.resize(1200, 800)
        panel.show()
        panels.append(panel)
        return panel

    yield make
    for panel in panels:
        panel.shutdown()


def by_distance(cameras: list, lat: float, lon: float) -> list[str]:
    return [
        c.id
        for c in sorted(
            (c for c in cameras if c.status == "online"),
            key=lambda c: (haversine_m(lat, lon, c.location.lat, c.location.lon), c.id),
        )
    ]


def test_follow_mode_fills_the_wall_with_the_nearest_online_cameras_nearest_first(
    store: SituationStore, make_panel
) -> None:
    cameras = scattered_cameras()
    store.apply(batch(*cameras, incident("I-1", lat=SCENE[0] + 0.01, lon=SCENE[1] - 0.005)))
    panel = make_panel()
    panel.set_layout("3x3")
    panel.on_incident_selected("I-1")
    expected = by_distance(cameras, SCENE[0] + 0.01, SCENE[1] - 0.005)[:9]
    assert panel.wall.assignments[:9] == expected
    assert panel.index.builds == 1

    panel.follow_selected.setChecked(False)
    store.apply(batch(incident("I-2", lat=SCENE[0] - 0.02, lon=SCENE[1])))
    panel.on_incident_selected("I-2")
    assert panel.wall.assignments[:9] == expected  # follow is off: the wall stays

    # a new priority-1 incident takes the wall when that is ticked
    panel.follow_priority_one.setChecked(True)
    store.apply(batch(incident("I-3", priority=1, lat=SCENE[0] - 0.02, lon=SCENE[1] + 0.02)))
    assert panel.wall.assignments[:9] == by_distance(cameras, SCENE[0] - 0.02, SCENE[1] + 0.02)[:9]
    assert panel.index.builds == 1  # status changes and incidents never rebuild the tree


def test_cameras_near_a_point_and_a_camera_sent_from_the_map(
    store: SituationStore, make_panel
) -> None:
    cameras = scattered_cameras()
    store.apply(batch(*cameras))
    panel = make_panel()
    near = panel.show_near(*SCENE)
    assert near
    assert all(
        haversine_m(*SCENE, c.location.lat, c.location.lon) <= 1000 for c in cameras if c.id in near
    )
    assert near == by_distance([c for c in cameras if c.id in near], *SCENE)
    assert panel.wall.assignments[: len(near)] == near
    panel.wall.select_tile(3)
    far = next(c.id for c in cameras if c.status == "online" and c.id not in near)
    assert panel.show_camera(far, "map:camera") == 3
    assert panel.wall.assignments[3] == far
    assert panel.show_camera(near[0], "map:camera") == 0  # already on the wall: selected


def test_layouts_double_click_and_drop(qtbot, store: SituationStore, make_panel) -> None:
    cameras = scattered_cameras(20)
    store.apply(batch(*cameras))
    panel = make_panel()
    grid = panel.wall.grid
    for key, layout in LAYOUTS.items():
        panel.set_layout(key)
        qtbot.waitUntil(lambda n=layout.tiles: len(grid.visible_tiles()) == n)
    panel.set_layout("1+5")
    qtbot.waitUntil(lambda: grid.tiles[0].width() > 1.8 * grid.tiles[1].width())
    assert grid.tiles[0].height() > 1.8 * grid.tiles[5].height()

    tile = grid.tiles[4]
    mime = QMimeData()
    mime.setData(*_camera_data("K-007"))
    drop = QDropEvent(
        QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    tile.dropEvent(drop)
    assert panel.wall.assignments[4] == "K-007"
    assert panel.wall.selected == 4
    assert tile.camera is not None
    assert tile.camera.id == "K-007"

    qtbot.mouseDClick(tile, Qt.MouseButton.LeftButton, pos=QPoint(20, 20))
    qtbot.waitUntil(lambda: grid.visible_tiles() == [4])
    qtbot.mouseDClick(tile, Qt.MouseButton.LeftButton, pos=QPoint(20, 20))
    qtbot.waitUntil(lambda: len(grid.visible_tiles()) == 6)


def _camera_data(camera_id: str) -> tuple[str, bytes]:
    mime = camera_mime(camera_id)
    fmt = mime.formats()[0]
    return fmt, bytes(mime.data(fmt).data())


def test_named_views_and_the_wall_as_it_was_survive_a_restart(
    qtbot, store: SituationStore, make_panel, tmp_path: Path
) -> None:
    cameras = scattered_cameras(20)
    store.apply(batch(*cameras))
    panel = make_panel()
    panel.set_layout("3x3")
    panel.wall.show_cameras(["K-001", "K-002", "K-003"], "test")
    panel.save_view("Station square")
    panel.set_layout("1+5")
    panel.wall.show_cameras(["K-009", "K-008"], "test")
    panel.save_view("Bridge")
    assert [panel.views_box.itemData(i) for i in range(1, panel.views_box.count())] == [
        "Bridge",
        "Station square",
    ]
    assert panel.load_view("Station square")
    assert panel.wall.layout_key == "3x3"
    assert panel.layout_box.currentData() == "3x3"
    assert panel.wall.assignments[:3] == ["K-001", "K-002", "K-003"]
    panel.shutdown()

    again = make_panel()  # the same workstation's settings
    assert again.wall.layout_key == "3x3"
    assert again.wall.assignments[:3] == ["K-001", "K-002", "K-003"]
    assert again.load_view("Bridge")
    assert again.wall.layout_key == "1+5"
    assert again.wall.assignments[:2] == ["K-009", "K-008"]
    again.delete_view("Bridge")
    assert again.views_box.findData("Bridge") == -1


def test_the_camera_list_searches_filters_by_district_and_sends_to_the_wall(
    store: SituationStore, make_panel
) -> None:
    cameras = scattered_cameras(20)
    store.apply(batch(*cameras))
    panel = make_panel()
    listing = panel.cameras
    assert listing.proxy.rowCount() == 20
    listing.search.setText("k-01")
    assert listing.proxy.rowCount() == 10  # K-010 … K-019
    districts = [listing.district.itemData(i) for i in range(listing.district.count())]
    assert districts == ["", "吴中区", "姑苏区"]
    listing.district.setCurrentIndex(districts.index("吴中区"))
    keys = [listing.proxy.index(r, 0).data(Qt.ItemDataRole.UserRole + 1) for r in range(5)]
    assert listing.proxy.rowCount() == 5
    assert keys == ["K-010", "K-012", "K-014", "K-016", "K-018"]
    listing.list.activated.emit(listing.proxy.index(1, 0))
    assert panel.wall.assignments[0] == "K-012"
    mime = listing.model.mimeData([listing.model.index(2)])
    assert bytes(mime.data(mime.formats()[0]).data()) == b"K-002"
    store.apply(batch(removals={"cameras": ["K-012"]}))
    assert listing.proxy.rowCount() == 4
    assert panel.wall.assignments[0] is None  # a removed camera leaves its tile
