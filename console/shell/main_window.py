"""The operations desk: every panel in a dock, wired to one store and one controller.

The docks come from the panel registry (``console/shell/panels.py``); they move, tab
and float onto another monitor; the arrangement is saved per workstation whenever it
changes and restored, on screens that exist, when the window opens
(``console/shell/layout.py``). On a live desk opened with :meth:`MainWindow.show_desk`,
closing the window asks once whether to quit.
Selection flows one way through the window: a panel emits what the operator selected;
the window tells the other panels.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QMainWindow,
    QMenu,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from console.session import ConsoleSession
from console.shell.layout import LayoutKeeper, layout_path
from console.shell.menus import build_menus
from console.shell.panels import PANELS, PanelContext, PanelRegistry, PanelSpec
from console.shell.status import CacheBanner, ConnectionBanner, EscalationBanner, StatusStrip
from console.shell.training import show_mode, watermark_text
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
#: after a first start's showMaximized, the window manager may size the window a moment
#: later: the default dock sizes are applied again on each resize within this long
DEFAULT_SIZING_S = 3.0


def default_settings_path(session: ConsoleSession) -> Path:
    """The desk's layout file (beside an embedded desk's data, else the shared folder)."""
    config = session.config
    embedded = getattr(session, "backend", None) is not None
    return layout_path(config.workstation, config.cache, embedded=embedded)


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
        self._settings_path = settings_path or default_settings_path(session)
        self._read_only: bool | None = None
        self.muted = False
        services = list(session.config.services)

        #: the one repaint tick every panel follows (ages, SLA clocks, escalations)
        self.ticker = Ticker(session.clock, parent=self)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(4, 4, 4, 4)
        self.banner = ConnectionBanner(self.store, services, central, clock=session.clock)
        self.cache_banner = CacheBanner(
            session.cache_health, session.cache_opening(), central, size=session.cache_size
        )
        self.escalation_banner = EscalationBanner(central)
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
        self.layout_keeper = LayoutKeeper(self, self.docks, self._settings_path, LAYOUT_VERSION)
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
        self._panel_context = context
        self._build_panels()
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

        #: asked before the window closes (True: quit); None: close without asking (a
        #: window built by code). :meth:`show_desk` sets it on a live desk; tests replace it.
        self.quit_confirmation: Callable[[], bool] | None = None
        self._sizing_until = 0.0  # monotonic time until which resizes re-apply default sizes
        self._wire()
        build_menus(self)
        self._unsubscribe = self.store.subscribe(self._on_changes, owner="main window")
        self._failed_views: set[str] = set()
        self.store.on_listener_failure(self._on_view_failed)
        self.ticker.ticked.connect(self._refresh_status)
        self.ticker.start()
        self._refresh_status()
        self._update_title()
        self._arrange()

    def _arrange(self) -> None:
        """The saved arrangement (or the default one), kept from now on."""
        self.resize(1600, 950)
        self.layout_restored = self.restore_layout()
        self.watermarks = show_mode(self, self.session.mode, self.docks)
        self.layout_keeper.watch()

    # --- composition ------------------------------------------------------------------

    def _build_panels(self) -> None:
        for spec in self.panels:
            if spec.lazy:  # an empty placeholder until the dock is first shown
                dock = self._add_dock(spec.id, spec.title(), QWidget())
                dock.visibilityChanged.connect(
                    lambda visible, panel_id=spec.id: visible and self.panel(panel_id)
                )
            else:
                self._build_panel(spec)

    def panel(self, panel_id: str) -> QWidget:
        """The panel of dock ``panel_id``, built now if it is a lazy one not built yet."""
        widget = self.panel_widgets.get(panel_id)
        if widget is None:
            widget = self._build_panel(self.panels[panel_id])
        return widget

    def __getattr__(self, name: str) -> QWidget:
        """``window.<attribute>`` of a lazy panel not built yet: build it now."""
        panels = self.__dict__.get("panels")
        docks = self.__dict__.get("docks", {})
        for spec in panels or ():
            if spec.attribute == name and spec.id in docks:
                return self.panel(spec.id)
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def _build_panel(self, spec: PanelSpec) -> QWidget:
        widget = spec.build(self._panel_context)
        self.panel_widgets[spec.id] = widget
        setattr(self, spec.attribute, widget)
        dock = self.docks.get(spec.id)
        if dock is None:
            self._add_dock(spec.id, spec.title(), widget)
        else:  # a lazy panel replaces its placeholder
            placeholder = dock.widget()
            dock.setWidget(widget)
            if placeholder is not None:
                placeholder.deleteLater()
            widget.show()
            self._wire_lazy(spec.id, widget)
        return widget

    def _wire_lazy(self, panel_id: str, widget: QWidget) -> None:
        """Connect a lazy panel built after the window was."""
        if panel_id == "deploymentDock":  # the suggested posts and the pressure layer
            widget.planChanged.connect(self.map.show_deployment)

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
        deployment = self.panel_widgets.get("deploymentDock")
        if deployment is not None:  # the suggested posts and the pressure layer on the map
            self._wire_lazy("deploymentDock", deployment)
        if "deploymentDock" in self.docks:
            # the plan is on the map while its dock is in front (the boxes still toggle it)
            self.docks["deploymentDock"].visibilityChanged.connect(self.map.set_deployment_shown)

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

    def new_incident(self) -> None:
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

    def focus_search(self) -> None:
        self.queue.filter_bar.search_edit.setFocus()
        self.queue.filter_bar.search_edit.selectAll()

    def dispatch_selected(self) -> None:
        incident_id = self.queue.selected_incident()
        if incident_id:
            self._open_dispatch(incident_id)

    def raise_panel(self, name: str) -> None:
        """Show the panel ``name`` and bring it to the front of its dock group."""
        dock = self.docks[name]
        dock.show()
        dock.raise_()

    _raise = raise_panel

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

    def toggle_mute(self) -> None:
        self.muted = not self.muted
        self.statusBar().showMessage(
            self.tr("Alert sound off") if self.muted else self.tr("Alert sound on"), 5000
        )

    # --- layout -----------------------------------------------------------------------

    def settings(self) -> QSettings:
        return self.layout_keeper.settings()

    def save_layout(self) -> None:
        self.layout_keeper.save()

    def restore_layout(self) -> bool:
        return self.layout_keeper.restore()

    def show_desk(self) -> None:
        """Show as the operator left it — floating panels on top of the window — or
        maximised with the default sizes on this workstation's first start. A live desk
        shown this way asks before it quits (replay and training do not)."""
        if self.quit_confirmation is None and self.session.mode == "live":
            self.quit_confirmation = self._ask_to_quit
        if self.layout_restored:
            self.show()
            self.layout_keeper.raise_floating()
            QTimer.singleShot(0, self.layout_keeper.raise_floating)  # once it is mapped
            return
        screen = self.screen() or QApplication.primaryScreen()
        if screen is not None:
            self.setGeometry(screen.availableGeometry())
        self.showMaximized()
        self._sizing_until = time.monotonic() + DEFAULT_SIZING_S
        QTimer.singleShot(0, self.size_docks)  # the default sizes, for the maximised window

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        if time.monotonic() < self._sizing_until:  # maximised by the window manager now
            QTimer.singleShot(0, self.size_docks)

    def reset_layout(self) -> None:
        """The default arrangement the panels declare: by default queue left, incident and
        dispatch right, units and orders below, the map in the middle — each panel at its
        declared size."""
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
        if "replayDock" in self.docks and self.session.mode == "live":
            self.docks["replayDock"].hide()
        self.size_docks()
        if self.isVisible():  # the areas settle on the next pass; size them again then
            QTimer.singleShot(0, self.size_docks)

    def size_docks(self) -> None:
        """Give the docked, untabbed panels their declared sizes: ``size`` across their
        area (width left/right, height top/bottom; declared for a 1920×1080 window and
        grown in proportion on a larger one), ``share`` of its length beside the area's
        other panels."""
        specs = [spec for spec in self.panels if spec.id in self.docks and not spec.tab_with]
        docked = [s for s in specs if not self.docks[s.id].isFloating()]
        horizontal, vertical = Qt.Orientation.Horizontal, Qt.Orientation.Vertical
        sides = (Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea)
        for spec_list, orientation, scale in (
            ([s for s in docked if s.size and s.area in sides], horizontal, self.width() / 1920),
            ([s for s in docked if s.size and s.area not in sides], vertical, self.height() / 1080),
        ):
            if spec_list:
                docks = [self.docks[s.id] for s in spec_list]
                sizes = [int(s.size * max(1.0, scale)) for s in spec_list]
                self.resizeDocks(docks, sizes, orientation)
        for area in {s.area for s in docked if s.share}:
            along = vertical if area in sides else horizontal
            length = self.height() if along == vertical else self.width()
            row = [s for s in docked if s.area == area and s.share]
            docks = [self.docks[s.id] for s in row]
            self.resizeDocks(docks, [int(s.share * length) for s in row], along)

    def _ask_to_quit(self) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Quit Command Centre"),
            self.tr(
                "Quit Command Centre? This workstation stops showing the live picture "
                "and sounding priority-1 alerts."
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        if self.quit_confirmation is not None and not self.quit_confirmation():
            event.ignore()
            return
        self.quit_confirmation = None  # asked once
        self.layout_keeper.stop()
        self.ticker.stop()
        self._unsubscribe()
        for panel in [*self.panel_widgets.values(), self.map]:
            close = getattr(panel, "shutdown", None)
            if callable(close):
                close()
        super().closeEvent(event)
