"""The wall on the operations desk: a dock from the panel registry; the map's camera popup
and "cameras near here" send cameras to it; selecting an incident makes it follow."""

from __future__ import annotations

import time

import pytest
from PySide6.QtWidgets import QMenu

from console.state.cameras import nearest_online
from tests.console.conftest import make_desk  # noqa: F401 (the fixture)

LIVE = 60000


# the "cameras near here" menu pops up, and offscreen cannot grab the keyboard for it
@pytest.mark.qt_log_ignore("does not support grabbing the keyboard")
def test_the_desk_sends_cameras_to_the_wall_and_the_wall_follows_the_selection(
    qtbot,
    make_desk,  # noqa: F811
) -> None:
    desk = make_desk()
    window, store = desk.window, desk.session.store
    wall = window.video.wall
    assert window.docks["videoWallDock"].widget() is window.video
    qtbot.waitUntil(lambda: len(store.cameras) > 100 and bool(store.incidents), timeout=LIVE)
    window._raise("videoWallDock")

    incident_id = sorted(store.incidents)[0]
    window.queue.incidentSelected.emit(incident_id)
    where = store.incidents[incident_id].location
    expected = nearest_online(window.video.index, store.cameras, where.lat, where.lon, 4)
    assert wall.assignments[:4] == expected
    qtbot.waitUntil(lambda: all(t.state(time.time()) == "live" for t in wall.grid.tiles[:4]),
                    timeout=LIVE)  # fmt: skip

    far = next(k for k, c in sorted(store.cameras.items()) if k not in expected)
    wall.select_tile(2)
    window.map.entitySelected.emit("cameras", far)  # the camera's popup on the map
    assert wall.assignments[2] == far

    camera = store.cameras[expected[0]]
    window.map.camerasNearRequested.emit(camera.location.lat, camera.location.lon)
    near = window.video.show_near(camera.location.lat, camera.location.lon)
    assert wall.assignments[: len(near)] == near
    assert near[0] == camera.id
    for menu in window.findChildren(QMenu):
        menu.close()
