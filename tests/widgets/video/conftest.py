"""Video wall fixtures: the wall against a real embedded hub, or over a store the test fills."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from console.embedded import embedded_with
from console.session import ConsoleSession
from services.backend.config import HubConfig
from services.backend.runner import BackendThread
from services.protocol.entities import Camera, Location, UrlStream, WsJpegStream
from tests.services.backend.wsclient import COMMANDER, TOKENS
from tests.services.client.helpers import free_port
from widgets.video.panel import VideoWallPanel, tile_recorder

OUR_THREADS = ("feed-network", "cache-writer", "backend-hub", "video-")


def settings_factory(path: Path) -> Callable[[], QSettings]:
    return lambda: QSettings(str(path), QSettings.Format.IniFormat)


@dataclass
class LiveWall:
    panel: VideoWallPanel
    session: ConsoleSession
    hub_config: HubConfig

    def stop_backend(self) -> None:
        assert self.session.backend is not None
        self.session.backend.stop()

    def restart_backend(self) -> None:
        self.session.backend = BackendThread(self.hub_config).start()

    def online_jpeg_cameras(self) -> list[str]:
        cameras = self.session.store.cameras
        return sorted(
            key
            for key, camera in cameras.items()
            if camera.status == "online" and isinstance(camera.stream, WsJpegStream)
        )


@pytest.fixture
def live_wall(qtbot, tmp_path: Path) -> Iterator[Callable[..., LiveWall]]:
    """The wall panel on a session connected to a real hub (frozen city: frames still
    flow; cameras never go offline on their own)."""
    made: list[LiveWall] = []

    def make(**hub_options: object) -> LiveWall:
        hub_options.setdefault("simulate", False)
        hub_config = HubConfig(
            data_dir=tmp_path / "backend", port=free_port(), tokens=TOKENS, **hub_options
        )  # type: ignore[arg-type]
        backend = BackendThread(hub_config).start()
        session = embedded_with(backend, tmp_path, token=COMMANDER, workstation="wall-test")
        session.start()
        panel = VideoWallPanel(
            session.store,
            session.feed,  # type: ignore[arg-type]
            clock=session.clock,
            settings=settings_factory(tmp_path / "layout.ini"),
            record=tile_recorder(session.feed, "wall-test"),
        )
        qtbot.addWidget(panel)
        panel.resize(1280, 800)
        panel.show()
        wall = LiveWall(panel, session, hub_config)
        made.append(wall)
        qtbot.waitUntil(lambda: len(session.store.cameras) > 100, timeout=30000)
        return wall

    yield make
    for wall in made:
        wall.panel.shutdown()
        wall.session.stop()
    leaked = [t.name for t in threading.enumerate() if t.name.startswith(OUR_THREADS)]
    assert not leaked, f"threads left running: {leaked}"


def camera(
    camera_id: str,
    lat: float,
    lon: float,
    *,
    status: str = "online",
    district: str = "姑苏区",
    url: str | None = None,
    name: str | None = None,
) -> Camera:
    return Camera(
        id=camera_id,
        name=name or f"Camera {camera_id}",
        location=Location(lat=lat, lon=lon),
        district=district,
        status=status,  # type: ignore[arg-type]
        stream=UrlStream(url=url) if url else WsJpegStream(),
        version=1,
    )
