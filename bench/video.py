"""Video wall: 16 tiles at 5 fps — 8 ws-jpeg cameras from /video and 8 RTSP cameras.

The reference backend runs as its own process with its city frozen (so the UI thread
has nothing to do but the wall) and ``--cameras`` naming 8 RTSP cameras, all served by
GStreamer's RTSP server (tests/rtsp: an H.264 640×360 10 fps clip made with PyAV,
looped). The wall panel (4 × 4, 1920 × 1080 window) shows the first 8 online simulated
cameras and the 8 RTSP ones for ``--seconds`` (default 60). Figures:

* per tile: frames decoded (for its camera), shown (taken by the UI thread), dropped
  (replaced before the UI took them, or before decoding);
* UI-thread milliseconds per second spent on video: wall-clock time inside the wall's
  UI-thread handlers (taking frames from the slots, painting tiles, the NO SIGNAL tick,
  re-targeting), GIL waits included — the final figure; and, beside it, all the CPU time
  the UI thread used (``time.thread_time``; the city is frozen, so it is nearly all the
  wall's, Qt's flushing of the window included);
* event-loop lateness of a 10 ms timer on the UI thread: p99 and max.

    QT_QPA_PLATFORM=offscreen python bench/video.py [--seconds 60]
Last line: video_ui_ms_per_s=<UI-thread ms per second in the wall's handlers> (target < 100,
with lateness p99 < 50 ms)
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from bench._harness import TOKEN, start_backend
from console.config import ConsoleConfig, ServiceSetting
from console.session import ConsoleSession
from services.protocol.entities import UrlStream, WsJpegStream
from tests.rtsp import RtspServer, make_clip, rtsp_unavailable
from widgets.video import tile as tile_module
from widgets.video import wall as wall_module
from widgets.video.panel import VideoWallPanel

RTSP_CAMERAS = 8


class HandlerClock:
    """Seconds spent inside the wall's UI-thread handlers (frame hand-over, paint, tick)."""

    def __init__(self) -> None:
        self.seconds = 0.0

    def wrap(self, owner: type, name: str) -> None:
        original = getattr(owner, name)

        def timed(*args, **kwargs):
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.seconds += time.perf_counter() - started

        setattr(owner, name, timed)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    args = parser.parse_args()
    why = rtsp_unavailable()
    if why:
        print(f"cannot run: {why}")
        return 2
    handlers = HandlerClock()
    handlers.wrap(wall_module.VideoWall, "_on_frame")
    handlers.wrap(wall_module.VideoWall, "_refresh")
    handlers.wrap(wall_module.VideoWall, "_replay")
    handlers.wrap(tile_module.VideoTile, "paintEvent")
    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        clip = make_clip(tmp / "clip.mp4", seconds=20.0, fps=10, size=(640, 360))
        server = RtspServer(clip)
        cameras = tmp / "cameras.toml"
        cameras.write_text(
            "".join(
                f'[[cameras]]\nid = "RTSP-{i}"\nname = "RTSP {i}"\nlat = 31.3\n'
                f'lon = {120.6 + i / 1000}\ndistrict = "bench"\nurl = "{server.url}"\n\n'
                for i in range(RTSP_CAMERAS)
            ),
            encoding="utf-8",
        )
        backend, port = start_backend(tmp / "hub", "--frozen", "--cameras", str(cameras))
        services = {
            s: ServiceSetting(f"ws://127.0.0.1:{port}/{s}", TOKEN)
            for s in ("cad", "avl", "video", "opinion")
        }
        session = ConsoleSession(
            ConsoleConfig(services=services, cache=tmp / "console.sqlite3", workstation="bench")
        )
        session.start()
        panel = VideoWallPanel(session.store, session.feed, clock=session.clock)  # type: ignore[arg-type]
        try:
            return run(app, session, panel, handlers, args.seconds)
        finally:
            panel.shutdown()
            session.stop()
            backend.terminate()
            backend.wait(30)
            server.stop()


