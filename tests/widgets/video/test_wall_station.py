"""``command-centre --wall``: the wall alone, full screen, following new priority-1
incidents and cycling its named views; never a command of its own."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from console.app import build_parser
from console.embedded import embedded_with
from console.shell.wall_station import WallStation
from console.state.cameras import nearest_online
from services.backend.config import HubConfig
from services.backend.runner import BackendThread
from tests.services.backend.wsclient import COMMANDER, TOKENS
from tests.services.client.helpers import free_port


def test_the_wall_station_fills_its_screen_follows_new_p1_incidents_and_cycles_views(
    qtbot, tmp_path: Path
) -> None:
    hub = HubConfig(data_dir=tmp_path / "backend", port=free_port(), tokens=TOKENS, simulate=False)
    session = embedded_with(BackendThread(hub).start(), tmp_path, token=COMMANDER, workstation="w3")
    session.start()
    closed: list[bool] = []
    station = WallStation(
        session, settings_path=tmp_path / "wall.ini", quit_app=lambda: closed.append(True)
    )
    try:
        qtbot.waitUntil(lambda: len(session.store.cameras) > 100, timeout=30000)
        qtbot.waitUntil(lambda: bool(session.store.incidents), timeout=30000)  # loaded
        station.start()
        window = station.panel.wall_window
        assert window is not None
        qtbot.waitUntil(window.isVisible)
        assert window.windowState() & Qt.WindowState.WindowFullScreen
        assert window.geometry() == QGuiApplication.primaryScreen().geometry()
        assert not station.panel.isVisible()  # only the wall is shown

        panel = station.panel
        panel.wall.show_cameras(sorted(session.store.cameras)[:4], "test")
        panel.save_view("A")
        panel.wall.show_cameras(sorted(session.store.cameras)[4:8], "test")
        panel.save_view("B")
        assert station.next_view() == "A"
        assert panel.wall.assignments[:4] == sorted(session.store.cameras)[:4]
        assert station.next_view() == "B"

        lat, lon = 31.32, 120.62
        session.controller.create_incident(
            category="robbery", priority=1, summary="armed robbery", lat=lat, lon=lon
        )
        expected = nearest_online(panel.index, session.store.cameras, lat, lon, 4)
        qtbot.waitUntil(lambda: panel.wall.assignments[:4] == expected, timeout=20000)
        qtbot.waitUntil(lambda: all(t._shown[0] == "live" for t in panel.wall.grid.tiles[:4]),
                        timeout=20000)  # fmt: skip
        window.close()
        assert closed == [True]
    finally:
        station.close() if not closed else None
        session.stop()
    assert not [t.name for t in threading.enumerate() if t.name.startswith("video-")]


def test_the_wall_flags_parse() -> None:
    args = build_parser().parse_args(["--wall", "--screen", "2", "--cycle", "30"])
    assert (args.wall, args.screen, args.cycle) == (True, 2, 30.0)
