"""The wall against a real hub: simulator frames in tiles, NO SIGNAL when they stop,
only visible tiles watched, every change of what a tile shows recorded in the cache."""

from __future__ import annotations

import json
import struct
import threading
import time
from collections import Counter

from PySide6.QtGui import QColor, QImage

from widgets.common import style
from widgets.video.tile import NO_SIGNAL_AFTER_S


def red_pixels(image: QImage) -> int:
    """Pixels of the NO SIGNAL red (exactly the theme's danger colour)."""
    danger = QColor(style.DANGER).rgb()
    step = 3
    return sum(
        1
        for y in range(0, image.height(), step)
        for x in range(0, image.width(), step)
        if image.pixel(x, y) == danger
    )


def test_simulator_frames_play_stop_as_no_signal_within_3_s_and_come_back(qtbot, live_wall) -> None:
    live = live_wall()
    wall = live.panel.wall
    cameras = live.online_jpeg_cameras()[:4]
    wall.show_cameras(cameras, "test")
    tiles = wall.grid.tiles[:4]
    qtbot.waitUntil(lambda: all(t.state(time.time()) == "live" for t in tiles), timeout=20000)
    for tile, camera_id in zip(tiles, cameras, strict=True):
        assert tile.camera is not None
        assert tile.camera.id == camera_id
        assert tile.frame is not None
        assert tile.frame.camera == camera_id
        image = tile.frame.image  # scaled to the tile on the decoder thread
        ratio = tile.devicePixelRatioF()
        assert image.width() <= tile.width() * ratio + 1
        assert image.height() <= tile.height() * ratio + 1
        assert (
            max(image.width() - tile.width() * ratio, image.height() - tile.height() * ratio) > -2
        )
    shown_before = live.panel.wall.sources.stats()["shown"]
    qtbot.waitUntil(lambda: live.panel.wall.sources.stats()["shown"] >= shown_before + 8)
    assert red_pixels(tiles[0].grab().toImage()) < 50  # a live picture, no NO SIGNAL text

    live.stop_backend()
    stopped = time.monotonic()
    qtbot.waitUntil(lambda: all(t._shown[0] == "no_signal" for t in tiles), timeout=3000)
    assert time.monotonic() - stopped <= 3.0
    for tile in tiles:
        assert tile.last_frame_at is not None
        assert time.time() - tile.last_frame_at > NO_SIGNAL_AFTER_S
        # the frozen picture is not painted: the tile shows NO SIGNAL in red instead
        assert red_pixels(tile.grab().toImage()) > 50

    live.restart_backend()
    qtbot.waitUntil(lambda: all(t.state(time.time()) == "live" for t in tiles), timeout=30000)
    qtbot.waitUntil(lambda: all(t._shown[0] == "live" for t in tiles), timeout=3000)


class RawFrames:
    """Counts the binary frames the hub sends, per camera, before the wall sees them."""

    def __init__(self, downstream) -> None:
        self.downstream = downstream
        self.lock = threading.Lock()
        self.frames: list[tuple[float, str]] = []

    def __call__(self, frame: bytes) -> None:
        (length,) = struct.unpack(">I", frame[:4])
        camera = json.loads(frame[4 : 4 + length])["camera"]
        with self.lock:
            self.frames.append((time.monotonic(), camera))
        self.downstream(frame)

    def since(self, moment: float) -> Counter:
        with self.lock:
            return Counter(camera for at, camera in self.frames if at >= moment)


def test_hidden_tiles_are_unwatched_and_the_hub_stops_sending_them(qtbot, live_wall) -> None:
    live = live_wall()
    panel, feed = live.panel, live.session.feed
    raw = RawFrames(feed.video_sink)
    feed.video_sink = raw
    cameras = live.online_jpeg_cameras()[:16]
    panel.set_layout("4x4")
    panel.wall.show_cameras(cameras, "test")
    start = time.monotonic()
    qtbot.waitUntil(lambda: set(raw.since(start)) == set(cameras), timeout=20000)

    panel.set_layout("2x2")  # tiles 4..15 go out of view
    assert panel.wall.grid.visible_tiles() == [0, 1, 2, 3]
    qtbot.waitUntil(lambda: panel.wall.sources.watched == tuple(sorted(cameras[:4])))
    changed = time.monotonic()
    qtbot.wait(1000)  # the unwatch travels; frames already sent may still arrive
    quiet = time.monotonic()
    qtbot.waitUntil(lambda: min(raw.since(quiet)[c] for c in cameras[:4]) >= 4, timeout=10000)
    assert set(raw.since(quiet)) == set(cameras[:4]), "the hub still sends hidden cameras"
    assert changed - start < 30

    panel.wall.toggle_maximised(2)  # a maximised tile hides the three others
    qtbot.waitUntil(lambda: panel.wall.sources.watched == (cameras[2],))
    qtbot.wait(1000)
    quiet = time.monotonic()
    qtbot.waitUntil(lambda: raw.since(quiet)[cameras[2]] >= 4, timeout=10000)
    assert set(raw.since(quiet)) == {cameras[2]}

    panel.hide()  # the dock closed: nothing is watched
    qtbot.waitUntil(lambda: panel.wall.sources.watched == ())


def test_every_change_of_what_a_tile_shows_is_recorded_in_the_cache(qtbot, live_wall) -> None:
    live = live_wall()
    panel = live.panel
    first, second, third = live.online_jpeg_cameras()[:3]
    panel.wall.show_cameras([first, second], "test:fill")
    qtbot.waitUntil(lambda: panel.wall._shown.get(1) == second)
    panel.show_camera(third, "map")  # onto the selected tile (0)
    qtbot.waitUntil(lambda: panel.wall._shown.get(0) == third)
    panel.set_layout("1x1")
    qtbot.waitUntil(lambda: panel.wall._shown.get(1) is None)
    live.session.feed.sync()
    rows = [
        (r["tile"], r["camera"], r["trigger"], r["workstation"])
        for r in live.session.feed.cache.tile_changes()
    ]
    assert rows == [
        (0, first, "test:fill", "wall-test"),
        (1, second, "test:fill", "wall-test"),
        (0, third, "map", "wall-test"),
        (1, None, "operator:layout:1x1", "wall-test"),
    ]
