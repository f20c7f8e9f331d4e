"""What the operator does with the selected alert: acknowledge it, show it on the map,
link it to an incident — one click on a suggested nearby incident, or by id."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QWidget

from console.state import SituationStore
from console.state.opinion import LinkSuggestion, OpinionPolicy, suggest_incidents
from services.protocol.entities import Alert
from widgets.common import labels as common_labels
from widgets.common.text import plain_label

MAX_SUGGESTIONS = 4


def suggestion_text(store: SituationStore, suggestion: LinkSuggestion) -> str:
    incident = store.incidents.get(suggestion.incident_id)
    category = common_labels.category(incident.category) if incident is not None else ""
    if suggestion.distance_m is None:
        return QCoreApplication.translate("AlertActionBar", "Link {0} · {1} · {2} min").format(
            suggestion.incident_id, category, f"{suggestion.minutes_apart:.0f}"
        )
    return QCoreApplication.translate("AlertActionBar", "Link {0} · {1} · {2} m · {3} min").format(
        suggestion.incident_id,
        category,
        f"{suggestion.distance_m:.0f}",
        f"{suggestion.minutes_apart:.0f}",
    )


class AlertActionBar(QWidget):
    """Buttons for the alert given to :meth:`set_alert`; requests leave as signals."""

    acknowledgeRequested = Signal()  # noqa: N815 (Qt signal)
    showOnMapRequested = Signal()  # noqa: N815 (Qt signal)
    linkRequested = Signal(str)  # noqa: N815 (Qt signal): the incident id

    def __init__(
        self,
        store: SituationStore,
        policy: OpinionPolicy,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("alertActions")
        self._store = store
        self._policy = policy
        self._read_only = False
        self._alert: Alert | None = None
        self.acknowledge_button = QPushButton(self.tr("Acknowledge"), self)
        self.acknowledge_button.setObjectName("acknowledgeAlert")
        self.acknowledge_button.setToolTip(self.tr("Tell the opinion service it has been seen"))
        self.acknowledge_button.clicked.connect(self.acknowledgeRequested)
        self.map_button = QPushButton(self.tr("Show on map"), self)
        self.map_button.setObjectName("showAlertOnMap")
        self.map_button.clicked.connect(self.showOnMapRequested)
        self.incident_edit = QLineEdit(self)
        self.incident_edit.setObjectName("linkIncidentId")
        self.incident_edit.setPlaceholderText(self.tr("Incident id"))
        self.incident_edit.setMaximumWidth(180)
        self.incident_edit.returnPressed.connect(self._link_typed)
        self.link_button = QPushButton(self.tr("Link"), self)
        self.link_button.setObjectName("linkAlert")
        self.link_button.setToolTip(self.tr("Link the alert to the incident typed here"))
        self.link_button.clicked.connect(self._link_typed)
        self.suggestion_title = plain_label(self.tr("Incidents nearby:"), self)
        self.suggestion_buttons: list[QPushButton] = []
        self._suggestions: list[LinkSuggestion] = []
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.acknowledge_button, self.map_button, self.suggestion_title):
            layout.addWidget(widget)
        for index in range(MAX_SUGGESTIONS):
            button = QPushButton(self)
            button.setObjectName(f"suggestedIncident{index}")
            button.clicked.connect(self._make_link(index))
            self.suggestion_buttons.append(button)
            layout.addWidget(button)
        layout.addStretch(1)
        layout.addWidget(self.incident_edit)
        layout.addWidget(self.link_button)
        self.set_alert(None)

    @property
    def suggestions(self) -> list[LinkSuggestion]:
        return list(self._suggestions)

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self.set_alert(self._alert)

    def set_alert(self, alert: Alert | None) -> None:
        """Show the actions for ``alert`` (None: nothing selected)."""
        self._alert = alert
        writable = alert is not None and not self._read_only
        self.acknowledge_button.setVisible(not self._read_only)
        self.acknowledge_button.setEnabled(
            writable and alert is not None and not alert.acknowledged
        )
        for widget in (self.incident_edit, self.link_button):
            widget.setVisible(not self._read_only)
            widget.setEnabled(writable)
        has_place = alert is not None and alert.location is not None
        self.map_button.setEnabled(has_place)
        self.map_button.setToolTip(
            self.tr("Centre the map on the alert")
            if has_place or alert is None
            else self.tr("This alert has no location")
        )
        self.refresh_suggestions()

    def refresh_suggestions(self) -> None:
        alert = self._alert
        if alert is None or self._read_only:
            self._suggestions = []
        else:
            self._suggestions = suggest_incidents(
                alert, self._store.incidents.values(), self._policy, limit=MAX_SUGGESTIONS
            )
        for index, button in enumerate(self.suggestion_buttons):
            if index < len(self._suggestions):
                text = suggestion_text(self._store, self._suggestions[index])
                metrics = button.fontMetrics()
                button.setText(metrics.elidedText(text, Qt.TextElideMode.ElideRight, 260))
                button.setToolTip(text)
                button.show()
            else:
                button.hide()
        self.suggestion_title.setVisible(bool(self._suggestions))

    def _make_link(self, index: int) -> Callable[[], None]:
        def link() -> None:
            if index < len(self._suggestions) and not self._read_only:
                self.linkRequested.emit(self._suggestions[index].incident_id)

        return link

    def _link_typed(self) -> None:
        incident_id = self.incident_edit.text().strip()
        if incident_id and self._alert is not None and not self._read_only:
            self.linkRequested.emit(incident_id)
            self.incident_edit.clear()
