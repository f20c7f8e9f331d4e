"""Which alerts the feed shows: severity and above, platform, district, topic, search."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel

from console.state.text import fold_for_search
from widgets.opinion.cells import AlertRoles

AnyIndex = QModelIndex | QPersistentModelIndex


class AlertFilterProxy(QSortFilterProxyModel):
    """Keeps the source's order (newest first); every filter empty means "any"."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.min_severity = 0
        self.platform = ""
        self.district = ""
        self.topic = ""
        self.search = ""
        self.setDynamicSortFilter(True)

    def set_filters(
        self,
        *,
        min_severity: int | None = None,
        platform: str | None = None,
        district: str | None = None,
        topic: str | None = None,
        search: str | None = None,
    ) -> None:
        """Change the given filters (None leaves one as it is) and re-filter once."""
        if min_severity is not None:
            self.min_severity = min_severity
        if platform is not None:
            self.platform = platform
        if district is not None:
            self.district = district
        if topic is not None:
            self.topic = topic
        if search is not None:
            self.search = fold_for_search(search)
        self.beginFilterChange()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:  # noqa: N802
        model = self.sourceModel()
        index = model.index(source_row, 0, source_parent)
        if self.min_severity and model.data(index, AlertRoles.SEVERITY_RANK) < self.min_severity:
            return False
        if self.platform and model.data(index, AlertRoles.PLATFORM) != self.platform:
            return False
        if self.district and model.data(index, AlertRoles.DISTRICT) != self.district:
            return False
        if self.topic and model.data(index, AlertRoles.TOPIC) != self.topic:
            return False
        return not self.search or self.search in model.data(index, AlertRoles.SEARCH)
