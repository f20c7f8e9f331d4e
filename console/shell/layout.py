"""Where the desk's panels are, kept: saved whenever it changes, restored where it can be
seen.

* **Saved on every change**, not only on a clean close: a dock moved, floated, docked,
  shown, hidden or resized, or the window moved or resized, starts a short timer
  (:data:`SAVE_DELAY_MS`); when it fires the arrangement is written (QSettings, INI). A
  crash or a power cut loses at most that last second.
* **Restored on a screen that exists**: a window or a floating panel saved on a monitor
  that is gone (or partly off every screen) is moved, and shrunk if needed, onto the
  nearest available screen area.
* **Floating panels on top**: once the main window is shown, every floating panel is
  raised above it (a panel restored before its window was mapped would otherwise stay
  behind it).
* **Per data home**: the embedded desk (``--data DIR``) keeps its layouts in
  ``DIR/layouts/``, so two data directories do not overwrite each other's arrangement;
  a configured desk keeps them in ``~/.local/share/command-centre/layouts/``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QRect, QSettings, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDockWidget, QMainWindow, QWidget

from console.paths import data_home

#: the arrangement is written this long after the last change
SAVE_DELAY_MS = 1000
_GEOMETRY_EVENTS = (QEvent.Type.Resize, QEvent.Type.Move)


def shared_layouts_dir() -> Path:
    return data_home() / "layouts"


def layout_path(workstation: str, cache: Path | None, *, embedded: bool) -> Path:
    """The layout file of ``workstation``: beside the embedded desk's data (its cache's
    folder), else in the shared folder. An embedded desk's first start takes over the
    shared file if it has none of its own yet (the place layouts were kept before)."""
    shared = shared_layouts_dir() / f"{workstation}.ini"
    if not embedded or cache is None:
        return shared
    own = cache.parent / "layouts" / f"{workstation}.ini"
    if not own.exists() and shared.exists():
        own.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shared, own)
    return own


def on_a_screen(rect: QRect) -> QRect:
    """``rect`` moved (and shrunk if larger) so that it lies wholly inside the available
    area of the screen it overlaps most — the primary screen if it overlaps none."""
    screens = QGuiApplication.screens()
    if not screens:
        return rect
    areas = [screen.availableGeometry() for screen in screens]
    overlap = [(area.intersected(rect).width() * area.intersected(rect).height(), area)
               for area in areas]  # fmt: skip
    best, area = max(overlap, key=lambda pair: pair[0])
    if best <= 0:
        primary = QGuiApplication.primaryScreen()
        area = primary.availableGeometry() if primary is not None else areas[0]
    width = min(rect.width(), area.width())
    height = min(rect.height(), area.height())
    x = min(max(rect.x(), area.x()), area.x() + area.width() - width)
    y = min(max(rect.y(), area.y()), area.y() + area.height() - height)
    return QRect(x, y, width, height)


class LayoutKeeper(QObject):
    """Saves and restores ``window``'s arrangement of ``docks`` in ``path``."""

    def __init__(
        self, window: QMainWindow, docks: dict[str, QDockWidget], path: Path, version: int
    ) -> None:
        super().__init__(window)
        self._window = window
        self._docks = docks
        self.path = path
        self._version = version
        self._restoring = False
        self._stopped = False
        self.saves = 0  # how many times the arrangement was written (tests, diagnostics)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self.save)

    def watch(self) -> None:
        """From now on, any change of the arrangement is saved (after the delay)."""
        for dock in self._docks.values():
            dock.dockLocationChanged.connect(self.schedule)
            dock.topLevelChanged.connect(self.schedule)
            dock.visibilityChanged.connect(self.schedule)
            dock.installEventFilter(self)
        self._window.installEventFilter(self)

    @property
    def pending(self) -> bool:
        """A change is waiting to be saved."""
        return self._timer.isActive()

    def schedule(self, *_args: object) -> None:
        if not self._restoring and not self._stopped:
            self._timer.start()

    def stop(self) -> None:
        """Save now and watch no more (the window closes: its docks hide with it)."""
        self.save()
        self._stopped = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        # the window or a floating panel moved or was resized
        if (
            event.type() in _GEOMETRY_EVENTS
            and isinstance(watched, QWidget)
            and (watched is self._window or watched.isWindow())
        ):
            self.schedule()
        return False

    def settings(self) -> QSettings:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        return QSettings(str(self.path), QSettings.Format.IniFormat)

    def save(self) -> None:
        self._timer.stop()
        settings = self.settings()
        settings.setValue("window/geometry", self._window.saveGeometry())
        settings.setValue("window/state", self._window.saveState(self._version))
        settings.sync()
        self.saves += 1

    def restore(self) -> bool:
        """Restore the saved arrangement (True if there was one the window accepted), with
        the window and every floating panel on a screen that exists."""
        settings = self.settings()
        geometry = settings.value("window/geometry")
        state = settings.value("window/state")
        self._restoring = True
        try:
            if geometry is not None:
                self._window.restoreGeometry(geometry)
                self._window.setGeometry(on_a_screen(self._window.geometry()))
            restored = bool(state is not None and self._window.restoreState(state, self._version))
            self.keep_on_screens()
        finally:
            self._restoring = False
        return restored

    def keep_on_screens(self) -> None:
        """Move every floating panel that lies (partly) off the screens onto one."""
        for dock in self._docks.values():
            if dock.isFloating():
                frame = dock.geometry()
                placed = on_a_screen(frame)
                if placed != frame:
                    dock.setGeometry(placed)

    def raise_floating(self) -> None:
        """Bring every shown floating panel above the main window (call once it is shown)."""
        for dock in self._docks.values():
            if dock.isFloating() and dock.isVisible():
                dock.raise_()
