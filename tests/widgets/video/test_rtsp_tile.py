"""A real RTSP stream plays in a tile: an H.264 clip made with PyAV, served by GStreamer's
RTSP server (the system Python), decoded by PyAV on a worker thread."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from console.state import SituationStore
from tests.console.state.builders import batch
from tests.rtsp import RtspServer, make_clip, rtsp_unavailable
from tests.services.client.helpers import free_port
from tests.widgets.video.conftest import camera, settings_factory
from widgets.video.panel import VideoWallPanel

pytestmark = pytest.mark.skipif((why := rtsp_unavailable()) is not None, reason=why or "", run=True)


def box_centre(image: QImage) -> int | None:
    """The x of the yellow box's middle on the image's middle row (None if not seen)."""
    row = image.height() // 2
    xs = [
        x
        for x in range(image.width())
        if (c := image.pixelColor(x, row)).red() > 200 and c.green() > 160 and c.blue() < 110
    ]
    return (xs[0] + xs[-1]) // 2 if xs else None


def test_an_rtsp_clip_plays_in_a_tile_its_picture_moves_and_it_recovers(
    qtbot, store: SituationStore, tmp_path: Path
) -> None:
    clip = make_clip(tmp_path / "clip.mp4", seconds=3.0, fps=10)
    port = free_port()
    server = RtspServer(clip, port)
    panel = None
    try:
        store.apply(batch(camera("RTSP-1", 31.3, 120.6, url=server.url, name="Gate")))
        panel = VideoWallPanel(
            store, None, clock=time.time, settings=settings_factory(tmp_path / "s.ini")
        )
        qtbot.addWidget(panel)
        panel.resize(1000, 700)
        panel.show()
        panel.set_layout("2x2")
        panel.wall.show_cameras(["RTSP-1"], "test")
        tile = panel.wall.grid.tiles[0]
        qtbot.waitUntil(lambda: tile.state(time.time()) == "live", timeout=15000)

        positions: set[int] = set()

        def moving() -> bool:
            if tile.frame is not None and (x := box_centre(tile.frame.image)) is not None:
                positions.add(x // 8)
            return len(positions) >= 5

        qtbot.waitUntil(moving, timeout=10000)
        image = tile.frame.image
        assert abs(image.width() / image.height() - 320 / 240) < 0.02  # fitted, shape kept
        assert image.width() <= tile.width() * tile.devicePixelRatioF() + 1
        stream = panel.wall.sources.streams["RTSP-1"]
        # the 3 s clip loops: more frames than it holds are decoded from one connection
        qtbot.waitUntil(lambda: stream.decoded > 45, timeout=15000)
        assert stream.connects == 1
        # every frame is decoded, only those the 5 fps of a small tile needs are converted
        assert 10 <= stream.converted < stream.decoded * 0.75
        assert panel.wall.sources.slots[0].shown >= 10

        server.stop()
        stopped = time.monotonic()
        qtbot.waitUntil(lambda: tile._shown[0] == "no_signal", timeout=3000)
        assert time.monotonic() - stopped <= 3.0

        server = RtspServer(clip, port)  # back on the same address: the worker reconnects
        qtbot.waitUntil(lambda: tile.state(time.time()) == "live", timeout=20000)
        assert stream.connects >= 2
    finally:
        if panel is not None:
            panel.shutdown()
        server.stop()
    assert not stream.alive