def run(app, session, panel, handlers: HandlerClock, seconds: float) -> int:
    store = session.store
    deadline = time.monotonic() + 30
    while len(store.cameras) < 100 and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)
    jpeg = sorted(
        k
        for k, c in store.cameras.items()
        if c.status == "online" and isinstance(c.stream, WsJpegStream)
    )[: 16 - RTSP_CAMERAS]
    rtsp = sorted(k for k, c in store.cameras.items() if isinstance(c.stream, UrlStream))
    panel.resize(1920, 1080)
    panel.cameras.hide()  # the wall alone fills the window, as on a wall screen
    panel.show()
    panel.set_layout("4x4")
    panel.wall.show_cameras(jpeg + rtsp, "bench")
    wall = panel.wall
    warm_until = time.monotonic() + 8
    while time.monotonic() < warm_until:
        app.processEvents()
        time.sleep(0.005)
    tile = wall.grid.tiles[0]
    print(f"tiles {tile.width()}x{tile.height()} px, {len(jpeg)} ws-jpeg + {len(rtsp)} RTSP "
          f"cameras; watching {len(wall.sources.watched)} on /video")  # fmt: skip

    before = {i: (s.shown, s.dropped) for i, s in enumerate(wall.sources.slots)}
    decoded_before = decoded_by_tile(wall)
    dropped_before = dict(wall.sources.jpeg.dropped)
    handlers.seconds = 0.0
    lateness: list[float] = []
    expected = [time.perf_counter() + 0.010]

    def heartbeat() -> None:
        now = time.perf_counter()
        lateness.append(max(0.0, now - expected[0]) * 1000)
        expected[0] = now + 0.010

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(heartbeat)
    timer.start()
    cpu_start, wall_start = time.thread_time(), time.perf_counter()
    QTimer.singleShot(int(seconds * 1000), app.quit)
    app.exec()
    timer.stop()
    elapsed = time.perf_counter() - wall_start
    cpu_ms_per_s = (time.thread_time() - cpu_start) * 1000 / elapsed
    handler_ms_per_s = handlers.seconds * 1000 / elapsed

    decoded_after = decoded_by_tile(wall)
    print(f"{'tile':>4} {'camera':>10} {'kind':>7} {'decoded/s':>9} {'shown/s':>8} {'dropped':>8}")
    for index, camera_id in enumerate(jpeg + rtsp):
        slot = wall.sources.slots[index]
        shown = slot.shown - before[index][0]
        dropped = slot.dropped - before[index][1]
        dropped += wall.sources.jpeg.dropped.get(camera_id, 0) - dropped_before.get(camera_id, 0)
        decoded = decoded_after.get(index, 0) - decoded_before.get(index, 0)
        kind = "rtsp" if camera_id in rtsp else "ws-jpeg"
        print(f"{index:>4} {camera_id:>10} {kind:>7} {decoded / elapsed:>9.1f} "
              f"{shown / elapsed:>8.1f} {dropped:>8}")  # fmt: skip
    late = sorted(lateness)
    p99 = late[int(len(late) * 0.99) - 1] if late else 0.0
    print(f"seconds {elapsed:.1f}; UI thread inside the wall's handlers {handler_ms_per_s:.1f} "
          f"ms/s (wall-clock, GIL waits included); UI-thread CPU, all of it "
          f"{cpu_ms_per_s:.1f} ms/s")  # fmt: skip
    print(f"event-loop lateness p50 {statistics.median(late):.2f} ms, p99 {p99:.2f} ms, "
          f"max {late[-1]:.1f} ms over {len(late)} beats")  # fmt: skip
    print(f"video_ui_ms_per_s={handler_ms_per_s:.1f}")
    return 0


def decoded_by_tile(wall) -> dict[int, int]:
    counts: dict[int, int] = {}
    for index, camera_id in enumerate(wall.assignments):
        if camera_id is None:
            continue
        stream = wall.sources.streams.get(camera_id)
        counts[index] = (
            stream.decoded if stream is not None else wall.sources.jpeg.decoded.get(camera_id, 0)
        )
    return counts


if __name__ == "__main__":
    sys.exit(main())
