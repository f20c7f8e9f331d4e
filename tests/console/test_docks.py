"""Docks: floating panels restored on top and on a screen that exists, a reset that gives
every panel a usable size, the layout saved whenever it changes, quitting asks once, and
layouts kept per data home."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, QSettings
from PySide6.QtGui import QGuiApplication

from console.shell.layout import SAVE_DELAY_MS, layout_path, on_a_screen
from console.shell.main_window import MainWindow, default_settings_path


def available() -> QRect:
    return QGuiApplication.primaryScreen().availableGeometry()


def test_a_floating_panel_is_raised_above_the_window_once_it_is_shown(qtbot, make_desk) -> None:
    desk = make_desk()
    desk.window.docks["unitsDock"].setFloating(True)
    desk.window.close()

    again = MainWindow(desk.session, settings_path=desk.settings)
    qtbot.addWidget(again)
    order: list[str] = []

    class Watch(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if watched is again and event.type() == QEvent.Type.Show:
                order.append("window shown")
            elif watched is again.docks["unitsDock"] and event.type() in (
                QEvent.Type.ZOrderChange,
                QEvent.Type.Show,
            ):
                order.append("panel on top")
            return False

    watch = Watch()
    again.installEventFilter(watch)
    again.docks["unitsDock"].installEventFilter(watch)
    assert again.layout_restored
    assert again.docks["unitsDock"].isFloating()
    again.show_desk()
    again.quit_confirmation = None
    qtbot.waitUntil(lambda: "window shown" in order and order[-1] == "panel on top", timeout=5000)
    assert order.index("window shown") < len(order) - 1, order
    again.close()


def test_a_panel_saved_on_a_screen_that_is_gone_comes_back_on_one(qtbot, make_desk) -> None:
    desk = make_desk()
    units = desk.window.docks["unitsDock"]
    units.setFloating(True)
    units.setGeometry(QRect(7000, 3000, 500, 300))  # the second monitor, unplugged since
    desk.window.close()
    raw = QSettings(str(desk.settings), QSettings.Format.IniFormat).value("window/state")
    assert raw is not None

    again = MainWindow(desk.session, settings_path=desk.settings)
    qtbot.addWidget(again)
    restored = again.docks["unitsDock"]
    assert restored.isFloating()
    assert available().contains(restored.geometry()), (restored.geometry(), available())
    assert restored.x() < 7000
    assert restored.y() < 3000
    again.close()


def test_on_a_screen_moves_and_shrinks_only_as_needed(qapp) -> None:
    area = available()
    inside = QRect(area.x() + 10, area.y() + 10, 200, 100)
    assert on_a_screen(inside) == inside
    huge = on_a_screen(QRect(-5000, -5000, area.width() * 2, 50))
    assert area.contains(huge)
    assert huge.width() == area.width()
    assert huge.height() == 50


def test_reset_layout_gives_every_panel_a_usable_size(qtbot, make_desk) -> None:
    desk = make_desk()
    window = desk.window
    window.resize(1920, 1040)
    orders = window.docks["ordersDock"]
    orders.setFloating(True)
    orders.resize(230, 200)
    window.reset_layout()
    qtbot.waitUntil(lambda: not orders.isFloating() and orders.width() > 600, timeout=5000)
    assert orders.width() >= 0.4 * window.width(), orders.width()  # not ~230 px
    in_front = [
        d for d in window.docks.values() if d.isVisible() and not d.visibleRegion().isEmpty()
    ]
    assert len(in_front) >= 4
    for dock in in_front:
        assert dock.width() >= 300, (dock.objectName(), dock.size())
        assert dock.height() >= 200, (dock.objectName(), dock.size())
    assert window.docks["incidentQueueDock"].width() >= 560


def test_the_layout_is_saved_whenever_it_changes(qtbot, make_desk) -> None:
    """No clean close: a floated panel is on disk within the save delay (a crash after it
    loses nothing)."""
    desk = make_desk()
    window = desk.window
    qtbot.waitUntil(lambda: not window.layout_keeper.pending, timeout=10000)
    saves = window.layout_keeper.saves
    window.docks["ordersDock"].setFloating(True)
    assert window.layout_keeper.pending
    qtbot.waitUntil(lambda: window.layout_keeper.saves > saves, timeout=SAVE_DELAY_MS * 5)

    reader = MainWindow(desk.session, settings_path=desk.settings)  # as after a crash
    qtbot.addWidget(reader)
    assert reader.layout_restored
    assert reader.docks["ordersDock"].isFloating()
    reader.close()

    saves = window.layout_keeper.saves
    window.resize(window.width() - 100, window.height())
    qtbot.waitUntil(lambda: window.layout_keeper.saves > saves, timeout=SAVE_DELAY_MS * 5)


def test_quitting_asks_once_and_no_keeps_the_desk(qtbot, make_desk) -> None:
    desk = make_desk()
    window = desk.window
    assert window.quit_confirmation is None, "a window built by code closes without asking"
    window.show_desk()  # as command-centre opens it: a live desk asks
    assert window.quit_confirmation is not None
    asked: list[bool] = []
    answers = [False, True]

    def answer() -> bool:
        asked.append(True)
        return answers.pop(0)

    window.quit_confirmation = answer
    quit_action = next(a for a in window.actions() if a.objectName() == "quit")
    assert quit_action.shortcut().toString() == "Ctrl+Q"
    quit_action.trigger()
    assert window.isVisible(), "No: the desk stays"
    assert len(asked) == 1
    quit_action.trigger()
    assert not window.isVisible(), "Yes: closed"
    assert len(asked) == 2, "asked once for it"
    window.close()
    assert len(asked) == 2, "closing again does not ask again"


def test_layouts_are_kept_per_data_home(qtbot, make_desk, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    desk = make_desk()
    cache = desk.session.config.cache
    assert cache is not None
    path = default_settings_path(desk.session)
    assert path == cache.parent / "layouts" / f"{desk.session.config.workstation}.ini"
    shared = layout_path("ws-9", None, embedded=False)
    assert shared == tmp_path / "xdg" / "command-centre" / "layouts" / "ws-9.ini"
    # an embedded desk's first start takes over the layout kept in the shared folder
    shared.parent.mkdir(parents=True)
    shared.write_text("[window]\n")
    other = tmp_path / "other-data" / "console.sqlite3"
    own = layout_path("ws-9", other, embedded=True)
    assert own == tmp_path / "other-data" / "layouts" / "ws-9.ini"
    assert own.read_text() == "[window]\n"
    own.write_text("[window]\nmine=1\n")
    assert layout_path("ws-9", other, embedded=True).read_text() == "[window]\nmine=1\n"
