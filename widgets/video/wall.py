"""The video wall: tiles in a layout, the camera each one shows, and the streams behind them.

:class:`VideoWall` keeps the assignment (tile -> camera id) and the layout, hands the
visible tiles to :class:`~widgets.video.sources.VideoSources` (hidden tiles are neither
decoded nor watched), shows the frames the workers hand over, and ticks twice a second
so a tile whose stream stopped says NO SIGNAL. Every change of what a tile shows — its
camera, or the tile appearing or disappearing with the layout — is reported to
``record`` as ``(time, tile, camera or None, trigger)`` rows (the cache keeps them for
after-action review).

The wall is a plain widget: the panel puts it in a dock, and it moves whole into a
full-screen window when detached (widgets/video/window.py).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from console.state import ChangeSet, SituationStore
from widgets.video.grid import WallGrid
from widgets.video.layouts import LAYOUTS, MAX_TILES
from widgets.video.sources import TilePlay, VideoFeed, VideoSources

TICK_MS = 500
REPLAY_DEBOUNCE_MS = 120
TileRow = tuple[float, int, str | None, str]  # time, tile, camera (None: nothing), trigger


class VideoWall(QWidget):
    assignmentsChanged = Signal()  # noqa: N815 (Qt signal)
    selectedTileChanged = Signal(int)  # noqa: N815 (Qt signal)

    def __init__(
        self,
        store: SituationStore,
        feed: VideoFeed | None,
        *,
        clock: Callable[[], float],
        record: Callable[[list[TileRow]], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("videoWall")
        self.store = store
        self.clock = clock
        self._record = record
        self.grid = WallGrid(clock, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.grid)
        self.sources = VideoSources(feed, clock=clock, parent=self)
        self.sources.relay.frameReady.connect(self._on_frame)
        self.assignments: list[str | None] = [None] * MAX_TILES
        self.selected = 0
        self.grid.tiles[0].set_selected(True)
        self._shown: dict[int, str | None] = {}
        self._trigger = "start"
        for tile in self.grid.tiles:
            tile.cameraDropped.connect(self._on_dropped)
            tile.clicked.connect(self.select_tile)
            tile.doubleClicked.connect(self.toggle_maximised)
        self.grid.geometryChanged.connect(self._schedule_replay)
        self._replay_timer = QTimer(self)
        self._replay_timer.setSingleShot(True)
        self._replay_timer.setInterval(REPLAY_DEBOUNCE_MS)
        self._replay_timer.timeout.connect(self._replay)
        self._tick = QTimer(self)
        self._tick.setInterval(TICK_MS)
        self._tick.timeout.connect(self._refresh)
        self._tick.start()
        self._unsubscribe = store.subscribe(self._on_changes, owner="videoWallDock")
        self._closed = False

    # --- what the tiles show -----------------------------------------------------------

    @property
    def layout_key(self) -> str:
        return self.grid.layout_key

    def tile_count(self) -> int:
        return LAYOUTS[self.layout_key].tiles

    def assign(self, tile: int, camera_id: str | None, trigger: str) -> None:
        """Show ``camera_id`` (None: nothing) on ``tile``."""
        if not 0 <= tile < MAX_TILES:
            raise ValueError(f"no tile {tile}")
        if camera_id is not None and camera_id not in self.store.cameras:
            raise KeyError(f"no camera {camera_id}")
        if self.assignments[tile] == camera_id:
            return
        self.assignments[tile] = camera_id
        self.grid.tiles[tile].set_camera(
            self.store.cameras.get(camera_id) if camera_id else None, self.clock()
        )
        self._changed(trigger)

    def show_cameras(self, camera_ids: Sequence[str], trigger: str) -> None:
        """Fill the layout's tiles with ``camera_ids`` in order (the rest emptied)."""
        known = [key for key in camera_ids if key in self.store.cameras]
        if self.grid.maximised is not None:
            self.grid.maximise(None)
        for tile in range(self.tile_count()):
            camera_id = known[tile] if tile < len(known) else None
            if self.assignments[tile] != camera_id:
                self.assignments[tile] = camera_id
                self.grid.tiles[tile].set_camera(
                    self.store.cameras.get(camera_id) if camera_id else None, self.clock()
                )
        self._changed(trigger)

    def show_camera(self, camera_id: str, trigger: str) -> int:
        """Put ``camera_id`` on the wall ("send to wall"): the tile that shows it already,
        else the selected one. Returns the tile."""
        visible = range(self.tile_count())
        tile = next((t for t in visible if self.assignments[t] == camera_id), None)
        if tile is None:
            tile = self.selected if self.selected < self.tile_count() else 0
            self.assign(tile, camera_id, trigger)
        self.select_tile(tile)
        return tile

    def set_layout(self, key: str, trigger: str = "layout") -> None:
        if key == self.layout_key and self.grid.maximised is None:
            return
        self._trigger = f"{trigger}:{key}"
        self.grid.set_layout(key)
        if self.selected >= self.tile_count():
            self.select_tile(0)
        self.assignmentsChanged.emit()

    def toggle_maximised(self, tile: int) -> None:
        """Double-click: fill the wall with ``tile``; again, back to the layout."""
        self._trigger = "restore" if self.grid.maximised == tile else f"maximise:{tile}"
        self.grid.maximise(tile)
        self.select_tile(tile)

    def select_tile(self, tile: int) -> None:
        if tile == self.selected:
            return
        self.grid.tiles[self.selected].set_selected(False)
        self.selected = tile
        self.grid.tiles[tile].set_selected(True)
        self.selectedTileChanged.emit(tile)

    def view_state(self) -> dict[str, Any]:
        """The layout and the cameras of its tiles (a named view)."""
        return {"layout": self.layout_key, "cameras": self.assignments[: self.tile_count()]}

    def apply_view(self, view: dict[str, Any], trigger: str) -> None:
        layout = str(view.get("layout") or self.layout_key)
        if layout in LAYOUTS:
            self.set_layout(layout, trigger)
        cameras = [c if isinstance(c, str) else None for c in view.get("cameras") or []]
        for tile in range(self.tile_count()):
            camera_id = cameras[tile] if tile < len(cameras) else None
            if camera_id not in self.store.cameras:
                camera_id = None  # a camera that is gone leaves its tile empty
            self.assignments[tile] = camera_id
            self.grid.tiles[tile].set_camera(
                self.store.cameras.get(camera_id) if camera_id else None, self.clock()
            )
        self._changed(trigger)

    def _on_dropped(self, tile: int, camera_id: str) -> None:
        if camera_id in self.store.cameras:
            self.assign(tile, camera_id, "operator:drop")
            self.select_tile(tile)

    def _changed(self, trigger: str) -> None:
        self._trigger = trigger
        self.assignmentsChanged.emit()
        self._schedule_replay()

    # --- streams -------------------------------------------------------------------------

    def _schedule_replay(self) -> None:
        if not self._closed and not self._replay_timer.isActive():
            self._replay_timer.start()

    def _replay(self) -> None:
        """Hand the visible tiles to the sources; record what the tiles show now."""
        plays: dict[int, TilePlay] = {}
        shown: dict[int, str | None] = {}
        visible = set(self.grid.visible_tiles())
        for tile in range(MAX_TILES):
            camera_id = self.assignments[tile] if tile in visible else None
            camera = self.store.cameras.get(camera_id) if camera_id else None
            shown[tile] = camera_id if camera is not None else None
            if camera is not None:
                widget = self.grid.tiles[tile]
                ratio = widget.devicePixelRatioF()
                width = max(16, round(widget.width() * ratio))
                height = max(16, round(widget.height() * ratio))
                plays[tile] = TilePlay(camera, width, height)
        self.sources.play(plays)
        now = self.clock()
        rows = [
            (now, tile, camera_id, self._trigger)
            for tile, camera_id in shown.items()
            if self._shown.get(tile) != camera_id
        ]
        self._shown = shown
        self._trigger = "display"  # until an operation names itself: shown, hidden, resized
        if rows and self._record is not None:
            self._record(rows)

    def _on_frame(self, tile: int) -> None:
        frame = self.sources.slots[tile].take()
        widget = self.grid.tiles[tile]
        if frame is not None and widget.camera is not None and frame.camera == widget.camera.id:
            widget.show_frame(frame)

    def _refresh(self) -> None:
        now = self.clock()
        for tile in self.grid.visible_tiles():
            self.grid.tiles[tile].refresh(now)

    def _on_changes(self, changes: ChangeSet) -> None:
        touched = changes.touched("cameras")
        if not touched:
            return
        replay = False
        for tile, camera_id in enumerate(self.assignments):
            if camera_id is None or camera_id not in touched:
                continue
            camera = self.store.cameras.get(camera_id)
            if camera is None:  # removed by its service
                self.assignments[tile] = None
                self._trigger = "camera removed"
            self.grid.tiles[tile].set_camera(camera, self.clock())
            replay = True
        if replay:
            self.assignmentsChanged.emit()
            self._schedule_replay()

    # --- life ----------------------------------------------------------------------------

    def shutdown(self) -> None:
        """Stop every stream and timer and leave the store. Idempotent."""
        if self._closed:
            return
        self._closed = True
        self._tick.stop()
        self._replay_timer.stop()
        self._unsubscribe()
        self.sources.shutdown()
