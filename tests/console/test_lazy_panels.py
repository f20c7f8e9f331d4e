"""Panels tabbed behind others by default are built when first shown: the desk starts
without importing what only they need (pyqtgraph, scipy, folium, PyAV)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from console.shell.main_window import MainWindow
from console.shell.panels import PANELS, PanelContext, PanelRegistry, PanelSpec

ROOT = Path(__file__).resolve().parents[2]


def _lazy_weather(built: list[PanelContext]) -> PanelSpec:
    def build(context: PanelContext) -> QLabel:
        built.append(context)
        return QLabel("weather", context.parent)

    return PanelSpec(
        "weatherDock",
        "weather",
        lambda: "Weather",
        Qt.DockWidgetArea.RightDockWidgetArea,
        build,
        shortcut="Ctrl+Shift+W",
        tab_with="incidentDetailDock",
        lazy=True,
    )


def test_a_lazy_panel_is_built_once_when_its_dock_is_first_shown(
    qtbot, make_desk, tmp_path
) -> None:
    desk = make_desk()
    registry = PanelRegistry()
    for spec in PANELS:
        registry.register(spec)
    built: list[PanelContext] = []
    registry.register(_lazy_weather(built))
    window = MainWindow(desk.session, settings_path=tmp_path / "other.ini", panels=registry)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(window.docks["incidentDetailDock"].isVisible)
    dock = window.docks["weatherDock"]
    assert built == [], "behind the detail tab: not built yet"
    assert "weatherDock" not in window.panel_widgets
    assert "deploymentDock" not in window.panel_widgets  # the real lazy ones too
    assert "opinionTrendsDock" not in window.panel_widgets

    window.raise_panel("weatherDock")  # what its shortcut does
    qtbot.waitUntil(lambda: len(built) == 1)
    assert dock.widget() is window.weather is window.panel_widgets["weatherDock"]
    assert isinstance(dock.widget(), QLabel)
    assert dock.widget().text() == "weather"
    assert built[0].store is desk.session.store
    window.raise_panel("incidentDetailDock")
    window.raise_panel("weatherDock")
    assert len(built) == 1, "built once"
    window.close()


def test_reading_a_lazy_panels_attribute_builds_it(qtbot, make_desk) -> None:
    window = make_desk().window
    assert "deploymentDock" not in window.panel_widgets
    deployment = window.deployment  # as the desk's code and tests use it
    assert window.docks["deploymentDock"].widget() is deployment
    assert window.panel_widgets["deploymentDock"] is deployment
    assert window.panel("deploymentDock") is deployment
    assert window.opinion_trends is window.docks["opinionTrendsDock"].widget()


def test_the_desk_modules_leave_the_heavy_libraries_unloaded() -> None:
    probe = (
        "import sys\n"
        "import console.app, console.session, console.ready_file\n"
        "import console.shell.main_window\n"
        "heavy = ('pyqtgraph', 'scipy', 'folium', 'av', 'h3')\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip().splitlines()[-1] == "[]"
