"""The video wall panel: the camera list, the wall and the operator's tools.

Tools: the layout (1 × 1, 2 × 2, 3 × 3, 4 × 4, 1 + 5); named views saved per
workstation; follow mode — when an incident is selected (and, if ticked, when a new
priority-1 incident arrives) the wall fills with the nearest online cameras, nearest
first, from a k-d tree over the cameras (console/state/cameras.py) rebuilt only when
cameras are added, removed or moved (the index, and scipy which builds the tree, are
made when first asked for, not at start); and "Detach", which moves the wall full screen
onto the chosen screen (remembered, with the layout and tiles, in the desk's settings).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from console.state import ChangeSet, SituationStore
from widgets.common.panel import PanelContext
from widgets.video.camera_list import CameraListView
from widgets.video.layouts import LAYOUTS
from widgets.video.sources import VideoFeed
from widgets.video.views import WallSettings
from widgets.video.wall import TileRow, VideoWall
from widgets.video.window import WallWindow, screen_named

if TYPE_CHECKING:
    from console.state.cameras import CameraIndex

NEAR_M = 1000.0  # "cameras near here" looks this far


class VideoWallPanel(QWidget):
    def __init__(
        self,
        store: SituationStore,
        feed: VideoFeed | None,
        *,
        clock: Callable[[], float],
        settings: Callable[[], QSettings] | None = None,
        record: Callable[[list[TileRow]], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("videoWallPanel")
        self.store = store
        self.saved = WallSettings(settings)
        self._index: CameraIndex | None = None
        self.wall = VideoWall(store, feed, clock=clock, record=record, parent=self)
        self.cameras = CameraListView(store, self)
        self.cameras.cameraActivated.connect(lambda key: self.show_camera(key, "operator:list"))
        self.wall_window: WallWindow | None = None
        self._loaded = bool(store.incidents)
        self._pending_view = self.saved.current()

        tools = self._build_tools()
        self.holder = QWidget(self)
        holder_layout = QVBoxLayout(self.holder)
        holder_layout.setContentsMargins(0, 0, 0, 0)
        self.away_label = QLabel(self.holder)
        self.away_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.away_label.hide()
        holder_layout.addWidget(self.away_label)
        holder_layout.addWidget(self.wall, 1)
        splitter = QSplitter(self)
        splitter.addWidget(self.cameras)
        splitter.addWidget(self.holder)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([300, 900])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(tools)
        layout.addWidget(splitter, 1)

        self._save_timer = QTimer(self)  # the wall as it is, saved at most every 2 s
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(2000)
        self._save_timer.timeout.connect(self._save_current)
        self.wall.assignmentsChanged.connect(self._on_assignments_changed)
        self._refresh_views()
        self._refresh_screens()
        self._unsubscribe = store.subscribe(self._on_changes, owner="videoWallDock follow")
        self._on_changes(None)
        screen_name, detached = self.saved.screen()
        if detached and screen_named(screen_name) is not None:
            self.detach(screen_name)

    def _build_tools(self) -> QVBoxLayout:
        self.layout_box = QComboBox(self)
        self.layout_box.setObjectName("videoLayout")
        for key, wall_layout in LAYOUTS.items():
            self.layout_box.addItem(wall_layout.title(), key)
        self.layout_box.currentIndexChanged.connect(self._on_layout_chosen)
        self.views_box = QComboBox(self)
        self.views_box.setObjectName("videoViews")
        self.views_box.activated.connect(self._on_view_chosen)
        save = QPushButton(self.tr("Save view…"), self)
        save.clicked.connect(self._ask_view_name)
        delete = QPushButton(self.tr("Delete view"), self)
        delete.clicked.connect(lambda: self.delete_view(self.views_box.currentData() or ""))
        self.follow_selected = QCheckBox(self.tr("Follow the selected incident"), self)
        self.follow_selected.setObjectName("videoFollowSelected")
        self.follow_selected.setChecked(True)
        self.follow_priority_one = QCheckBox(self.tr("Follow new priority-1 incidents"), self)
        self.follow_priority_one.setObjectName("videoFollowPriorityOne")
        self.screen_box = QComboBox(self)
        self.screen_box.setObjectName("videoScreen")
        self.detach_button = QPushButton(self.tr("Detach to screen"), self)
        self.detach_button.setObjectName("videoDetach")
        self.detach_button.clicked.connect(self._on_detach_clicked)

        # Two short rows, so the wall fits a dock beside others on a 1920-pixel desk.
        views = QHBoxLayout()
        views.addWidget(QLabel(self.tr("Layout"), self))
        views.addWidget(self.layout_box)
        views.addWidget(QLabel(self.tr("View"), self))
        views.addWidget(self.views_box, 1)
        views.addWidget(save)
        views.addWidget(delete)
        follow = QHBoxLayout()
        follow.addWidget(self.follow_selected)
        follow.addWidget(self.follow_priority_one)
        follow.addStretch(1)
        follow.addWidget(self.screen_box)
        follow.addWidget(self.detach_button)
        tools = QVBoxLayout()
        tools.addLayout(views)
        tools.addLayout(follow)
        return tools

    # --- sending cameras to the wall ----------------------------------------------------

    @property
    def index(self) -> CameraIndex:
        """The cameras by position, made when first asked for (scipy loads then) and kept
        up to date from then on."""
        if self._index is None:
            from console.state.cameras import CameraIndex  # noqa: PLC0415 (scipy)

            self._index = CameraIndex()
            self._index.update(self.store.cameras)
        return self._index

    def _nearest(self, lat: float, lon: float, count: int, **within: float) -> list[str]:
        """The online cameras nearest the point."""
        from console.state.cameras import nearest_online  # noqa: PLC0415 (scipy)

        return nearest_online(self.index, self.store.cameras, lat, lon, count, **within)

    def show_camera(self, camera_id: str, trigger: str = "operator") -> int | None:
        """Put a camera on the wall (the selected tile unless it is shown already)."""
        if camera_id not in self.store.cameras:
            return None
        return self.wall.show_camera(camera_id, trigger)

    def show_near(
        self, lat: float, lon: float, trigger: str = "map:cameras near here"
    ) -> list[str]:
        """Fill the wall with the online cameras within 1 km of a point, nearest first."""
        near = self._nearest(lat, lon, self.wall.tile_count(), within_m=NEAR_M)
        if near:
            self.wall.show_cameras(near, trigger)
        return near

    def follow_incident(self, incident_id: str, trigger: str = "follow") -> list[str]:
        """Fill the wall with the online cameras nearest the incident, nearest first."""
        incident = self.store.incidents.get(incident_id)
        if incident is None:
            return []
        location = incident.location
        nearest = self._nearest(location.lat, location.lon, self.wall.tile_count())
        self.wall.show_cameras(nearest, f"{trigger}:{incident_id}")
        return nearest

    def on_incident_selected(self, incident_id: str) -> None:
        """The desk selected an incident: follow it if follow mode is on."""
        if self.follow_selected.isChecked():
            self.follow_incident(incident_id, "incident selected")

    def _on_changes(self, changes: ChangeSet | None) -> None:
        if changes is None or changes.touched("cameras"):
            if self._index is not None:
                self._index.update(self.store.cameras)
            if self._pending_view is not None and self.store.cameras:
                view, self._pending_view = self._pending_view, None
                self.wall.apply_view(view, "restored")
                self._show_layout()
        if changes is None or not changes.added["incidents"]:
            return
        if not self._loaded:
            self._loaded = True
            return
        arrived = sorted(
            key
            for key in changes.added["incidents"]
            if (incident := self.store.incidents.get(key)) is not None
            and incident.priority == 1
            and incident.status == "new"
        )
        if arrived and self.follow_priority_one.isChecked():
            self.follow_incident(arrived[-1], "priority-1 incident")

    # --- layout and views -------------------------------------------------------------------

    def set_layout(self, key: str) -> None:
        self.wall.set_layout(key, "operator:layout")
        self._show_layout()

    def _show_layout(self) -> None:
        self.layout_box.blockSignals(True)
        self.layout_box.setCurrentIndex(self.layout_box.findData(self.wall.layout_key))
        self.layout_box.blockSignals(False)

    def _on_layout_chosen(self) -> None:
        key = self.layout_box.currentData()
        if key:
            self.set_layout(str(key))

    def _on_assignments_changed(self) -> None:
        if not self._save_timer.isActive():
            self._save_timer.start()

    def _save_current(self) -> None:
        self.saved.save_current(self.wall.view_state())

    def save_view(self, name: str) -> None:
        name = name.strip()
        if name:
            self.saved.save_view(name, self.wall.view_state())
            self._refresh_views(select=name)

    def load_view(self, name: str) -> bool:
        view = self.saved.views().get(name)
        if view is None:
            return False
        self.wall.apply_view(view, f"view:{name}")
        self._show_layout()
        return True

    def delete_view(self, name: str) -> None:
        if name:
            self.saved.delete_view(name)
            self._refresh_views()

    def _ask_view_name(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("Save view"), self.tr("Name of the view"))
        if ok:
            self.save_view(name)

    def _on_view_chosen(self) -> None:
        name = self.views_box.currentData()
        if name:
            self.load_view(str(name))

    def _refresh_views(self, select: str = "") -> None:
        self.views_box.blockSignals(True)
        self.views_box.clear()
        self.views_box.addItem(self.tr("(choose a view)"), "")
        for name in sorted(self.saved.views()):
            self.views_box.addItem(name, name)
        self.views_box.setCurrentIndex(max(0, self.views_box.findData(select)))
        self.views_box.blockSignals(False)

    # --- detaching ---------------------------------------------------------------------------

    def _refresh_screens(self) -> None:
        self.screen_box.clear()
        for number, screen in enumerate(QGuiApplication.screens(), 1):
            self.screen_box.addItem(self.tr("Screen {0}").format(number), screen.name())

    def _on_detach_clicked(self) -> None:
        if self.wall_window is not None:
            self.attach()
        else:
            self.detach(self.screen_box.currentData())

    def detach(self, screen_name: str | None = None) -> WallWindow:
        """Move the wall full screen onto the named screen (default: the chosen one)."""
        screen = screen_named(screen_name) or QGuiApplication.primaryScreen()
        if self.wall_window is None:
            self.wall_window = WallWindow(self.tr("Video wall"), None)
            self.wall_window.closed.connect(self.attach)
            self.wall_window.hold(self.wall)
        self.wall_window.show_on(screen)
        number = QGuiApplication.screens().index(screen) + 1
        self.away_label.setText(self.tr("The video wall is on screen {0}").format(number))
        self.away_label.show()
        self.detach_button.setText(self.tr("Back to the desk"))
        self.saved.save_screen(screen.name(), True)
        return self.wall_window

    def attach(self) -> None:
        """Bring the wall back into the panel."""
        window, self.wall_window = self.wall_window, None
        if window is None:
            return
        wall = window.release()
        if wall is not None:
            wall.setParent(self.holder)
            holder_layout = self.holder.layout()
            assert isinstance(holder_layout, QVBoxLayout)
            holder_layout.addWidget(wall, 1)
            wall.show()
        window.closed.disconnect(self.attach)
        window.close()
        window.deleteLater()
        self.away_label.hide()
        self.detach_button.setText(self.tr("Detach to screen"))
        self.saved.save_screen(window.screen().name() if window.screen() else None, False)

    # --- life ---------------------------------------------------------------------------------

    def view_state(self) -> dict[str, Any]:
        return self.wall.view_state()

    def shutdown(self) -> None:
        """Stop the streams, leave the store, close the detached window. Idempotent."""
        if self._save_timer.isActive():
            self._save_timer.stop()
            self._save_current()
        self._unsubscribe()
        self.cameras.close_model()
        if self.wall_window is not None:
            window, self.wall_window = self.wall_window, None
            window.closed.disconnect(self.attach)
            window.release()
            self.wall.setParent(self.holder)
            window.close()
            window.deleteLater()
        self.wall.shutdown()


def build_video_wall(context: PanelContext) -> VideoWallPanel:
    """The panel registry's builder: the wall on the session's live feed (a source with
    no /video — a replay — gives a wall without pictures) and the desk's settings."""
    feed = getattr(context.session, "feed", None)
    video = feed if callable(getattr(feed, "watch_video", None)) else None
    settings = getattr(context.parent, "settings", None)
    return VideoWallPanel(
        context.store,
        video,
        clock=context.clock,
        settings=settings if callable(settings) else None,
        record=tile_recorder(feed, context.config.workstation),
        parent=context.parent,
    )


def tile_recorder(feed: object, workstation: str) -> Callable[[list[TileRow]], None] | None:
    """Rows of what the tiles show, written to the cache on the cache-writer thread."""
    run_on_writer = getattr(feed, "run_on_writer", None)
    if not callable(run_on_writer):
        return None

    def record(rows: list[TileRow]) -> None:
        entries = [(at, workstation, tile, camera, trigger) for at, tile, camera, trigger in rows]
        run_on_writer(
            lambda cache: cache.record_tile_changes(entries), "video wall changes not recorded"
        )

    return record
