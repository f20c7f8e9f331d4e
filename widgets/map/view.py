"""The live map panel: a locked-down QWebEngineView on the map page, fed by QWebChannel.

Safety: the page is self-contained (see :mod:`widgets.map.page`), its profile is
off-the-record, local content may reach neither remote URLs nor files, and every
navigation after the page itself is refused — a link or script cannot take the view
anywhere. Data reaches the page only as JSON text: diffs and commands are handed to the
page's two fixed entry points (``ccmap.apply``, ``ccmap.command``) as one JavaScript
string literal each (``json.dumps`` of the JSON text, ASCII only, so no character of the
data can end the literal); the page parses it with ``JSON.parse`` and places every text
with ``textContent``. The page talks back (ready, selection, context menu, "painted")
through QWebChannel.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWebChannel import QWebChannel
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineProfile, QWebEngineSettings
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from console.state import SituationStore
from widgets.common import style
from widgets.common.ticker import Ticker
from widgets.map.feed import KINDS, MapFeed
from widgets.map.page import build_page
from widgets.map.texts import page_labels

if TYPE_CHECKING:  # the deployment layer (numpy, scipy, h3) loads with its first plan
    from console.state.deployment import Plan

_PROFILE: QWebEngineProfile | None = None


def map_profile() -> QWebEngineProfile:
    """One off-the-record profile (no disk cache, no cookies) for every map page of the
    process; it belongs to the application, so it outlives every page that uses it."""
    global _PROFILE  # noqa: PLW0603 (one per process, made on first use)
    if _PROFILE is None:
        _PROFILE = QWebEngineProfile(QCoreApplication.instance())
    return _PROFILE


class MapBridge(QObject):
    """The page's one channel object: ``bridge`` in JavaScript (page -> Python only)."""

    ready = Signal()
    painted = Signal(int)
    selected = Signal(str, str)
    contextRequested = Signal(str, float, float)  # noqa: N815

    @Slot()
    def pageReady(self) -> None:  # noqa: N802 (called from JavaScript)
        self.ready.emit()

    @Slot(int)
    def markersPainted(self, seq: int) -> None:  # noqa: N802 (called from JavaScript)
        """Diff ``seq`` is applied and its frame drawn (a requestAnimationFrame callback)."""
        if isinstance(seq, int) and seq > 0:
            self.painted.emit(seq)

    @Slot(str, str)
    def select(self, kind: str, key: str) -> None:
        if kind in KINDS and isinstance(key, str) and len(key) <= 128:
            self.selected.emit(kind, key)

    @Slot(str, float, float)
    def contextAction(self, action: str, lat: float, lon: float) -> None:  # noqa: N802
        if action in ("new_incident", "cameras_near") and -90 <= lat <= 90 and -180 <= lon <= 180:
            self.contextRequested.emit(action, lat, lon)


class SafePage(QWebEnginePage):
    """Loads the map page once; refuses every navigation after it."""

    def __init__(self, profile: QWebEngineProfile, parent: QObject | None = None) -> None:
        super().__init__(profile, parent)
        self.loaded = False
        self.refused: list[str] = []
        self.console_errors: list[str] = []
        settings = self.settings()
        attr = QWebEngineSettings.WebAttribute
        for attribute, on in (
            (attr.LocalContentCanAccessRemoteUrls, False),
            (attr.LocalContentCanAccessFileUrls, False),
            (attr.JavascriptCanOpenWindows, False),
            (attr.JavascriptCanAccessClipboard, False),
            (attr.PluginsEnabled, False),
            (attr.AutoLoadIconsForPage, False),
            (attr.ErrorPageEnabled, False),
            (attr.NavigateOnDropEnabled, False),
        ):
            settings.setAttribute(attribute, on)
        self.loadFinished.connect(self._on_loaded)

    def _on_loaded(self, _ok: bool) -> None:
        self.loaded = True

    def acceptNavigationRequest(  # noqa: N802 (Qt override)
        self, url: QUrl | str, _type: QWebEnginePage.NavigationType, is_main_frame: bool
    ) -> bool:
        if not self.loaded and is_main_frame:
            return True
        self.refused.append(url.toString() if isinstance(url, QUrl) else str(url))
        return False

    def javaScriptConsoleMessage(  # noqa: N802 (Qt override)
        self,
        level: QWebEnginePage.JavaScriptConsoleMessageLevel,
        message: str,
        line: int,
        source: str,
    ) -> None:
        if level == QWebEnginePage.JavaScriptConsoleMessageLevel.ErrorMessageLevel:
            self.console_errors.append(f"{source}:{line}: {message}")


