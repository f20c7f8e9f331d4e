"""The opinion alerts linked to one incident, for the incident detail.

Keeps an index incident → linked alerts from the store's change sets (O(changed
alerts)), so showing an incident never walks every alert.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from console.state import ChangeSet, SituationStore
from services.protocol.entities import Alert
from widgets.opinion import labels

ALERT_ID_ROLE = Qt.ItemDataRole.UserRole + 1


def linked_line(alert: Alert) -> str:
    return QCoreApplication.translate(
        "LinkedAlertsList", "{0} · {1} · {2} posts/10 min · {3}"
    ).format(
        labels.platform(alert.platform), alert.topic, alert.volume, labels.severity(alert.severity)
    )


class LinkedAlertsList(QListWidget):
    """Alerts whose ``incident`` is the incident given to :meth:`set_incident`;
    double-click emits :attr:`alertActivated` (the main window shows it in the feed)."""

    alertActivated = Signal(str)  # noqa: N815 (Qt signal)

    def __init__(self, store: SituationStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("linkedAlerts")
        self.setMaximumHeight(110)
        self._store = store
        self._incident_id: str | None = None
        self._links: dict[str, str] = {}  # alert id -> incident id
        self._by_incident: dict[str, set[str]] = {}
        for alert in store.alerts.values():
            self._note(alert.id, alert.incident)
        self.itemDoubleClicked.connect(
            lambda item: self.alertActivated.emit(item.data(ALERT_ID_ROLE))
        )
        unsubscribe = store.subscribe(self._on_changes)
        self._unsubscribe: Callable[[], None] | None = unsubscribe
        self.destroyed.connect(lambda *_: unsubscribe())
        self.refresh()

    def shutdown(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None

    def set_incident(self, incident_id: str | None) -> None:
        self._incident_id = incident_id
        self.refresh()

    def alert_ids(self) -> list[str]:
        return [self.item(row).data(ALERT_ID_ROLE) for row in range(self.count())]

    def refresh(self) -> None:
        self.clear()
        keys = self._by_incident.get(self._incident_id or "", set())
        alerts = sorted(
            (a for key in keys if (a := self._store.alerts.get(key)) is not None),
            key=lambda a: (-a.volume, a.id),
        )
        for alert in alerts:
            item = QListWidgetItem(linked_line(alert))
            item.setData(ALERT_ID_ROLE, alert.id)
            self.addItem(item)
        if not alerts:
            self.addItem(QCoreApplication.translate("LinkedAlertsList", "No linked opinion alert"))
            self.item(0).setData(ALERT_ID_ROLE, None)

    def _note(self, alert_id: str, incident_id: str | None) -> bool:
        """Index the alert's link; True if the shown incident's list changed."""
        before = self._links.get(alert_id)
        if before == incident_id:
            return incident_id is not None and incident_id == self._incident_id
        if before is not None:
            self._by_incident[before].discard(alert_id)
            if not self._by_incident[before]:
                del self._by_incident[before]
            del self._links[alert_id]
        if incident_id is not None:
            self._links[alert_id] = incident_id
            self._by_incident.setdefault(incident_id, set()).add(alert_id)
        return self._incident_id is not None and self._incident_id in (before, incident_id)

    def _on_changes(self, changes: ChangeSet) -> None:
        touched = False
        alerts = self._store.alerts
        for key in changes.added["alerts"] | changes.changed["alerts"]:
            alert = alerts.get(key)
            if alert is not None:
                touched = self._note(key, alert.incident) or touched
        for key in changes.removed["alerts"]:
            touched = self._note(key, None) or touched
        if touched:
            self.refresh()
