"""The feed's filter bar: severity and above, platform, district, topic, search, count."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QWidget

from widgets.common.text import plain_label
from widgets.opinion import labels
from widgets.opinion.cells import AlertRoles
from widgets.opinion.filter import AlertFilterProxy
from widgets.opinion.model import AlertTableModel

AnyIndex = QModelIndex | QPersistentModelIndex


class AlertFilterBar(QWidget):
    """Drives an :class:`AlertFilterProxy`; platform, district and topic choices grow with
    the values seen in the model."""

    def __init__(
        self, model: AlertTableModel, proxy: AlertFilterProxy, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("alertFilterBar")
        self._model = model
        self._proxy = proxy
        self.severity_combo = QComboBox(self)
        self.severity_combo.setObjectName("alertSeverityFilter")
        self.severity_combo.setToolTip(self.tr("Show alerts of this severity and above"))
        self.severity_combo.addItem(self.tr("Any severity"), 0)
        for rank, name in enumerate(labels.SEVERITY_ORDER[1:], start=1):
            self.severity_combo.addItem(
                self.tr("{0} and above").format(labels.severity(name)), rank
            )
        self.platform_combo = self._choice("alertPlatformFilter", self.tr("All platforms"))
        self.district_combo = self._choice("alertDistrictFilter", self.tr("All districts"))
        self.topic_combo = self._choice("alertTopicFilter", self.tr("All topics"))
        self._roles = {
            AlertRoles.PLATFORM: self.platform_combo,
            AlertRoles.DISTRICT: self.district_combo,
            AlertRoles.TOPIC: self.topic_combo,
        }
        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("alertSearch")
        self.search_edit.setPlaceholderText(self.tr("Search topic, excerpt, district…"))
        self.search_edit.setClearButtonEnabled(True)
        self.count_label = plain_label(parent=self)
        self.count_label.setObjectName("alertCount")

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for combo in (self.severity_combo, self.platform_combo, self.district_combo):
            layout.addWidget(combo)
        layout.addWidget(self.topic_combo)
        layout.addWidget(self.search_edit, 1)
        layout.addWidget(self.count_label)

        self.severity_combo.currentIndexChanged.connect(self._on_severity)
        self.platform_combo.currentIndexChanged.connect(self._on_choice)
        self.district_combo.currentIndexChanged.connect(self._on_choice)
        self.topic_combo.currentIndexChanged.connect(self._on_choice)
        self.search_edit.textChanged.connect(lambda text: proxy.set_filters(search=text))
        model.rowsInserted.connect(self._on_rows_inserted)
        for signal in (proxy.rowsInserted, proxy.rowsRemoved, proxy.modelReset):
            signal.connect(self.update_count)
        proxy.layoutChanged.connect(self.update_count)
        self._learn(0, model.rowCount() - 1)
        self.update_count()

    def _choice(self, name: str, everything: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        # as wide as about twelve characters, whatever the longest topic: the bar must fit
        # a narrow dock (the popup list still shows whole names)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(12)
        combo.addItem(everything, "")
        return combo

    # ------------------------------------------------------------------ choices
    def _on_rows_inserted(self, _parent: AnyIndex, first: int, last: int) -> None:
        self._learn(first, last)

    def _learn(self, first: int, last: int) -> None:
        model = self._model
        for row in range(first, last + 1):
            index = model.index(row, 0)
            for role, combo in self._roles.items():
                value = model.data(index, role)
                if value and combo.findData(value) < 0:
                    self._insert_sorted(combo, str(value), role)

    @staticmethod
    def _insert_sorted(combo: QComboBox, value: str, role: AlertRoles) -> None:
        text = labels.platform(value) if role == AlertRoles.PLATFORM else value
        position = 1
        while position < combo.count() and combo.itemText(position) < text:
            position += 1
        combo.insertItem(position, text, value)

    # ------------------------------------------------------------------ filtering
    def _on_severity(self, _index: int) -> None:
        self._proxy.set_filters(min_severity=int(self.severity_combo.currentData()))

    def _on_choice(self, _index: int) -> None:
        self._proxy.set_filters(
            platform=self.platform_combo.currentData() or "",
            district=self.district_combo.currentData() or "",
            topic=self.topic_combo.currentData() or "",
        )

    def choose(self, combo: QComboBox, value: str) -> bool:
        """Select ``value`` in one of the choice combos (False if it is not offered)."""
        index = combo.findData(value)
        if index < 0:
            return False
        combo.setCurrentIndex(index)
        return True

    def update_count(self, *_args: object) -> None:
        self.count_label.setText(
            self.tr("{0} shown / {1}").format(self._proxy.rowCount(), self._model.rowCount())
        )
