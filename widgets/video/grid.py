"""The tiles of the wall laid out in a grid, one of :data:`~widgets.video.layouts.LAYOUTS`.

The grid always owns :data:`MAX_TILES` tiles; a layout shows its first ``n`` and hides the
rest. A maximised tile fills the grid alone (the others are hidden). Whenever which tiles
are visible or their sizes change, :attr:`WallGrid.geometryChanged` is emitted so the
wall can re-target its streams (hidden tiles are not decoded nor watched).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QGridLayout, QWidget

from widgets.video.layouts import DEFAULT_LAYOUT, LAYOUTS, MAX_TILES, WallLayout
from widgets.video.tile import VideoTile


class WallGrid(QWidget):
    geometryChanged = Signal()  # noqa: N815 (Qt signal)

    def __init__(self, clock: Callable[[], float], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("videoWallGrid")
        self.setStyleSheet("#videoWallGrid { background: #000000; }")
        self.tiles = [VideoTile(i, clock, self) for i in range(MAX_TILES)]
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(2)
        self.layout_key = DEFAULT_LAYOUT
        self.maximised: int | None = None
        self._arrange()

    @property
    def wall_layout(self) -> WallLayout:
        return LAYOUTS[self.layout_key]

    def set_layout(self, key: str) -> None:
        if key not in LAYOUTS:
            raise ValueError(f"no wall layout {key!r}")
        self.layout_key = key
        self.maximised = None
        self._arrange()

    def maximise(self, tile: int | None) -> None:
        """Fill the grid with ``tile`` alone; None (or the same tile again) restores."""
        self.maximised = None if tile == self.maximised else tile
        self._arrange()

    def visible_tiles(self) -> list[int]:
        """The tiles on screen now (in tile order)."""
        if not self.isVisible():
            return []
        return [tile.index for tile in self.tiles if tile.isVisible()]

    def _arrange(self) -> None:
        for tile in self.tiles:
            self._grid.removeWidget(tile)
        for row in range(4):
            self._grid.setRowStretch(row, 0)
            self._grid.setColumnStretch(row, 0)
        layout = self.wall_layout
        if self.maximised is not None and self.maximised < layout.tiles:
            shown = {self.maximised: (0, 0, 1, 1)}
            rows = columns = 1
        else:
            self.maximised = None
            shown = dict(enumerate(layout.cells))
            rows, columns = layout.rows, layout.columns
        for row in range(rows):
            self._grid.setRowStretch(row, 1)
        for column in range(columns):
            self._grid.setColumnStretch(column, 1)
        for tile in self.tiles:
            cell = shown.get(tile.index)
            if cell is None:
                tile.hide()
                continue
            self._grid.addWidget(tile, *cell)
            tile.show()
        self.geometryChanged.emit()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self.geometryChanged.emit()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        self.geometryChanged.emit()

    def hideEvent(self, event: object) -> None:  # noqa: N802 (Qt override)
        super().hideEvent(event)  # type: ignore[arg-type]
        self.geometryChanged.emit()
