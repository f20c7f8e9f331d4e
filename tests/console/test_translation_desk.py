"""The whole desk in Chinese: every panel raised, every text a widget shows read back, and
no English from the source catalogue among them; no menu offers two entries that read
the same."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QAbstractItemModel, QAbstractListModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QTabBar,
    QWidget,
)

from console.app import RESOURCES, install_translation
from services.protocol.commands import ROLES
from services.protocol.entities import INCIDENT_STATUSES, SEVERITIES, UNIT_STATUSES
from tests.console.test_desk import LIVE, all_live, select_in_queue

# Words the Chinese desk may show as they are: abbreviations a Chinese control room uses
# in Latin letters too, and units of measure.
LATIN_IN_CHINESE = {"sla", "eta", "gps", "html", "csv", "ok", "km", "min", "utc", "wss", "url"}
# Raw protocol values that must never reach the screen untranslated (issue 11's "call",
# "commander", "online", "VIDEO/OPINION").
RAW_VALUES = (
    set(INCIDENT_STATUSES)
    | set(UNIT_STATUSES)
    | set(SEVERITIES)
    | set(ROLES)
    | {"call", "patrol", "video", "opinion", "online", "offline", "unauthorized"}
    | {"cad", "avl", "connecting", "live", "resyncing"}
)
# Labels that show the backend's data, not the interface's wording: the English version of a
# caller's words is shown beside the original in either language.
DATA_LABELS = {"incidentSummaryEn", "incidentSummary"}
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%n|<[^>]*>|&\w+;")
WORD = re.compile(r"[A-Za-z]{3,}")


def catalogue_words() -> set[str]:
    """Every English word of the console's own strings (placeholders and markup removed)."""
    tree = ET.parse(RESOURCES / "translations" / "command-centre_zh.ts")  # noqa: S314
    words: set[str] = set()
    for message in tree.getroot().iter("message"):
        source = PLACEHOLDER.sub(" ", message.findtext("source") or "")
        words |= {w.lower() for w in WORD.findall(source)}
    return words - LATIN_IN_CHINESE


def columns(model: QAbstractItemModel) -> int:
    """Columns of any model: list models keep columnCount() private in PySide6."""
    if isinstance(model, QAbstractListModel):
        return 1
    return model.columnCount(QModelIndex())


def chrome_texts(window: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) for every piece of the interface's own wording on screen."""
    for widget in window.findChildren(QWidget):
        if not widget.isVisible():
            continue
        name = f"{type(widget).__name__}:{widget.objectName()}"
        if isinstance(widget, QLabel) and widget.textFormat() != Qt.TextFormat.RichText:
            if widget.objectName() not in DATA_LABELS:
                yield name, widget.text()
        elif isinstance(widget, QAbstractButton):
            yield name, widget.text()
        elif isinstance(widget, QGroupBox):
            yield name, widget.title()
        elif isinstance(widget, QLineEdit):
            yield name, widget.placeholderText()
        elif isinstance(widget, QComboBox):
            for index in range(widget.count()):
                yield name, widget.itemText(index)
        elif isinstance(widget, QTabBar):
            for index in range(widget.count()):
                yield name, widget.tabText(index)
        elif isinstance(widget, QDockWidget):
            yield name, widget.windowTitle()
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            for column in range(columns(model)):
                yield (
                    f"{name} header",
                    str(model.headerData(column, Qt.Orientation.Horizontal) or ""),
                )


def cell_texts(window: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) of the first rows of every visible table or list: data, not chrome."""
    for view in window.findChildren(QAbstractItemView):
        model = view.model()
        if not view.isVisible() or model is None:
            continue
        for row in range(min(model.rowCount(QModelIndex()), 25)):
            for column in range(columns(model)):
                value = model.index(row, column).data()
                if isinstance(value, str):
                    yield f"{type(view).__name__}:{view.objectName()} r{row}c{column}", value


def menu_texts(menu: QMenu) -> Iterator[tuple[QMenu, list[str]]]:
    entries = [a.text() for a in menu.actions() if not a.isSeparator() and a.text()]
    yield menu, entries
    for action in menu.actions():
        if action.menu() is not None:
            yield from menu_texts(action.menu())


def readable(text: str) -> str:
    """A menu entry as read: mnemonics gone (``&View`` → ``View``, ``回放(&R)`` → ``回放``)."""
    return re.sub(r"\(&\w\)|&(?=\w)", "", text).replace("&&", "&").strip()


@pytest.fixture
def chinese(qapp) -> Iterator[None]:
    translator = install_translation(qapp, "zh")
    assert translator is not None
    yield
    qapp.removeTranslator(translator)


def open_every_panel(qtbot, desk) -> None:
    window = desk.window
    qtbot.waitUntil(lambda: all_live(desk), timeout=LIVE)
    qtbot.waitUntil(lambda: window.queue.model.rowCount() > 0, timeout=LIVE)
    incident = next(i for i in desk.session.store.incidents.values() if i.status == "new")
    select_in_queue(desk, incident.id)
    qtbot.waitUntil(lambda: window.dispatch.model.rowCount() > 0, timeout=LIVE)


def test_every_panel_reads_chinese(qtbot, chinese, make_desk) -> None:
    desk = make_desk()
    open_every_panel(qtbot, desk)
    english = catalogue_words()
    leaks: list[tuple[str, str]] = []
    for dock in desk.window.docks.values():
        dock.show()
        dock.raise_()
        qtbot.waitUntil(dock.isVisible)
        for where, text in chrome_texts(desk.window):
            words = {w.lower() for w in WORD.findall(PLACEHOLDER.sub(" ", text))}
            if words & english:
                leaks.append((where, text))
        for where, text in cell_texts(desk.window):
            if text.strip().lower() in RAW_VALUES:
                leaks.append((where, text))
    for action in desk.window.menuBar().actions():
        for menu, entries in menu_texts(action.menu()) if action.menu() else ():
            for text in [menu.title(), *entries]:
                if {w.lower() for w in WORD.findall(readable(text))} & english:
                    leaks.append(("menu", text))
    for widget in desk.window.statusBar().findChildren(QLabel):
        if widget.isVisible() and widget.text().strip().lower() in RAW_VALUES | {
            "video",
            "opinion",
        }:
            leaks.append(("status bar", widget.text()))
    assert sorted(set(leaks)) == [], "\n".join(map(str, sorted(set(leaks))))


@pytest.mark.parametrize("language", ["zh", "en"])
def test_no_menu_offers_two_entries_that_read_the_same(qapp, qtbot, make_desk, language) -> None:
    translator = install_translation(qapp, language)
    try:
        desk = make_desk()
        duplicates = []
        for action in desk.window.menuBar().actions():
            if action.menu() is None:
                continue
            for menu, entries in menu_texts(action.menu()):
                read = [readable(text) for text in entries]
                duplicates += [(menu.title(), t) for t in set(read) if read.count(t) > 1]
        assert duplicates == []
    finally:
        if translator is not None:
            qapp.removeTranslator(translator)
