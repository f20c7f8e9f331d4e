"""The wall's layouts: where each tile sits in the grid."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

MAX_TILES = 16


@dataclass(frozen=True)
class WallLayout:
    key: str  # saved in views and settings; never rename one
    label: str  # untranslated; see :meth:`title`
    rows: int
    columns: int
    cells: tuple[tuple[int, int, int, int], ...]  # per tile: row, column, row span, col span

    @property
    def tiles(self) -> int:
        return len(self.cells)

    def title(self) -> str:
        return QCoreApplication.translate("VideoWall", self.label)


def _grid(key: str, label: str, side: int) -> WallLayout:
    cells = tuple((r, c, 1, 1) for r in range(side) for c in range(side))
    return WallLayout(key, label, side, side, cells)


LAYOUTS: dict[str, WallLayout] = {
    layout.key: layout
    for layout in (
        _grid("1x1", QT_TRANSLATE_NOOP("VideoWall", "1 × 1"), 1),
        _grid("2x2", QT_TRANSLATE_NOOP("VideoWall", "2 × 2"), 2),
        _grid("3x3", QT_TRANSLATE_NOOP("VideoWall", "3 × 3"), 3),
        _grid("4x4", QT_TRANSLATE_NOOP("VideoWall", "4 × 4"), 4),
        # one large tile (top left, 2×2 cells) and five small ones around it
        WallLayout(
            "1+5",
            QT_TRANSLATE_NOOP("VideoWall", "1 + 5"),
            3,
            3,
            ((0, 0, 2, 2), (0, 2, 1, 1), (1, 2, 1, 1), (2, 0, 1, 1), (2, 1, 1, 1), (2, 2, 1, 1)),
        ),
    )
}
DEFAULT_LAYOUT = "2x2"
