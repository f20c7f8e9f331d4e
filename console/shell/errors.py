"""Start-up and configuration errors where the operator can see them.

``command-centre`` started from a desktop icon has no terminal: a sentence printed to
stderr alone is never read, and the console simply never appears. So the sentence is
also shown in a dialog whenever stderr is not a terminal and a display can show one (not
on the ``offscreen`` / ``minimal`` platforms, where nobody could press OK).

Tests (and embedders) capture the dialog instead of showing it: :func:`set_presenter`
installs a callable that receives the :class:`QMessageBox`, ready to be read; nothing
blocks.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TextIO

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

Presenter = Callable[[QMessageBox], None]
HEADLESS_PLATFORMS = ("offscreen", "minimal")

_presenter: Presenter | None = None


def set_presenter(presenter: Presenter | None) -> Presenter | None:
    """Show start-up errors through ``presenter`` instead of a modal dialog (None: the
    dialog again); returns the one installed before."""
    global _presenter
    previous, _presenter = _presenter, presenter
    return previous


def has_terminal(stream: TextIO | None) -> bool:
    """Whether ``stream`` is a terminal someone reads (not a pipe, a file or nothing)."""
    if stream is None:
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # no isatty, or closed
        return False


def error_box(message: str) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Critical, "", message, QMessageBox.StandardButton.Ok)
    box.setObjectName("startupError")
    box.setWindowTitle(QCoreApplication.translate("StartupError", "Command Centre could not start"))
    return box


def show_startup_error(message: str, stream: TextIO | None = None) -> bool:
    """Show ``message`` (already printed to ``stream``, stderr by default) in a dialog if
    no terminal shows it; True if it was shown (or given to the presenter)."""
    if QApplication.instance() is None:
        return False
    if has_terminal(sys.stderr if stream is None else stream):
        return False
    if _presenter is not None:
        _presenter(error_box(message))
        return True
    if QGuiApplication.platformName() in HEADLESS_PLATFORMS:
        return False
    error_box(message).exec()
    return True
