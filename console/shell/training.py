"""Replay and training in the desk: the watermark, and the Replay menu.

In a replay or a training sandbox every window carries a watermark that cannot be
missed — the mode in large diagonal letters across the window, and a band along its
top edge saying that no command reaches live services — so nobody mistakes an exercise
for the live picture. It is painted over the window (mouse events pass through it) and
over each dock that floats as its own window.

The Replay menu opens a recording (in a new console process: the live desk stays as it
is), writes the after-action report of the recording shown, and — in a replay — forks
a training sandbox from the replay's moment.
"""

from __future__ import annotations

import bisect
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRectF, Qt
from PySide6.QtGui import QAction, QColor, QFont, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QMainWindow,
    QMenu,
    QMessageBox,
    QWidget,
)

from console.fork import ForkError, fork_from
from console.replay.report import write_report
from console.replay.session import replay_source
from console.replay.source import ReplaySource


def watermark_text(mode: str) -> tuple[str, str]:
    """(the big word, the band's sentence) for ``mode`` ("replay" or "training")."""
    if mode == "training":
        return (
            QCoreApplication.translate("Training", "TRAINING"),
            QCoreApplication.translate(
                "Training", "TRAINING SANDBOX — commands go to the sandbox, never to live services"
            ),
        )
    return (
        QCoreApplication.translate("Training", "REPLAY"),
        QCoreApplication.translate(
            "Training", "REPLAY — commands are recorded as trainee actions and never sent"
        ),
    )


