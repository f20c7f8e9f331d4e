"""Run by tests/console/test_panels.py in its own process: the desk as ``command-centre``
opens it (``show_desk``: maximised on its first start) on one screen of a given size;
prints, as JSON, the screen, the window and each visible dock's geometry."""

from __future__ import annotations

import json
import sys

from tests.console.probes.desk import open_desk, settle


def main(screens_file: str, data_dir: str) -> int:
    from PySide6.QtCore import QPoint, QRect  # noqa: PLC0415

    app, window, session = open_desk(screens_file, data_dir)
    settle(app, 5.0)
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
