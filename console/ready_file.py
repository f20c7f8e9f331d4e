"""Start-up milestones written to a file, for a benchmark measuring from outside.

When ``COMMAND_CENTRE_READY_FILE`` names a file, ``command-centre`` appends one line
per milestone to it, each with the wall-clock time (``time.time()``, comparable across
processes on one machine)::

    exposed <t>                          the main window is exposed on screen
    page <t>                             the map page reported itself ready
    markers <t> units=<n> incidents=<m>  the page's marker counts changed to these

The marker counts are read back from the page (``ccmap.stats()``) every 20 ms from the
moment it is ready until they have not changed for 2 s (at most 60 s): a read-back of a
few numbers, only while starting, only when the variable is set. Without it nothing of
this module runs.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QMainWindow

from widgets.map.view import MapView

VARIABLE = "COMMAND_CENTRE_READY_FILE"
POLL_MS = 20
STABLE_S = 2.0
LIMIT_S = 60.0


class ReadyReport(QObject):
    """Writes the start-up milestones of ``window`` (its ``map`` a MapView) to ``path``."""

    def __init__(self, path: Path, window: QMainWindow, map_view: MapView) -> None:
        super().__init__(window)
        self._path = path
        self._map = map_view
        self._exposed = False
        self._counts: tuple[int, int] | None = None
        self._changed_at = 0.0
        self._started = time.monotonic()
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._read_counts)
        handle = window.windowHandle()
        if handle is not None and handle.isExposed():
            self._write("exposed")
            self._exposed = True
        elif handle is not None:
            handle.installEventFilter(self)
        if map_view.ready:
            self._on_page()
        else:
            map_view.pageLoaded.connect(self._on_page)

    def _write(self, milestone: str, detail: str = "") -> None:
        with self._path.open("a", encoding="utf-8") as out:
            out.write(f"{milestone} {time.time():.6f}{' ' + detail if detail else ''}\n")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if not self._exposed and event.type() == QEvent.Type.Expose:
            handle = getattr(watched, "isExposed", None)
            if handle is not None and handle():
                self._exposed = True
                self._write("exposed")
                watched.removeEventFilter(self)
        return False

    def _on_page(self) -> None:
        self._write("page")
        self._poll.start()

    def _read_counts(self) -> None:
        now = time.monotonic()
        if now - self._started > LIMIT_S or (
            self._counts is not None and now - self._changed_at > STABLE_S
        ):
            self._poll.stop()
            return
        self._map.evaluate("ccmap.stats().markers", self._on_counts)

    def _on_counts(self, markers: Any) -> None:
        if not isinstance(markers, dict):
            return
        counts = (int(markers.get("units", 0)), int(markers.get("incidents", 0)))
        if counts != self._counts:
            self._counts = counts
            self._changed_at = time.monotonic()
            self._write("markers", f"units={counts[0]} incidents={counts[1]}")


def report_if_asked(window: QMainWindow, map_view: MapView) -> ReadyReport | None:
    """A :class:`ReadyReport` when the environment names a ready file, else None."""
    target = os.environ.get(VARIABLE)
    return ReadyReport(Path(target), window, map_view) if target else None