class Watermark(QWidget):
    """Drawn over its parent, following its size; transparent to the mouse."""

    def __init__(self, parent: QWidget, mode: str) -> None:
        super().__init__(parent)
        self.setObjectName("trainingWatermark")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.word, self.band = watermark_text(mode)
        parent.installEventFilter(self)
        self.setGeometry(parent.rect())
        self.raise_()
        self.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt)
        if watched is self.parent() and event.type() in (
            QEvent.Type.Resize,
            QEvent.Type.ChildAdded,
            QEvent.Type.Show,
        ):
            self.setGeometry(self.parentWidget().rect())
            self.raise_()
        return False

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        parent = self.parentWidget()
        menu = parent.menuBar() if isinstance(parent, QMainWindow) else None
        top = menu.geometry().bottom() + 1 if menu is not None and menu.isVisible() else 0
        band = QRectF(0, top, self.width(), 22)  # below the menu bar, which stays readable
        painter.fillRect(band, QColor(200, 40, 40, 230))
        painter.setPen(QColor("white"))
        font = QFont(self.font())
        font.setBold(True)
        painter.setFont(font)
        painter.drawText(band, Qt.AlignmentFlag.AlignCenter, self.band)
        font.setPointSize(max(24, min(self.width(), self.height()) // 7))
        painter.setFont(font)
        painter.setPen(QColor(255, 80, 80, 55))
        painter.translate(self.width() / 2, self.height() / 2)
        painter.rotate(-25)
        box = QRectF(-self.width(), -self.height() / 2, 2 * self.width(), self.height())
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, self.word)
        painter.end()


def install_watermarks(window: QMainWindow, mode: str, docks: list[QDockWidget]) -> list[Watermark]:
    """A watermark over ``window`` and over each dock while it floats on its own."""
    marks = [Watermark(window, mode)]
    for dock in docks:
        mark = Watermark(dock, mode)
        mark.setVisible(dock.isFloating())
        dock.topLevelChanged.connect(mark.setVisible)
        marks.append(mark)
    return marks


def show_mode(window: QMainWindow, mode: str, docks: dict[str, QDockWidget]) -> list[Watermark]:
    """Live: keep the replay panel hidden. Replay or training: watermark everything; a
    replay's video wall shows what the recorded wall showed."""
    if mode == "live":
        if "replayDock" in docks:
            docks["replayDock"].hide()
        return []
    source = replay_source(window.session)  # type: ignore[attr-defined]
    wall = getattr(getattr(window, "video", None), "wall", None)
    if source is not None and wall is not None:
        window.recorded_wall = RecordedWall(  # type: ignore[attr-defined]
            wall,
            source,
            window.ticker,
            window.session.bridge.applied,  # type: ignore[attr-defined]
        )
    return install_watermarks(window, mode, list(docks.values()))


class RecordedWall:
    """The video-wall assignments of the recording (``wall_tiles``), at the replay clock:
    every tile the recorded wall used shows what it showed then (empty before its first
    change, or when the camera is not in the picture at that moment)."""

    def __init__(self, wall: Any, source: ReplaySource, ticker: Any, applied: Any) -> None:
        self.wall = wall
        rows = source.recording.tile_changes(source.start_time, source.end_time)
        #: the first workstation whose wall was recorded (a desk shows one wall)
        self.workstation = rows[0]["workstation"] if rows else None
        self.rows = [r for r in rows if r["workstation"] == self.workstation]
        self.times = [r["ts"] for r in self.rows]
        self.tiles = sorted({r["tile"] for r in self.rows})
        ticker.ticked.connect(self.show)
        # the picture of a seek arrives after the seek's tick: look again when it lands
        applied.connect(lambda _changes: self.show(ticker.clock()))

    def at(self, moment: float) -> dict[int, str | None]:
        shown: dict[int, str | None] = dict.fromkeys(self.tiles)
        for row in self.rows[: bisect.bisect_right(self.times, moment)]:
            shown[row["tile"]] = row["camera"]
        return shown

    def show(self, moment: float) -> None:
        cameras = self.wall.store.cameras
        for tile, camera in self.at(moment).items():
            wanted = camera if camera in cameras else None
            if self.wall.assignments[tile] != wanted:
                self.wall.assign(tile, wanted, "replay")


def open_recording_in_new_console(
    parent: QWidget, launch: Callable[[list[str]], object] | None = None
) -> str | None:
    """Ask for a recording and open it in a new ``command-centre --replay`` process."""
    path, _ = QFileDialog.getOpenFileName(
        parent,
        QCoreApplication.translate("Training", "Open recording"),
        "",
        QCoreApplication.translate("Training", "Recordings (*.sqlite3 *.ccr *.db);;All files (*)"),
    )
    if not path:
        return None
    command = [sys.executable, "-m", "console.app", "--replay", path]
    (launch or subprocess.Popen)(command)
    return path


def add_replay_menu(window: QMainWindow) -> QMenu:
    """The Replay menu: open a recording; in a replay, the after-action report."""
    menu = window.menuBar().addMenu(QCoreApplication.translate("Training", "&Replay"))
    menu.setObjectName("replayMenu")
    opening = QAction(QCoreApplication.translate("Training", "Open recording…"), window)
    opening.setObjectName("openRecording")
    opening.triggered.connect(lambda: open_recording_in_new_console(window))
    menu.addAction(opening)
    source = replay_source(window.session)  # type: ignore[attr-defined]
    if source is None:
        return menu
    report = QAction(QCoreApplication.translate("Training", "After-action report…"), window)
    report.setObjectName("afterActionReport")
    report.triggered.connect(lambda: save_report(window, source))
    fork = QAction(
        QCoreApplication.translate("Training", "Fork training sandbox from here"), window
    )
    fork.setObjectName("forkFromHere")
    fork.triggered.connect(lambda: fork_here(window, source))
    menu.addActions([report, fork])
    return menu


def save_report(window: QMainWindow, source: ReplaySource) -> list[Path]:
    """Ask where, then write the report of the whole recording with the trainee actions."""
    path, _ = QFileDialog.getSaveFileName(
        window,
        QCoreApplication.translate("Training", "Save after-action report"),
        "after-action-report.html",
        QCoreApplication.translate("Training", "HTML (*.html)"),
    )
    if not path:
        return []
    recording = source.recording
    written = write_report(
        recording.path, recording.start, recording.end, Path(path), trainee=source.trainee.path
    )
    window.statusBar().showMessage(
        QCoreApplication.translate("Training", "Report written: {0}").format(path), 15000
    )
    return written


def fork_here(window: QMainWindow, source: ReplaySource) -> QMainWindow | None:
    """Start a training sandbox from the replay's moment and open a desk on it."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        session = fork_from(source.recording.path, source.clock())
    except ForkError as exc:
        QMessageBox.warning(
            window, QCoreApplication.translate("Training", "Fork from here"), str(exc)
        )
        return None
    finally:
        QApplication.restoreOverrideCursor()
    session.start()
    desk = type(window)(session)  # another desk of the same kind, on the sandbox
    desk.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    desk.destroyed.connect(lambda *_: session.stop())
    desk.show()
    window.training_desks = [*getattr(window, "training_desks", []), desk]  # type: ignore[attr-defined]
    return desk
