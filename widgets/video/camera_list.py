"""The camera list beside the wall: search, district filter, drag a camera onto a tile.

:class:`CameraListModel` adapts the store's cameras (rows inserted, removed and changed
as the store says — never rebuilt whole on an update); :class:`CameraFilter` keeps the
rows whose name, id or district contain the search text and whose district is the one
chosen. Double-click (or Enter) sends the camera to the wall's selected tile.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QLineEdit, QListView, QVBoxLayout, QWidget

from console.state import ChangeSet, SituationStore
from services.protocol.entities import UrlStream
from widgets.common import style
from widgets.video.tile import CAMERA_MIME, camera_mime

CameraIdRole = Qt.ItemDataRole.UserRole + 1
DistrictRole = Qt.ItemDataRole.UserRole + 2
SearchRole = Qt.ItemDataRole.UserRole + 3
Index = QModelIndex | QPersistentModelIndex


class CameraListModel(QAbstractListModel):
    def __init__(self, store: SituationStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._keys: list[str] = sorted(store.cameras)
        self._rows = {key: row for row, key in enumerate(self._keys)}
        self._unsubscribe = store.subscribe(self._on_changes, owner="videoWallDock camera list")

    def close(self) -> None:
        self._unsubscribe()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 (Qt)
        return 0 if parent.isValid() else len(self._keys)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        key = self._keys[index.row()]
        camera = self._store.cameras.get(key)
        if camera is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            offline = self.tr(" (offline)") if camera.status == "offline" else ""
            return f"{camera.name} · {camera.district}{offline}"
        if role == Qt.ItemDataRole.ToolTipRole:
            kind = self.tr("RTSP/HTTP stream") if isinstance(camera.stream, UrlStream) else ""
            return f"{camera.id} · {camera.kind} {kind}".strip()
        if role == Qt.ItemDataRole.ForegroundRole:
            return QColor(style.STALE_TEXT if camera.status == "offline" else style.TEXT)
        if role == CameraIdRole:
            return key
        if role == DistrictRole:
            return camera.district
        if role == SearchRole:
            return f"{camera.id} {camera.name} {camera.name_en or ''} {camera.district}".lower()
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsDragEnabled if index.isValid() else base

    def mimeTypes(self) -> list[str]:  # noqa: N802 (Qt override)
        return [CAMERA_MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:  # noqa: N802 (Qt override)
        keys = [self._keys[i.row()] for i in indexes if i.isValid()]
        return camera_mime(keys[0]) if keys else QMimeData()

    def districts(self) -> list[str]:
        return sorted({c.district for c in self._store.cameras.values() if c.district})

    def _on_changes(self, changes: ChangeSet) -> None:
        removed = sorted(self._rows[k] for k in changes.removed["cameras"] if k in self._rows)
        for row in reversed(removed):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._keys[row]
            self.endRemoveRows()
        if removed:
            self._rows = {key: row for row, key in enumerate(self._keys)}
        added = sorted(
            k for k in changes.added["cameras"] if k in self._store.cameras and k not in self._rows
        )
        if added:
            start = len(self._keys)
            self.beginInsertRows(QModelIndex(), start, start + len(added) - 1)
            self._keys.extend(added)
            self._rows.update({key: start + i for i, key in enumerate(added)})
            self.endInsertRows()
        changed = [self._rows[k] for k in changes.changed["cameras"] if k in self._rows]
        if changed:
            self.dataChanged.emit(self.index(min(changed)), self.index(max(changed)))


class CameraFilter(QSortFilterProxyModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = ""
        self.district = ""
        self.setSortRole(Qt.ItemDataRole.DisplayRole)
        self.setDynamicSortFilter(True)

    def set_search(self, text: str) -> None:
        self.beginFilterChange()
        self.search = text.strip().lower()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_district(self, district: str) -> None:
        self.beginFilterChange()
        self.district = district
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:  # noqa: N802 (Qt override)
        index = self.sourceModel().index(row, 0, parent)
        if self.district and index.data(DistrictRole) != self.district:
            return False
        return not self.search or self.search in (index.data(SearchRole) or "")


class CameraListView(QWidget):
    """Search box, district filter and the list; emits the camera to send to the wall."""

    cameraActivated = Signal(str)  # noqa: N815 (Qt signal)

    def __init__(self, store: SituationStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("videoCameraList")
        self.model = CameraListModel(store, self)
        self.proxy = CameraFilter(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.sort(0)
        self.search = QLineEdit(self)
        self.search.setObjectName("videoCameraSearch")
        self.search.setPlaceholderText(self.tr("Search cameras"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.set_search)
        self.district = QComboBox(self)
        self.district.setObjectName("videoCameraDistrict")
        self.district.currentIndexChanged.connect(self._on_district)
        self.list = QListView(self)
        self.list.setObjectName("videoCameraListView")
        self.list.setModel(self.proxy)
        self.list.setDragEnabled(True)
        self.list.setUniformItemSizes(True)
        self.list.activated.connect(self._on_activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.district)
        layout.addWidget(self.list, 1)
        self.refresh_districts()
        self.model.rowsInserted.connect(self.refresh_districts)

    def refresh_districts(self) -> None:
        current = self.district.currentData() or ""
        districts = self.model.districts()
        if [self.district.itemData(i) for i in range(1, self.district.count())] == districts:
            return
        self.district.blockSignals(True)
        self.district.clear()
        self.district.addItem(self.tr("All districts"), "")
        for name in districts:
            self.district.addItem(name, name)
        self.district.setCurrentIndex(max(0, self.district.findData(current)))
        self.district.blockSignals(False)

    def _on_district(self) -> None:
        self.proxy.set_district(self.district.currentData() or "")

    def _on_activated(self, index: QModelIndex) -> None:
        key = index.data(CameraIdRole)
        if key:
            self.cameraActivated.emit(str(key))

    def close_model(self) -> None:
        self.model.close()
