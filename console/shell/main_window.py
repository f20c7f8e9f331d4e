"""The operations desk: every panel in a dock, wired to one store and one controller.

The docks come from the panel registry (``console/shell/panels.py``); they move, tab
and float onto another monitor; the arrangement is saved per workstation (QSettings,
INI format) when the window closes and restored when it opens.
Selection flows one way through the window: a panel emits what the operator selected;
the window tells the other panels.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from console.paths import data_home
from console.session import ConsoleSession
from console.shell.panels import PANELS, PanelContext, PanelRegistry
from console.shell.status import CacheBanner, ConnectionBanner, StatusStrip
from console.shell.training import add_replay_menu, show_mode, watermark_text
from console.state import ChangeSet
from console.state.geo import haversine_m
from console.state.opinion import SpikeWarning
from widgets.common.ticker import Ticker
from widgets.incidents.new_incident import NewIncidentDialog
from widgets.map.texts import camera_menu_text
from widgets.map.view import MapView
from widgets.opinion import labels as opinion_labels
from widgets.opinion.coverage_view import QuietSourcesIndicator
from widgets.opinion.warnings_view import OpinionEscalationBanner

READ_ONLY_ROLES = ("viewer", "wall")
LAYOUT_VERSION = 2  # 2: the map is the centre, the incident queue a dock
CAMERAS_NEAR_M = 1000.0


def default_settings_path(workstation: str) -> Path:
    return data_home() / "layouts" / f"{workstation}.ini"


class MainWindow(QMainWindow):
    def __init__(
        self,
        session: ConsoleSession,
        *,
        settings_path: Path | None = None,
        panels: PanelRegistry = PANELS,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.store = session.store
        self.controller = session.controller
        self.setObjectName("mainWindow")
        self.setDockOptions(
            QMainWindow.DockOption.AllowTabbedDocks
            | QMainWindow.DockOption.AllowNestedDocks
            | QMainWindow.DockOption.AnimatedDocks
        )
        self._settings_path = settings_path or default_settings_path(session.config.workstation)
        self._read_only: bool | None = None
        self.muted = False
        services = list(session.config.services)

        #: the one repaint tick every panel follows (ages, SLA clocks, escalations)
        self.ticker = Ticker(session.clock, parent=self)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(4, 4, 4, 4)
        self.banner = ConnectionBanner(self.store, services, central, clock=session.clock)
        self.cache_banner = CacheBanner(session.cache_health, session.cache_opening(), central)
        self.escalation_banner = _EscalationBanner(central)
        for banner in (self.banner, self.cache_banner, self.escalation_banner):
            layout.addWidget(banner)
        self.map = MapView(
            self.store,
            clock=session.clock,
            tile_url=session.config.tile_url,
            ticker=self.ticker,
            parent=central,
        )
        layout.addWidget(self.map, 1)
        self.setCentralWidget(central)
        self.new_incident_dialog = NewIncidentDialog  # replaceable (tests)
        self.panels = panels
        self.docks: dict[str, QDockWidget] = {}
        self.panel_widgets: dict[str, QWidget] = {}
        context = PanelContext(
            store=self.store,
            clock=session.clock,
            controller=self.controller,
            config=session.config,
            parent=self,
            session=session,
            ticker=self.ticker,
        )
        for spec in panels:
            widget = spec.build(context)
            self.panel_widgets[spec.id] = widget
            setattr(self, spec.attribute, widget)
            self._add_dock(spec.id, spec.title(), widget)
        self.reset_layout()
        self.opinion_banner = OpinionEscalationBanner(self.opinion.monitor, central)
        layout.insertWidget(layout.indexOf(self.escalation_banner) + 1, self.opinion_banner)

        self.status_strip = StatusStrip(
            self.store,
            services,
            session.config.workstation,
            session.role,
            parent=self,
            clock=session.clock,
        )
        self.statusBar().addPermanentWidget(self.status_strip, 1)
        self.quiet_sources = QuietSourcesIndicator(self.opinion.monitor, self)
        self.statusBar().addPermanentWidget(self.quiet_sources)

        self._wire()
        self._add_actions()
        self._unsubscribe = self.store.subscribe(self._on_changes, owner="main window")
        self._failed_views: set[str] = set()
        self.store.on_listener_failure(self._on_view_failed)
        self.ticker.ticked.connect(self._refresh_status)
        self.ticker.start()
        self._refresh_status()
        self._update_title()
        self.resize(1600, 950)
        self.layout_restored = self.restore_layout()
        self.watermarks = show_mode(self, session.mode, self.docks)

    # --- composition ------------------------------------------------------------------

    def _add_dock(self, name: str, title: str, widget: QWidget) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        self.docks[name] = dock
        return dock

    def _wire(self) -> None:
        self.queue.incidentSelected.connect(self._on_incident_selected)
        self.queue.dispatchRequested.connect(self._open_dispatch)
        self.queue.priorityOneArrived.connect(self._on_priority_one)
        self.detail.dispatchRequested.connect(self._open_dispatch)
        self.detail.updateRequested.connect(self._on_update_requested)
        self.detail.closeRequested.connect(self._on_close_requested)
        self.dispatch.dispatchRequested.connect(self._on_dispatch_requested)
        self.orders.recallRequested.connect(self.controller.recall)
        self.orders.reassignRequested.connect(self.controller.reassign)
        self.units.statusRequested.connect(self.controller.set_unit_status)
        self.orders.escalationsChanged.connect(self.escalation_banner.show_count)
        self.units.unitSelected.connect(lambda unit_id: self.map.select("units", unit_id))
        self.map.entitySelected.connect(self._on_map_selected)
        self.map.newIncidentRequested.connect(self._on_new_incident_here)
        self.map.camerasNearRequested.connect(self._on_cameras_near)
        self.opinion.alertSelected.connect(lambda key: self.map.select("alerts", key))
        self.opinion.showOnMapRequested.connect(self._show_alert_on_map)
        self.opinion.acknowledgeRequested.connect(self.controller.acknowledge_alert)
        self.opinion.linkRequested.connect(self.controller.link_alert)
        self.opinion.monitor.warningRaised.connect(self._on_opinion_warning)
        self.detail.sections["linkedAlerts"].alertActivated.connect(self._show_alert_in_feed)
        deployment = getattr(self, "deployment", None)
        if deployment is not None:  # the suggested posts and the pressure layer on the map
            deployment.planChanged.connect(self.map.show_deployment)
            # the plan is on the map while its dock is in front (the boxes still toggle it)
            self.docks["deploymentDock"].visibilityChanged.connect(self.map.set_deployment_shown)

    def _add_actions(self) -> None:
        view = self.menuBar().addMenu(self.tr("&View"))
        for name, dock in self.docks.items():
            action = dock.toggleViewAction()
            view.addAction(action)
            action.setObjectName(f"toggle-{name}")
        shortcuts = [
            ("focusSearch", self.tr("Find incident"), "Ctrl+F", self._focus_search),
            ("dispatch", self.tr("Dispatch selected incident"), "F2", self._dispatch_selected),
            ("newIncident", self.tr("New incident…"), "Ctrl+N", self._new_incident),
        ]
        for spec in self.panels:
            if spec.shortcut:
                text = spec.shortcut_text() if spec.shortcut_text else spec.title()
                shortcuts.append(
                    (
                        f"show-{spec.id}",
                        text,
                        spec.shortcut,
                        lambda _=False, i=spec.id: self._raise(i),
                    )
                )
        shortcuts += [
            ("mute", self.tr("Mute priority-1 alert sound"), "Ctrl+M", self._toggle_mute),
            ("resetLayout", self.tr("Reset layout"), "Ctrl+Shift+R", self.reset_layout),
        ]
        desk = self.menuBar().addMenu(self.tr("&Desk"))
        for name, text, keys, slot in shortcuts:
            action = QAction(text, self)
            action.setObjectName(name)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(slot)
            desk.addAction(action)
            self.addAction(action)
        add_replay_menu(self)

    # --- reactions --------------------------------------------------------------------

    def _on_changes(self, changes: ChangeSet) -> None:
        if changes.services:
            self._refresh_status()

    def _on_view_failed(self, owner: str, error: BaseException) -> None:
        """A view's update raised (it is logged in full): say so once per view."""
        if owner in self._failed_views:
            return
        self._failed_views.add(owner)
        self.statusBar().showMessage(
            self.tr("A panel failed to update ({0}: {1}); the log has the details.").format(
                owner, error
            ),
            30000,
        )

    def _refresh_status(self, _now: float | None = None) -> None:
        self.banner.refresh()
        self.cache_banner.refresh()
        self.status_strip.refresh()
        self._apply_role()

    def _apply_role(self) -> None:
        role = self.session.role()
        read_only = role in READ_ONLY_ROLES
        if role is None or read_only == self._read_only:
            return
        self._read_only = read_only
        self.detail.set_read_only(read_only)
        self.dispatch.set_read_only(read_only)
        self.orders.set_read_only(read_only)
        self.units.set_read_only(read_only)
        self.opinion.set_read_only(read_only)
        self._update_title()

    def _update_title(self) -> None:
        role = self.session.role() or "…"
        title = self.tr("Command Centre — {0} ({1})").format(self.session.config.workstation, role)
        if self.session.mode != "live":
            title = f"[{watermark_text(self.session.mode)[0]}] {title}"
        self.setWindowTitle(title)

    def _on_incident_selected(self, incident_id: str) -> None:
        self.detail.show_incident(incident_id)
        self.dispatch.set_incident(incident_id)
        self.map.select("incidents", incident_id)
        self.video.on_incident_selected(incident_id)

    def _on_map_selected(self, kind: str, key: str) -> None:
        if kind == "incidents":
            self.queue.select_incident(key)
            self.detail.show_incident(key)
            self.dispatch.set_incident(key)
            self.video.on_incident_selected(key)
            self._raise("incidentDetailDock")
        elif kind == "units":
            self.units.select_unit(key)
            self._raise("unitsDock")
        elif kind == "alerts":
            self._show_alert_in_feed(key)
        elif kind == "cameras":  # the camera's popup: send it to the wall
            self.video.show_camera(key, "map:camera")
            self._raise("videoWallDock")
        else:
            entity = getattr(self.store, kind).get(key)
            name = getattr(entity, "name", None) or getattr(entity, "topic", key)
            self.statusBar().showMessage(f"{key} · {name}", 10000)

    def _show_alert_in_feed(self, alert_id: str) -> None:
        self._raise("opinionDock")
        if not self.opinion.select_alert(alert_id):
            self.statusBar().showMessage(
                self.tr("Alert {0} is hidden by the feed's filters or gone").format(alert_id), 8000
            )

    def _show_alert_on_map(self, alert_id: str) -> None:
        alert = self.store.alerts.get(alert_id)
        if alert is None or alert.location is None:
            self.statusBar().showMessage(
                self.tr("Alert {0} has no location").format(alert_id), 8000
            )
            return
        self.map.select("alerts", alert_id)

    def _on_opinion_warning(self, warning: SpikeWarning) -> None:
        reason = opinion_labels.warning_reason(warning, self.opinion.monitor.policy)
        self.statusBar().showMessage(self.tr("Opinion warning: {0}").format(reason), 30000)

    def _on_new_incident_here(self, lat: float | None, lon: float | None) -> None:
        if self._read_only:
            self.statusBar().showMessage(self.tr("This workstation may not create incidents"), 8000)
            return
        dialog = self.new_incident_dialog(lat, lon, self)
        if dialog.exec():
            self.controller.create_incident(**dialog.values())

    def _new_incident(self) -> None:
        """A call taken from the keyboard: the form with no point (the intake assistant's
        place, once accepted, gives it one)."""
        self._on_new_incident_here(None, None)

    def cameras_near(self, lat: float, lon: float) -> list[tuple[float, str]]:
        """(metres, camera id) of the cameras within 1 km, nearest first."""
        found = []
        for key, camera in self.store.cameras.items():
            metres = haversine_m(lat, lon, camera.location.lat, camera.location.lon)
            if metres <= CAMERAS_NEAR_M:
                found.append((metres, key))
        return sorted(found)[:12]

    def _on_cameras_near(self, lat: float, lon: float) -> None:
        near = self.cameras_near(lat, lon)
        if not near:
            self.statusBar().showMessage(self.tr("No camera within 1 km"), 8000)
            return
        menu = QMenu(self)
        for metres, key in near:
            camera = self.store.cameras[key]
            action = menu.addAction(camera_menu_text(camera.name, metres, camera.status))
            action.triggered.connect(lambda _=False, k=key: self._show_near_camera(k))
        self.map.select("cameras", near[0][1])
        self.video.show_near(lat, lon)  # the online ones, nearest first, fill the wall
        self._raise("videoWallDock")
        menu.popup(self.cursor().pos())

    def _show_near_camera(self, key: str) -> None:
        """A camera picked from "Cameras near here": on the wall, its popup on the map."""
        self.video.show_camera(key, "map:cameras near here")
        self.map.select("cameras", key)

    def _open_dispatch(self, incident_id: str) -> None:
        self.queue.select_incident(incident_id)
        self._on_incident_selected(incident_id)
        self._raise("dispatchDock")

    def _focus_search(self) -> None:
        self.queue.filter_bar.search_edit.setFocus()
        self.queue.filter_bar.search_edit.selectAll()

    def _dispatch_selected(self) -> None:
        incident_id = self.queue.selected_incident()
        if incident_id:
            self._open_dispatch(incident_id)

    def _raise(self, name: str) -> None:
        dock = self.docks[name]
        dock.show()
        dock.raise_()

    def _on_dispatch_requested(self, incident_id: str, unit_ids: list, reason: str = "") -> None:
        self.controller.dispatch(incident_id, [str(u) for u in unit_ids], reason)
        self._raise("ordersDock")

    def _on_update_requested(self, incident_id: str, changes: dict) -> None:
        self.controller.update_incident(incident_id, **changes)

    def _on_close_requested(self, incident_id: str) -> None:
        self.controller.close_incident(incident_id)

    def _on_priority_one(self, incident_id: str) -> None:
        self.statusBar().showMessage(
            self.tr("New priority-1 incident {0}").format(incident_id), 15000
        )
        if not self.muted:
            QApplication.beep()

    def _toggle_mute(self) -> None:
        self.muted = not self.muted
        self.statusBar().showMessage(
            self.tr("Alert sound off") if self.muted else self.tr("Alert sound on"), 5000
        )

    # --- layout -----------------------------------------------------------------------

    def settings(self) -> QSettings:
        self._settings_path.parent.mkdir(parents=True, exist_ok=True)
        return QSettings(str(self._settings_path), QSettings.Format.IniFormat)

    def save_layout(self) -> None:
        settings = self.settings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState(LAYOUT_VERSION))
        settings.sync()

    def restore_layout(self) -> bool:
        settings = self.settings()
        geometry = settings.value("window/geometry")
        state = settings.value("window/state")
        if geometry is not None:
            self.restoreGeometry(geometry)
        return bool(state is not None and self.restoreState(state, LAYOUT_VERSION))

    def show_desk(self) -> None:
        """Show as the operator left it, or maximised on this workstation's first start."""
        if self.layout_restored:
            self.show()
            return
        screen = self.screen() or QApplication.primaryScreen()
        if screen is not None:
            self.setGeometry(screen.availableGeometry())
        self.showMaximized()

    def reset_layout(self) -> None:
        """The default arrangement the panels declare: by default queue left, incident and
        dispatch right, units and orders below, the map in the middle."""
        specs = [spec for spec in self.panels if spec.id in self.docks]
        for spec in specs:
            dock = self.docks[spec.id]
            dock.setFloating(False)
            self.addDockWidget(spec.area, dock)
            dock.show()
        for spec in specs:
            if spec.tab_with in self.docks:
                self.tabifyDockWidget(self.docks[spec.tab_with], self.docks[spec.id])
                self.docks[spec.tab_with].raise_()
        sides = (Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea)
        for orientation, areas in (
            (Qt.Orientation.Horizontal, sides),
            (Qt.Orientation.Vertical, (Qt.DockWidgetArea.TopDockWidgetArea,
                                       Qt.DockWidgetArea.BottomDockWidgetArea)),
        ):  # fmt: skip
            sized = [spec for spec in specs if spec.size and spec.area in areas]
            if sized:
                docks = [self.docks[spec.id] for spec in sized]
                self.resizeDocks(docks, [spec.size for spec in sized], orientation)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        self.save_layout()
        self.ticker.stop()
        self._unsubscribe()
        for panel in [*self.panel_widgets.values(), self.map]:
            close = getattr(panel, "shutdown", None)
            if callable(close):
                close()
        super().closeEvent(event)


class _EscalationBanner(QWidget):
    """A red strip while any order to the field is unacknowledged past its threshold."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel(self)
        self.label.setObjectName("escalationBanner")
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.label)
        self.count = 0
        self.hide()

    def show_count(self, count: int) -> None:
        self.count = count
        if count:
            self.label.setText(
                QCoreApplication.translate(
                    "MainWindow",
                    "{0} order(s) NOT acknowledged by the field terminal — "
                    "see Orders to the field (Ctrl+O)",
                ).format(count)
            )
            self.show()
        else:
            self.hide()
