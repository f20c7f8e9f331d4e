"""Run in its own process by test_detach.py: Qt's offscreen platform with two screens.

``python -m tests.widgets.video.screens_probe CONFIG.json SETTINGS.ini`` builds the wall
panel, detaches it to screen 2 the way an operator does (choose the screen, press
Detach), then builds it again on the same settings (a restart), and prints one JSON
line of what it saw.
"""

from __future__ import annotations

import json
import os
import sys
import time


def main() -> None:
    config, settings_path = sys.argv[1], sys.argv[2]
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"
    from PySide6.QtCore import QSettings, Qt  # noqa: PLC0415
    from PySide6.QtWidgets import QApplication  # noqa: PLC0415

    from console.state import SituationStore  # noqa: PLC0415
    from tests.console.state.builders import batch  # noqa: PLC0415
    from tests.widgets.video.conftest import camera  # noqa: PLC0415
    from widgets.video.panel import VideoWallPanel  # noqa: PLC0415

    app = QApplication([])
    store = SituationStore(clock=time.time)
    store.apply(batch(camera("K-1", 31.3, 120.6)))

    def settle() -> None:
        deadline = time.monotonic() + 0.5
        while time.monotonic() < deadline:
            app.processEvents()

    def settings() -> QSettings:
        return QSettings(settings_path, QSettings.Format.IniFormat)

    def seen(panel: VideoWallPanel) -> dict:
        window = panel.wall_window
        if window is None:
            return {"detached": False}
        return {
            "detached": True,
            "screen": window.screen().name(),
            "geometry": window.geometry().getRect(),
            "full_screen": bool(window.windowState() & Qt.WindowState.WindowFullScreen),
            "wall_inside": panel.wall.window() is window,
            "wall_size": [panel.wall.width(), panel.wall.height()],
        }

    screens = {s.name(): s.geometry().getRect() for s in app.screens()}
    panel = VideoWallPanel(store, None, clock=time.time, settings=settings)
    panel.show()
    panel.wall.show_cameras(["K-1"], "probe")
    settle()
    panel.screen_box.setCurrentIndex(1)
    panel.detach_button.click()
    settle()
    first = seen(panel)
    panel.shutdown()
    panel.deleteLater()
    settle()
    again = VideoWallPanel(store, None, clock=time.time, settings=settings)
    again.show()
    settle()
    second = seen(again)
    again.attach()
    settle()
    back = {"detached": again.wall_window is not None, "in_panel": again.wall.window() is again}
    again.shutdown()
    sys.stdout.write(json.dumps({"screens": screens, "first": first, "second": second,
                                 "back": back}) + "\n")  # fmt: skip


if __name__ == "__main__":
    main()
