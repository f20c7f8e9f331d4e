"""What is connected and how fresh it is: the status bar and the OFFLINE / STALE banner.

Both read the situation store once a second and on every change of a service's state,
so a dead link shows within a second of the feed client noticing it.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from console.state import SituationStore
from services.protocol.entities import SERVICE_TOPICS
from widgets.common import format as fmt
from widgets.common import labels, style

SERVICE_NAMES = {"cad": "CAD", "avl": "AVL", "video": "VIDEO", "opinion": "OPINION"}


class ConnectionBanner(QLabel):
    """Hidden while every service is live and fresh; loud otherwise."""

    def __init__(
        self,
        store: SituationStore,
        services: list[str],
        parent: QWidget | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("connectionBanner")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self._store = store
        self._services = services
        self._clock = clock
        self.level = "ok"  # ok | stale | offline
        self.hide()

    def refresh(self) -> None:
        now = self._clock()
        down = []
        for service in self._services:
            status = self._store.service_status(service)
            if status is None or status.state in ("offline", "unauthorized", "connecting"):
                down.append(service)
        stale = [
            t
            for s in self._services
            for t in SERVICE_TOPICS[s]
            if s not in down and self._store.layer_stale(t, now)
        ]
        age = self._store.picture_age(now)
        if down:
            names = ", ".join(SERVICE_NAMES[s] for s in down)
            since = min(
                (
                    self._store.service_status(s).since
                    for s in down
                    if self._store.service_status(s) is not None
                ),
                default=None,
            )
            text = self.tr("OFFLINE — {0} unreachable").format(names)
            if since is not None:
                text += self.tr(" since {0}").format(fmt.local_time(since))
            if age is not None:
                text += self.tr(
                    "; showing the last known picture ({0} old). Orders are "
                    "queued and sent when the link returns."
                ).format(fmt.age(age))
            self._show("offline", text, style.DANGER)
        elif stale:
            self._show(
                "stale",
                self.tr("STALE — no fresh data for: {0}").format(", ".join(stale)),
                style.WARNING,
            )
        else:
            self.level = "ok"
            self.hide()

    def _show(self, level: str, text: str, background: str) -> None:
        self.level = level
        self.setText(text)
        self.setStyleSheet(
            f"background: {background}; color: {style.readable_on(background).name()};"
        )
        self.show()


class ServiceIndicator(QLabel):
    def __init__(self, service: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setObjectName(f"service-{service}")

    def show_status(self, store: SituationStore, now: float) -> None:
        status = store.service_status(self.service)
        state = status.state if status else "offline"
        ages = [store.layer_age(t, now) for t in SERVICE_TOPICS[self.service]]
        known = [a for a in ages if a is not None]
        age = fmt.age(max(known)) if known else "—"
        self.setText(
            self.tr("● {0} {1} · data {2}").format(
                SERVICE_NAMES[self.service], labels.connection_state(state), age
            )
        )
        colour = {"live": "#51cf66", "resyncing": style.WARNING, "connecting": style.WARNING}.get(
            state, style.DANGER
        )
        self.setStyleSheet(f"color: {colour}; padding: 0 8px; font-weight: bold;")
        tip = status.detail if status and status.detail else labels.connection_state(state)
        self.setToolTip(tip)


class StatusStrip(QWidget):
    """Service states, data age, clock, workstation and role, for the status bar."""

    def __init__(
        self,
        store: SituationStore,
        services: list[str],
        workstation: str,
        role: Callable[[], str | None],
        *,
        parent: QWidget | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._clock = clock
        self._role = role
        self._workstation = workstation
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.indicators = [ServiceIndicator(s, self) for s in services]
        for indicator in self.indicators:
            layout.addWidget(indicator)
        self.identity = QLabel(self)
        self.identity.setTextFormat(Qt.TextFormat.PlainText)
        self.clock = QLabel(self)
        self.clock.setObjectName("clock")
        self.clock.setStyleSheet("font-weight: bold; padding: 0 8px;")
        layout.addStretch(1)
        layout.addWidget(self.identity)
        layout.addWidget(self.clock)

    def refresh(self) -> None:
        now = self._clock()
        for indicator in self.indicators:
            indicator.show_status(self._store, now)
        role = self._role() or self.tr("role unknown")
        self.identity.setText(self.tr("{0} · {1}").format(self._workstation, role))
        self.clock.setText(fmt.local_time(now))
