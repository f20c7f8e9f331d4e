"""The desk's menus and keyboard shortcuts.

* **View**: one entry per panel (shows or hides its dock).
* **Incidents**: new incident (Ctrl+N), find (Ctrl+F), dispatch the selected one (F2).
* **Desk**: bring a panel to the front (its shortcut), mute the priority-1 sound, reset
  the layout, quit (Ctrl+Q; asks once on a live desk).

Every action is also added to the window itself, so its shortcut works wherever the
focus is inside the window.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from console.shell.training import add_replay_menu

translate = QCoreApplication.translate  # a name pyside6-lupdate reads

if TYPE_CHECKING:
    from console.shell.main_window import MainWindow

Entry = tuple[str, str, str, Callable[..., object]]  # object name, text, keys, slot


def build_menus(window: MainWindow) -> None:
    view = window.menuBar().addMenu(translate("MainWindow", "&View"))
    for name, dock in window.docks.items():
        action = dock.toggleViewAction()
        view.addAction(action)
        action.setObjectName(f"toggle-{name}")
    incidents: list[Entry] = [
        ("newIncident", translate("MainWindow", "New incident…"), "Ctrl+N", window.new_incident),
        ("focusSearch", translate("MainWindow", "Find incident"), "Ctrl+F", window.focus_search),
        (
            "dispatch",
            translate("MainWindow", "Dispatch selected incident"),
            "F2",
            window.dispatch_selected,
        ),
    ]
    _add(window, window.menuBar().addMenu(translate("MainWindow", "&Incidents")), incidents)
    desk: list[Entry] = []
    for spec in window.panels:
        if spec.shortcut:
            text = spec.shortcut_text() if spec.shortcut_text else spec.title()
            raise_it = lambda _=False, i=spec.id: window.raise_panel(i)  # noqa: E731
            desk.append((f"show-{spec.id}", text, spec.shortcut, raise_it))
    desk += [
        (
            "mute",
            translate("MainWindow", "Mute priority-1 alert sound"),
            "Ctrl+M",
            window.toggle_mute,
        ),
        (
            "resetLayout",
            translate("MainWindow", "Reset layout"),
            "Ctrl+Shift+R",
            window.reset_layout,
        ),
        ("quit", translate("MainWindow", "Quit"), "Ctrl+Q", window.close),
    ]
    _add(window, window.menuBar().addMenu(translate("MainWindow", "&Desk")), desk)
    add_replay_menu(window)


def _add(window: MainWindow, menu: QMenu, entries: list[Entry]) -> None:
    for name, text, keys, slot in entries:
        action = QAction(text, window)
        action.setObjectName(name)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _=False, s=slot: s())
        menu.addAction(action)
        window.addAction(action)
