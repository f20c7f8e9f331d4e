"""'Cameras near here' on the desk (real hub, real window): the menu lists the nearest
cameras as they are named, and picking one puts it on the wall and shows its popup."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMenu

from tests.console.conftest import make_desk  # noqa: F401 (the fixture)
from tests.widgets.map.test_map import wait_page
from widgets.common import labels

LIVE = 60000


# the menu pops up, and offscreen cannot grab the keyboard for it
@pytest.mark.qt_log_ignore("does not support grabbing the keyboard")
def test_cameras_near_here_lists_them_literally_and_a_pick_shows_one(
    qtbot,
    make_desk,  # noqa: F811
) -> None:
    desk = make_desk()
    window, store = desk.window, desk.session.store
    qtbot.waitUntil(lambda: len(store.cameras) > 100 and window.map.ready, timeout=LIVE)
    # a camera with neighbours: the pick is not the one the menu opens on
    camera = next(
        c
        for _, c in sorted(store.cameras.items())
        if len(window.cameras_near(c.location.lat, c.location.lon)) > 2
    )
    near = window.cameras_near(camera.location.lat, camera.location.lon)
    assert near[0][1] == camera.id
    window.map.camerasNearRequested.emit(camera.location.lat, camera.location.lon)
    menu = next(m for m in window.findChildren(QMenu) if m.isVisible())
    try:
        shown = [action.iconText() for action in menu.actions()]  # what the menu draws
        assert shown == [
            f"{store.cameras[key].name} · {metres:.0f} m · "
            f"{labels.camera_status(store.cameras[key].status)}"
            for metres, key in near
        ]
        picked = near[-1][1]
        assert picked != camera.id
        menu.actions()[-1].trigger()
        assert picked in window.video.wall.assignments
        popup = wait_page(qtbot, window.map, lambda p: p and p["id"] == picked, "ccmap.popup()")
        assert popup["kind"] == "cameras"
        assert store.cameras[picked].name in popup["text"]
    finally:
        menu.close()
