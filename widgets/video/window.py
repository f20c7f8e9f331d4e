"""The wall on a screen of its own: a frameless full-screen window.

:class:`WallWindow` takes the wall widget (the widget moves; nothing is duplicated), puts
it full screen on the screen asked for and gives it back when closed (Esc, or the
panel's "Back to the desk"). :func:`screen_named` finds a screen again by name.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeyEvent, QScreen
from PySide6.QtWidgets import QVBoxLayout, QWidget


def screen_named(name: str | None) -> QScreen | None:
    for screen in QGuiApplication.screens():
        if screen.name() == name:
            return screen
    return None


class WallWindow(QWidget):
    closed = Signal()

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("videoWallWindow")
        self.setWindowTitle(title)
        self.setStyleSheet("#videoWallWindow { background: #000000; }")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.content: QWidget | None = None

    def hold(self, widget: QWidget) -> None:
        """Show ``widget`` (it is re-parented here)."""
        self._layout.addWidget(widget)
        self.content = widget
        widget.show()

    def release(self) -> QWidget | None:
        """Give the widget back (un-parented; the caller re-parents it)."""
        widget, self.content = self.content, None
        if widget is not None:
            self._layout.removeWidget(widget)
        return widget

    def show_on(self, screen: QScreen) -> None:
        """Full screen on ``screen``."""
        self.setScreen(screen)
        self.setGeometry(screen.geometry())
        handle = self.windowHandle()
        if handle is not None:
            handle.setScreen(screen)
        self.showFullScreen()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        self.closed.emit()
        super().closeEvent(event)
