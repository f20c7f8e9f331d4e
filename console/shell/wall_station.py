"""``command-centre --wall``: a read-only video-wall workstation.

The machine shows only the video wall, full screen on one of its screens (``--screen N``,
else the one it used last, else the primary). It never sends a command. It follows new
priority-1 incidents — the wall fills with the nearest online cameras — and, with
``--cycle SECONDS``, steps through its named views in turn between them. (Following
another desk's *selection* would need that desk to publish it; the wall follows what
every desk sees instead: the incidents themselves.) Its layout, tiles, views and screen
are kept in its own settings file (``<workstation>-wall.ini``). Esc closes it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QSettings, QTimer
from PySide6.QtGui import QGuiApplication

from console.paths import data_home
from console.session import ConsoleSession
from widgets.video.panel import VideoWallPanel, tile_recorder


def wall_settings_path(workstation: str) -> Path:
    return data_home() / "layouts" / f"{workstation}-wall.ini"


class WallStation(QObject):
    """The wall panel, never shown itself: its wall is detached onto the chosen screen."""

    def __init__(
        self,
        session: ConsoleSession,
        *,
        screen: int | None = None,
        cycle_s: float = 0.0,
        settings_path: Path | None = None,
        quit_app: Callable[[], None] = QCoreApplication.quit,
    ) -> None:
        super().__init__()
        self.session = session
        self._quit = quit_app
        path = settings_path or wall_settings_path(session.config.workstation)
        path.parent.mkdir(parents=True, exist_ok=True)
        feed = session.feed
        self.panel = VideoWallPanel(
            session.store,
            feed if callable(getattr(feed, "watch_video", None)) else None,  # type: ignore[arg-type]
            clock=session.clock,
            settings=lambda: QSettings(str(path), QSettings.Format.IniFormat),
            record=tile_recorder(feed, session.config.workstation),
        )
        self.panel.follow_selected.setChecked(False)
        self.panel.follow_priority_one.setChecked(True)
        self._screen = screen
        self._cycle = QTimer(self)
        self._cycle.timeout.connect(self.next_view)
        if cycle_s > 0:
            self._cycle.start(round(cycle_s * 1000))
        self._view = -1

    def start(self) -> None:
        """Put the wall full screen on its screen; closing it quits the application."""
        screens = QGuiApplication.screens()
        if self._screen is not None:
            name = screens[self._screen - 1].name()
        else:
            saved, _detached = self.panel.saved.screen()
            name = saved or QGuiApplication.primaryScreen().name()
        window = self.panel.detach(name)
        window.setWindowTitle(
            QCoreApplication.translate("WallStation", "Video wall — {0}").format(
                self.session.config.workstation
            )
        )
        window.closed.connect(self.close)

    def next_view(self) -> str | None:
        """Show the next named view (in name order); None if there is none."""
        names = sorted(self.panel.saved.views())
        if not names:
            return None
        self._view = (self._view + 1) % len(names)
        self.panel.load_view(names[self._view])
        return names[self._view]

    def close(self) -> None:
        self._cycle.stop()
        self.panel.shutdown()
        self.panel.deleteLater()
        self._quit()
