"""Run by tests/console/test_panels.py in its own process: the desk as ``command-centre``
opens it (``show_desk``: maximised on its first start) on one screen of a given size;
prints, as JSON, the screen, the window and each visible dock's geometry."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path


def main(screens_file: str, data_dir: str) -> int:
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={screens_file}"
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")
    from PySide6 import QtWebEngineWidgets  # noqa: F401, PLC0415 (before the app)
    from PySide6.QtCore import QPoint, QRect  # noqa: PLC0415
    from PySide6.QtWidgets import QApplication  # noqa: PLC0415

    app = QApplication(sys.argv[:1])
    from console.embedded import start_embedded  # noqa: PLC0415
    from console.shell.main_window import MainWindow  # noqa: PLC0415

    data = Path(data_dir)
    session = start_embedded(data)
    session.start()
    window = MainWindow(session, settings_path=data / "layout.ini")
    window.show_desk()
    window.quit_confirmation = None  # closed by the probe: no question
    deadline = time.monotonic() + 5.0
    while time.monotonic() < deadline:  # let the layout settle (no data needed)
        app.processEvents()
    screen = app.primaryScreen().geometry()

    def global_rect(widget) -> list[int]:
        top_left = widget.mapToGlobal(QPoint(0, 0))
        rect = QRect(top_left, widget.size())
        return [rect.x(), rect.y(), rect.width(), rect.height()]

    docks = {
        name: global_rect(dock)
        for name, dock in window.docks.items()
        if dock.isVisible() and not dock.isFloating() and not dock.visibleRegion().isEmpty()
    }  # (a dock tabbed behind another is "visible" but has no region on screen)
    sys.stdout.write(
        json.dumps(
            {
                "screen": [screen.x(), screen.y(), screen.width(), screen.height()],
                "window": global_rect(window),
                "docks": docks,
            }
        )
        + "\n"
    )
    window.close()
    session.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
