"""What is connected and how fresh it is: the status bar, the OFFLINE / STALE banner and
the local cache's banner.

They read the situation store (and the session's cache health) once a second and on
every change of a service's state, so a dead link or a cache that stopped taking writes
shows within a second of the feed client noticing it.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from console.state import SituationStore
from services.cache import CacheHealth, CacheOpening, CacheSize
from services.protocol.entities import SERVICE_TOPICS
from widgets.common import format as fmt
from widgets.common import labels, style


def layer_name(topic: str) -> str:
    """A data layer (a protocol topic) as the operator reads it in the STALE banner."""
    names = {
        "incidents": QCoreApplication.translate("layer", "incidents"),
        "units": QCoreApplication.translate("layer", "units"),
        "positions": QCoreApplication.translate("layer", "unit positions"),
        "cameras": QCoreApplication.translate("layer", "cameras"),
        "alerts": QCoreApplication.translate("layer", "opinion alerts"),
    }
    return names.get(topic, topic)


#: why a service is down, from its status (state and detail)
Cause = str  # "token" | "tls" | "protocol" | "unreachable" | "connecting"
_PROTOCOL_DETAILS = ("bad welcome", "refused:", "the server did not welcome", "this URL serves",
                     "bad service URL")  # fmt: skip


def outage_cause(state: str, detail: str) -> Cause | None:
    """The cause a down service's status names (None: the status says nothing new, as a
    reconnect attempt's ``connecting`` does)."""
    if state == "unauthorized" or detail == "unauthorized":
        return "token"
    if detail.startswith("TLS failure"):
        return "tls"
    if detail.startswith(_PROTOCOL_DETAILS):
        return "protocol"
    if detail.startswith(("cannot connect", "connection closed")):
        return "unreachable"
    if detail == "not connected yet":
        return "connecting"
    return "unreachable" if detail else None


class Outage:
    """One service's outage: when the link was first lost and the latest known cause.

    The feed client reports a fresh status on every retry (``connecting``, then
    ``offline`` again, each with its own time); an outage keeps the first moment and only
    follows the cause, until the service is live again.
    """

    def __init__(self, since: float, cause: Cause, detail: str) -> None:
        self.since = since
        self.cause = cause
        self.detail = detail

    def follow(self, state: str, detail: str) -> None:
        cause = outage_cause(state, detail)
        if cause is not None and not (cause == "connecting" and self.cause != "connecting"):
            self.cause, self.detail = cause, detail


class ConnectionBanner(QLabel):
    """Hidden while every service is live and fresh; loud otherwise. OFFLINE names, per
    cause, the services down and since when (the first loss, not the latest retry)."""

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
        #: the services down now: their outage (first loss, cause)
        self.outages: dict[str, Outage] = {}
        self.hide()

    def _track(self) -> list[str]:
        """Update :attr:`outages` from the store; the services down, in order."""
        down = []
        for service in self._services:
            status = self._store.service_status(service)
            if status is not None and status.state not in ("offline", "unauthorized", "connecting"):
                self.outages.pop(service, None)
                continue
            down.append(service)
            state = status.state if status is not None else "offline"
            detail = status.detail if status is not None else "not connected yet"
            outage = self.outages.get(service)
            if outage is None:
                since = status.since if status is not None else self._clock()
                cause = outage_cause(state, detail) or "connecting"
                self.outages[service] = Outage(since, cause, detail)
            else:
                outage.follow(state, detail)
        return down

    def refresh(self) -> None:
        now = self._clock()
        down = self._track()
        stale = [
            t
            for s in self._services
            for t in SERVICE_TOPICS[s]
            if s not in down and self._store.layer_stale(t, now)
        ]
        if down:
            text = self.tr("OFFLINE — {0}").format("; ".join(self._clauses(down)))
            age = self._store.picture_age(now)
            if age is not None:
                text += self.tr(
                    ". Showing the last known picture ({0} old). Orders are "
                    "queued and sent when the link returns."
                ).format(fmt.age(age))
            self._show("offline", text, style.DANGER)
        elif stale:
            self._show(
                "stale",
                self.tr("STALE — no fresh data for: {0}").format(
                    ", ".join(layer_name(topic) for topic in stale)
                ),
                style.WARNING,
            )
        else:
            self.level = "ok"
            self.hide()

    def _clauses(self, down: list[str]) -> list[str]:
        """One clause per cause: the services with it, what it means, since when."""
        by_cause: dict[Cause, list[str]] = {}
        for service in down:
            by_cause.setdefault(self.outages[service].cause, []).append(service)
        clauses = []
        for cause, services in by_cause.items():
            names = ", ".join(labels.service(s) for s in services)
            since = fmt.local_time(min(self.outages[s].since for s in services))
            detail = self.outages[services[0]].detail
            clauses.append(self._clause(cause, names, since, detail))
        return clauses

    def _clause(self, cause: Cause, names: str, since: str, detail: str) -> str:
        if cause == "token":
            return self.tr(
                "{0}: token refused — ask the administrator for a valid token (since {1})"
            ).format(names, since)
        if cause == "tls":
            reason = detail.partition(":")[2].strip() or detail
            return self.tr("{0}: TLS failure since {1} ({2})").format(names, since, reason)
        if cause == "protocol":
            return self.tr("{0}: protocol error since {1} ({2})").format(names, since, detail)
        if cause == "connecting":
            return self.tr("{0}: not connected yet (trying since {1})").format(names, since)
        return self.tr("{0} unreachable since {1}").format(names, since)

    def _show(self, level: str, text: str, background: str) -> None:
        self.level = level
        self.setText(text)
        self.setStyleSheet(
            f"background: {background}; color: {style.readable_on(background).name()};"
        )
        self.show()


