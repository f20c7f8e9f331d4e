"""The panel registry: a new panel is one registration, no main-window code."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from console.shell.main_window import MainWindow
from console.shell.panels import PANELS, PanelContext, PanelRegistry, PanelSpec
from tests.console.probes.desk import run_probe


def _throwaway_spec(built: list[PanelContext]) -> PanelSpec:
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
    )


@pytest.fixture
def registry() -> PanelRegistry:
    """The real panels, plus whatever a test adds, without touching the shared registry."""
    copy = PanelRegistry()
    for spec in PANELS:
        copy.register(spec)
    return copy


def test_a_registered_panel_becomes_a_dock_with_a_menu_entry_and_a_shortcut(
    qtbot, make_desk, registry, tmp_path
) -> None:
    desk = make_desk()
    built: list[PanelContext] = []
    registry.register(_throwaway_spec(built))
    window = MainWindow(desk.session, settings_path=tmp_path / "other.ini", panels=registry)
    qtbot.addWidget(window)
    dock = window.docks["weatherDock"]
    assert dock.widget() is window.weather
    assert dock.windowTitle() == "Weather"
    assert window.dockWidgetArea(dock) == Qt.DockWidgetArea.RightDockWidgetArea
    assert built[0].store is desk.session.store
    assert built[0].clock is desk.session.clock
    view_menu = next(a.menu() for a in window.menuBar().actions() if a.menu() and
                     a.menu().title() == window.tr("&View"))  # fmt: skip
    assert "Weather" in [action.text() for action in view_menu.actions()]
    show = window.findChild(type(view_menu.actions()[0]), "show-weatherDock")
    assert show is not None
    assert show.shortcut().toString() == "Ctrl+Shift+W"
    dock.hide()
    show.trigger()  # what the shortcut does: the panel comes back, in front
    assert dock.isVisibleTo(window)
    window.close()


def test_a_saved_layout_survives_a_new_panel(qtbot, make_desk, registry) -> None:
    desk = make_desk()
    desk.window.docks["unitsDock"].setFloating(True)
    desk.window.close()
    registry.register(_throwaway_spec([]))
    again = MainWindow(desk.session, settings_path=desk.settings, panels=registry)
    qtbot.addWidget(again)
    assert again.layout_restored, "the older layout still restores"
    assert again.docks["unitsDock"].isFloating()
    assert again.docks["weatherDock"].isVisibleTo(again), "the newcomer takes its default place"
    again.close()


def test_a_panel_id_is_registered_once() -> None:
    registry = PanelRegistry()
    remove = registry.register(_throwaway_spec([]))
    with pytest.raises(ValueError, match="registered already"):
        registry.register(_throwaway_spec([]))
    remove()
    assert "weatherDock" not in registry


def test_a_failing_panel_is_named_once_in_the_status_bar(qtbot, make_desk, listener_errors):
    desk = make_desk()
    window = desk.window

    def broken(_changes: object) -> None:
        raise RuntimeError("boom")

    unsubscribe = desk.session.store.subscribe(broken, owner="weather panel")
    qtbot.waitUntil(lambda: "weather panel" in window.statusBar().currentMessage(), timeout=20000)
    assert "boom" in window.statusBar().currentMessage()
    window.statusBar().clearMessage()
    qtbot.waitUntil(lambda: len(listener_errors.records) >= 2, timeout=20000)
    assert window.statusBar().currentMessage() == "", "said once, not on every change"
    unsubscribe()
    listener_errors.clear()


@pytest.mark.parametrize(("width", "height"), [(1920, 1080), (2560, 1440)])
def test_the_default_desk_fits_the_screen(tmp_path, width, height) -> None:
    """Every registered panel, as ``command-centre`` first opens them: the window and every
    docked panel lie on the screen (before, the video wall's toolbar pushed the desk to
    2,303 px on a 1920-pixel screen, with the right docks and the orders off-screen)."""
    seen = run_probe("desk_fit", tmp_path, width, height)
    assert seen["screen"] == [0, 0, width, height]
    assert _off_screen(seen["window"], width, height) == [], seen["window"]
    assert len(seen["docks"]) >= 4, seen["docks"]  # the front panel of each dock group
    off = {name: rect for name, rect in seen["docks"].items() if _off_screen(rect, width, height)}
    assert off == {}, seen["docks"]


def _off_screen(rect: list[int], width: int, height: int) -> list[str]:
    """The sides of ``rect`` (x, y, w, h) that lie beyond a screen of width × height."""
    x, y, w, h = rect
    sides = {"left": x < 0, "top": y < 0, "right": x + w > width, "bottom": y + h > height}
    return [side for side, beyond in sides.items() if beyond]
