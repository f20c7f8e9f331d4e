"""Per-service connection state and per-layer data age.

A layer (topic) is *stale* when its service is not ``live``, when nothing was ever
received for it, or when nothing has been heard for it for ``quiet_s``: no event, no
snapshot, and no ``heads`` frame from its service (the server sends ``heads`` every 5 s
so a client can tell a quiet topic from a stalled one; a stalled topic makes the feed
client resync, and its service then reports a state other than ``live``).

:meth:`Freshness.layer_age` is the plain *data* age (newest event or snapshot), the
number shown next to a layer; ``heads`` only keep a quiet layer from turning stale.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from copy import copy
from types import MappingProxyType

from console.state.inputs import JournalEntry, ServiceStatus
from services.protocol.entities import SERVICE_TOPICS, TOPIC_SERVICE

LAYERS: tuple[str, ...] = tuple(TOPIC_SERVICE)


class Freshness:
    """Connection statuses and receive times, fed by the store's ``apply``."""

    def __init__(self, *, quiet_s: float = 30.0) -> None:
        self.quiet_s = quiet_s
        self._statuses: dict[str, ServiceStatus] = {}
        self._received: dict[str, float] = {}  # topic -> newest event/snapshot receive time
        self._heard: dict[str, float] = {}  # topic -> newest receive time incl. heads
        self._rejected: dict[str, int] = {}
        self.statuses: Mapping[str, ServiceStatus] = MappingProxyType(self._statuses)
        self.rejected: Mapping[str, int] = MappingProxyType(self._rejected)

    # ------------------------------------------------------------------ feeding
    def note_received(self, topic: str, at: float) -> None:
        """Data (an event or a snapshot) for ``topic`` was received at ``at``."""
        if at > self._received.get(topic, float("-inf")):
            self._received[topic] = at
        self._note_heard(topic, at)

    def note_journal(self, entries: Iterable[JournalEntry]) -> None:
        """Count ``heads`` frames as proof that the service's topics are current."""
        for entry in entries:
            if entry.kind != "heads":
                continue
            topics = (entry.topic,) if entry.topic else SERVICE_TOPICS.get(entry.service, ())
            for topic in topics:
                self._note_heard(topic, entry.received_at)

    def set_status(self, status: ServiceStatus) -> bool:
        """Record a service's status; True if its state, detail or ``since`` changed."""
        previous = self._statuses.get(status.service)
        # A copy: the feed client may update its own status object in place.
        self._statuses[status.service] = copy(status)
        return previous is None or (previous.state, previous.detail, previous.since) != (
            status.state,
            status.detail,
            status.since,
        )

    def add_rejected(self, service: str, count: int) -> bool:
        """Add frames refused as malformed; True if the service's count grew."""
        if count <= 0:
            return False
        self._rejected[service] = self._rejected.get(service, 0) + count
        return True

    def _note_heard(self, topic: str, at: float) -> None:
        if at > self._heard.get(topic, float("-inf")):
            self._heard[topic] = at

    # ------------------------------------------------------------------ reading
    def service_status(self, service: str) -> ServiceStatus | None:
        return self._statuses.get(service)

    def service_live(self, service: str) -> bool:
        status = self._statuses.get(service)
        return status is not None and status.state == "live"

    def layer_age(self, topic: str, now: float) -> float | None:
        """Seconds since the newest event or snapshot of ``topic``; ``None`` if never."""
        received = self._received.get(topic)
        if received is None:
            return None
        return max(0.0, now - received)

    def layer_stale(self, topic: str, now: float) -> bool:
        service = TOPIC_SERVICE.get(topic)
        if service is None or not self.service_live(service):
            return True
        heard = self._heard.get(topic)
        if heard is None or topic not in self._received:
            return True
        return now - heard > self.quiet_s

    def picture_age(self, now: float, topics: Iterable[str] = LAYERS) -> float | None:
        """Age of the oldest layer that has any data (the "cached picture" banner).

        ``None`` when no layer has received anything yet.
        """
        ages = [age for topic in topics if (age := self.layer_age(topic, now)) is not None]
        return max(ages) if ages else None
