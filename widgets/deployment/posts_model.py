"""The suggested posts as table rows (a plan replaces the rows wholesale: a plan is a new
list, not an update of the last one)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from console.state.deployment import Plan
from widgets.common.deployment_text import post_reason

AnyIndex = QModelIndex | QPersistentModelIndex
COLUMNS = ("#", "Post and why", "Unit", "Distance")


class PostsModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.plan: Plan | None = None

    def set_plan(self, plan: Plan) -> None:
        self.beginResetModel()
        self.plan = plan
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() or self.plan is None else len(self.plan.posts)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(  # noqa: N802 (Qt override)
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            0: QCoreApplication.translate("DeploymentPanel", "#"),
            1: QCoreApplication.translate("DeploymentPanel", "Post and why"),
            2: QCoreApplication.translate("DeploymentPanel", "Unit"),
            3: QCoreApplication.translate("DeploymentPanel", "Distance"),
        }.get(section)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self.plan is None or not index.isValid():
            return None
        post = self.plan.posts[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return index.row() + 1
            if column == 1:
                return post_reason(post, self.plan.hour)
            if column == 2:
                return post.unit or "—"
            if column == 3 and post.unit_distance_m is not None:
                return QCoreApplication.translate("DeploymentPanel", "{km:.1f} km").format(
                    km=post.unit_distance_m / 1000.0
                )
            return None
        if role == Qt.ItemDataRole.ToolTipRole and column == 1:
            return QCoreApplication.translate(
                "DeploymentPanel", "{reason}\nPressure this post covers: {gain:.2f}"
            ).format(reason=post_reason(post, self.plan.hour), gain=post.gain)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (0, 3):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
