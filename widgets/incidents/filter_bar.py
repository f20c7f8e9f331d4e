"""The queue's compact filter bar: status menu, district/category/priority, search, count."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from services.protocol.entities import INCIDENT_STATUSES
from widgets.common import labels
from widgets.common.text import plain_label
from widgets.incidents.filter import DEFAULT_STATUSES, IncidentFilterProxy
from widgets.incidents.model import IncidentTableModel
from widgets.incidents.roles import IncidentColumn, IncidentRoles
from widgets.incidents.text import PRIORITIES

AnyIndex = QModelIndex | QPersistentModelIndex
COMBO_CHARS = 9  # a filter choice's width in characters (its list shows names in full)


class IncidentFilterBar(QWidget):
    """Drives an :class:`IncidentFilterProxy`; district and category choices grow with the
    values seen in the model."""

    def __init__(
        self,
        model: IncidentTableModel,
        proxy: IncidentFilterProxy,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("incidentFilterBar")
        self._model = model
        self._proxy = proxy
        self._build_status_menu()
        self._build_choices()
        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("incidentSearch")
        self.search_edit.setPlaceholderText(self.tr("Search id, summary, address…"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.textChanged.connect(proxy.set_search_text)
        self.count_label = plain_label(parent=self)
        self.count_label.setObjectName("incidentCount")

        # two rows (the choices; the search and the count) keep the bar narrower than
        # the queue's default width
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        choices = QHBoxLayout()
        for widget in (
            self.status_button,
            self.district_combo,
            self.category_combo,
            self.priority_combo,
        ):
            choices.addWidget(widget)
        choices.addStretch(1)
        search = QHBoxLayout()
        search.addWidget(self.search_edit, 1)
        search.addWidget(self.count_label)
        layout.addLayout(choices)
        layout.addLayout(search)

        model.rowsInserted.connect(self._on_rows_inserted)
        model.rowsRemoved.connect(self.update_count)
        model.dataChanged.connect(self._on_data_changed)
        model.modelReset.connect(self._on_model_reset)
        for signal in (proxy.rowsInserted, proxy.rowsRemoved, proxy.modelReset):
            signal.connect(self.update_count)
        proxy.layoutChanged.connect(self.update_count)
        self._on_model_reset()
        self._update_status_text()

    def _build_status_menu(self) -> None:
        self.status_button = QToolButton(self)
        self.status_button.setObjectName("incidentStatusFilter")
        self.status_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.status_button.setToolTip(self.tr("Show incidents with these statuses"))
        menu = QMenu(self.status_button)
        self.status_actions: dict[str, QAction] = {}
        for status in INCIDENT_STATUSES:
            action = menu.addAction(labels.incident_status(status))
            action.setCheckable(True)
            action.setChecked(status in self._proxy.statuses)
            action.toggled.connect(self._on_status_toggled)
            self.status_actions[status] = action
        menu.addSeparator()
        menu.addAction(self.tr("All but closed")).triggered.connect(self._on_default_statuses)
        self.status_button.setMenu(menu)

    def _build_choices(self) -> None:
        self.district_combo = QComboBox(self)
        self.district_combo.setObjectName("incidentDistrictFilter")
        self.district_combo.addItem(self.tr("All districts"), None)
        self.district_combo.setToolTip(self.tr("Show one district only"))
        self.district_combo.currentIndexChanged.connect(self._on_district_changed)

        self.category_combo = QComboBox(self)
        self.category_combo.setObjectName("incidentCategoryFilter")
        self.category_combo.addItem(self.tr("All categories"), None)
        self.category_combo.setToolTip(self.tr("Show one category only"))
        self.category_combo.currentIndexChanged.connect(self._on_category_changed)

        self.priority_combo = QComboBox(self)
        self.priority_combo.setObjectName("incidentPriorityFilter")
        self.priority_combo.addItem(self.tr("Any priority"), None)
        for priority in PRIORITIES:
            self.priority_combo.addItem(labels.priority(priority), priority)
        self.priority_combo.setToolTip(self.tr("Show one priority only"))
        self.priority_combo.currentIndexChanged.connect(self._on_priority_changed)
        for combo in (self.district_combo, self.category_combo, self.priority_combo):
            # sized to a short name, not the longest one seen: the bar must not widen the
            # queue (its deciding columns are sized for the default dock width)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(COMBO_CHARS)
            combo.view().setMinimumWidth(combo.fontMetrics().averageCharWidth() * 24)

    # ------------------------------------------------------------------ count
    def update_count(self, *_args: object) -> None:
        text = self.tr("{0} shown / {1} open").format(
            self._proxy.rowCount(), self._model.open_count
        )
        self.count_label.setText(text)

    # ------------------------------------------------------------------ choices
    def _on_model_reset(self) -> None:
        self._note_rows(0, self._model.rowCount() - 1)
        self.update_count()

    def _on_rows_inserted(self, _parent: AnyIndex, first: int, last: int) -> None:
        self._note_rows(first, last)
        self.update_count()

    def _on_data_changed(
        self, top_left: AnyIndex, bottom_right: AnyIndex, roles: list[int]
    ) -> None:
        if roles or not top_left.column() <= IncidentColumn.STATUS <= bottom_right.column():
            return  # only whole-row changes carry new district, category or status
        self._note_rows(top_left.row(), bottom_right.row())
        self.update_count()

    def _note_rows(self, first: int, last: int) -> None:
        model = self._model
        for row in range(first, last + 1):
            index = model.index(row, 0)
            district = index.data(IncidentRoles.DISTRICT)
            if district:
                self._add_choice(self.district_combo, district, district)
            category = index.data(IncidentRoles.CATEGORY)
            if category:
                self._add_choice(self.category_combo, labels.category(category), category)

    @staticmethod
    def _add_choice(combo: QComboBox, text: str, value: str) -> None:
        if combo.findData(value) >= 0:
            return
        position = 1
        while position < combo.count() and combo.itemText(position).casefold() < text.casefold():
            position += 1
        combo.insertItem(position, text, value)

    # ------------------------------------------------------------------ handlers
    def _on_status_toggled(self, _checked: bool) -> None:
        self._proxy.set_statuses(
            status for status, action in self.status_actions.items() if action.isChecked()
        )
        self._update_status_text()

    def _on_default_statuses(self) -> None:
        for status, action in self.status_actions.items():
            action.blockSignals(True)
            action.setChecked(status in DEFAULT_STATUSES)
            action.blockSignals(False)
        self._on_status_toggled(True)

    def _update_status_text(self) -> None:
        shown = self._proxy.statuses
        if shown == DEFAULT_STATUSES:
            text = self.tr("Status: all but closed")
        elif shown == frozenset(INCIDENT_STATUSES):
            text = self.tr("Status: all")
        elif not shown:
            text = self.tr("Status: none")
        else:
            names = ", ".join(labels.incident_status(s) for s in INCIDENT_STATUSES if s in shown)
            text = self.tr("Status: {0}").format(names)
        self.status_button.setText(text)

    def _on_district_changed(self, _index: int) -> None:
        self._proxy.set_district(self.district_combo.currentData())

    def _on_category_changed(self, _index: int) -> None:
        self._proxy.set_category(self.category_combo.currentData())

    def _on_priority_changed(self, _index: int) -> None:
        self._proxy.set_priority(self.priority_combo.currentData())