class MapView(QWidget):
    """The map panel (objectName "mapView")."""

    entitySelected = Signal(str, str)  # noqa: N815 (kind ("incidents", "units", ...), id)
    newIncidentRequested = Signal(float, float)  # noqa: N815
    camerasNearRequested = Signal(float, float)  # noqa: N815
    pageLoaded = Signal()  # noqa: N815

    def __init__(
        self,
        store: SituationStore,
        *,
        clock: Callable[[], float] = time.time,
        tile_url: str | None = None,
        ticker: Ticker | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mapView")
        self.ready = False
        self._store = store
        self._selected_unit: str | None = None
        self._deployment: Plan | None = None
        # Children are deleted in the order they were made: the view goes before its page.
        self.view = QWebEngineView(self)
        self.page = SafePage(map_profile(), self)
        self.view.setPage(self.page)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.bridge = MapBridge(self)
        self.channel = QWebChannel(self)
        self.channel.registerObject("bridge", self.bridge)
        self.page.setWebChannel(self.channel)
        self.feed = MapFeed(store, self._send_diff, clock=clock, ticker=ticker, parent=self)
        self.bridge.painted.connect(self.feed.note_painted)
        self.bridge.ready.connect(self._on_page_ready)
        self.bridge.selected.connect(self._on_page_selected)
        self.bridge.contextRequested.connect(self._on_context)

        toolbar = QHBoxLayout()
        toolbar.setContentsMargins(4, 2, 4, 2)
        self.fit_button = QPushButton(self.tr("Fit open incidents"), self)
        self.fit_button.setToolTip(self.tr("Zoom to every open incident"))
        self.fit_button.clicked.connect(self.fit_open_incidents)
        self.follow_button = QPushButton(self.tr("Follow selected unit"), self)
        self.follow_button.setCheckable(True)
        self.follow_button.setEnabled(False)
        self.follow_button.toggled.connect(self._on_follow_toggled)
        for button in (self.fit_button, self.follow_button):
            toolbar.addWidget(button)
        toolbar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(toolbar)
        layout.addWidget(self.view, 1)
        self.view.setHtml(build_page(tile_url))

    # --- the page ------------------------------------------------------------------------

    def _on_page_ready(self) -> None:
        self._command(
            {"op": "config", "labels": page_labels(), "colors": self._colors(), "labelZoom": 15}
        )
        self.ready = True
        self.feed.start()
        if self._deployment is not None:
            self.show_deployment(self._deployment)
        self.pageLoaded.emit()

    @staticmethod
    def _colors() -> dict[str, dict[str, str]]:
        return {
            "priority": {str(k): v for k, v in style.PRIORITY_COLORS.items()},
            "unit": dict(style.UNIT_STATUS_COLORS),
            "severity": dict(style.SEVERITY_COLORS),
        }

    def _command(self, message: dict[str, Any]) -> None:
        self._call("ccmap.command", json.dumps(message, ensure_ascii=False))

    def _send_diff(self, text: str) -> None:
        self._call("ccmap.apply", text)

    def _call(self, entry_point: str, json_text: str) -> None:
        """Hand JSON text to one of the page's fixed entry points as a string literal."""
        self.page.runJavaScript(f"{entry_point}({json.dumps(json_text)})", 0)

    # --- selection and navigation -----------------------------------------------------------

    def select(self, kind: str, key: str) -> None:
        """Centre on and highlight an entity (from another panel); does not re-emit."""
        if kind == "units":
            self._note_unit(key)
        if self.ready:
            self._command({"op": "select", "kind": kind, "id": key})

    def follow(self, unit_id: str | None) -> None:
        if self.ready:
            self._command({"op": "follow", "id": unit_id})

    def show_deployment(self, plan: Plan) -> None:
        """Draw a deployment plan: the pressure layer and the suggested posts (the latest
        plan replaces the one before; one that arrives before the page is kept for it)."""
        from widgets.map.pressure import deployment_message  # noqa: PLC0415 (see imports)

        self._deployment = plan
        if self.ready:
            self._command(deployment_message(plan))

    def set_deployment_shown(self, on: bool) -> None:
        """Show or hide the pressure layer and the posts (as ticking both boxes does)."""
        if self.ready:
            self._command({"op": "deploymentShown", "on": bool(on)})

    def fit_open_incidents(self) -> None:
        if self.ready:
            self._command({"op": "fit"})

    def _note_unit(self, unit_id: str) -> None:
        self._selected_unit = unit_id
        self.follow_button.setEnabled(True)
        if self.follow_button.isChecked():
            self.follow(unit_id)

    def _on_follow_toggled(self, on: bool) -> None:
        self.follow(self._selected_unit if on else None)

    def _on_page_selected(self, kind: str, key: str) -> None:
        if kind == "units":
            self._note_unit(key)
        self.entitySelected.emit(kind, key)

    def _on_context(self, action: str, lat: float, lon: float) -> None:
        if action == "new_incident":
            self.newIncidentRequested.emit(lat, lon)
        else:
            self.camerasNearRequested.emit(lat, lon)

    # --- read-back (tests, benchmarks) --------------------------------------------------------

    def evaluate(self, expression: str, callback: Callable[[Any], None]) -> None:
        """Run a read-back expression on the page (a constant, never data) and get its
        JSON-decoded value."""
        self.page.runJavaScript(
            f"JSON.stringify({expression})",
            0,
            lambda result: callback(None if result in (None, "") else json.loads(result)),
        )

    def shutdown(self) -> None:
        """Stop feeding the page. The page (and, after it, its profile) goes with this
        panel: they are its children."""
        self.feed.close()
        self.ready = False

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        self.shutdown()
        super().closeEvent(event)