class CacheBanner(QWidget):
    """The local cache's trouble, in two lines.

    * ``problem`` (red) while the cache takes no writes: orders are then not queued on
      disk (each says "NOT queued: …"), only sent from memory while the console runs.
    * ``notice`` (amber), from start until dismissed: what was found when the cache was
      opened — a damaged file moved aside (and how many commands were recovered from
      it), a read-only or unusable cache; and whenever the size cap ([cache] max_mb) has
      made the oldest history go, from when history is now kept.

    The size cap that cannot be met (the current picture alone is larger) is a problem.
    """

    def __init__(
        self,
        health: Callable[[], CacheHealth],
        opening: CacheOpening,
        parent: QWidget | None = None,
        size: Callable[[], CacheSize | None] = lambda: None,
    ) -> None:
        super().__init__(parent)
        self._health = health
        self._size = size
        self._pruned_shown: float | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.problem = _banner_label(self, "cacheBanner", style.DANGER)
        layout.addWidget(self.problem)
        self.notice_row = QWidget(self)
        row = QHBoxLayout(self.notice_row)
        row.setContentsMargins(0, 0, 0, 0)
        self.notice = _banner_label(self.notice_row, "cacheNotice", style.WARNING)
        self.dismiss_button = QPushButton(self.tr("Dismiss"), self.notice_row)
        self.dismiss_button.clicked.connect(self.notice_row.hide)
        row.addWidget(self.notice, 1)
        row.addWidget(self.dismiss_button)
        layout.addWidget(self.notice_row)
        self.notice.setText(self.opening_text(opening))
        self.notice_row.setVisible(opening.state != "ok")
        self.problem.hide()

    def opening_text(self, opening: CacheOpening) -> str:
        """One line on how the cache was found at start ("" if it was fine)."""
        if opening.state == "ok":
            return ""
        if opening.state == "recreated":
            text = self.tr(
                "The local cache was damaged ({0}) and was moved aside to {1}; "
                "the console started with an empty cache."
            ).format(opening.reason, opening.moved_to)
        elif opening.state == "full":
            text = self.tr(
                "The disk of the local cache {0} is full ({1}): nothing new is saved "
                "until room is made."
            ).format(opening.path, opening.reason)
        elif opening.state == "read_only":
            text = self.tr(
                "The local cache {0} is read-only ({1}): the last saved picture is "
                "shown and nothing new is saved."
            ).format(opening.path, opening.reason)
        else:
            text = self.tr(
                "The local cache {0} could not be used ({1}): the console started "
                "without one and saves nothing."
            ).format(opening.path, opening.reason)
        if opening.salvaged:
            text += " " + self.tr(
                "{0} unanswered command(s) recovered from it will be sent."
            ).format(opening.salvaged)
        return text

    def refresh(self) -> None:
        size = self._size()
        if size is not None and size.pruned_at is not None and size.pruned_at != self._pruned_shown:
            self._pruned_shown = size.pruned_at
            self.notice.setText(self.pruned_text(size))
            self.notice_row.show()
        health = self._health()
        if health.writable:
            if size is not None and size.over_cap:
                self.problem.setText(self.over_cap_text(size))
                self.problem.show()
            else:
                self.problem.hide()
            return
        self.problem.setText(
            self.tr(
                "LOCAL CACHE NOT WRITABLE — {0}. New orders are NOT queued on disk: they "
                "are sent only while this console runs and is online."
            ).format(health.reason)
        )
        self.problem.show()

    def pruned_text(self, size: CacheSize) -> str:
        kept = fmt.local_time(size.history_from) if size.history_from is not None else "—"
        return self.tr(
            "The local cache reached its size cap ({0} MB): the oldest history was removed "
            "to keep the disk from filling; history is kept from {1}."
        ).format(_megabytes(size.cap_bytes), kept)

    def over_cap_text(self, size: CacheSize) -> str:
        return self.tr(
            "LOCAL CACHE OVER ITS SIZE CAP — {0} MB used of {1} MB even with all history "
            "removed: raise [cache] max_mb in the configuration."
        ).format(_megabytes(size.used_bytes), _megabytes(size.cap_bytes))


def _megabytes(size: int | None) -> str:
    return "—" if size is None else f"{size / 2**20:,.0f}"


def _banner_label(parent: QWidget, name: str, background: str) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setStyleSheet(
        f"background: {background}; color: {style.readable_on(background).name()};"
        " padding: 2px 6px;"
    )
    return label


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
                labels.service(self.service), labels.connection_state(state), age
            )
        )
        colour = {"live": "#51cf66", "resyncing": style.WARNING, "connecting": style.WARNING}.get(
            state, style.DANGER
        )
        self.setStyleSheet(f"color: {colour}; padding: 0 8px; font-weight: bold;")
        if state == "unauthorized":
            tip = self.tr("token refused — ask the administrator for a valid token")
        else:
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
        granted = self._role()
        role = labels.role(granted) if granted else self.tr("role unknown")
        self.identity.setText(self.tr("{0} · {1}").format(self._workstation, role))
        self.clock.setText(fmt.local_time(now))


class EscalationBanner(QWidget):
    """A red strip while any order to the field is unacknowledged past its threshold."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel(self)
        self.label.setObjectName("escalationBanner")
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.label)
        self.count = 0
        self.hide()

    def show_count(self, count: int) -> None:
        self.count = count
        if count:
            self.label.setText(
                QCoreApplication.translate(
                    "MainWindow",
                    "{0} order(s) NOT acknowledged by the field terminal — "
                    "see Orders to the field (Ctrl+O)",
                ).format(count)
            )
            self.show()
        else:
            self.hide()
