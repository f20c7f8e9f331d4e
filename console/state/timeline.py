"""Each incident's status history as the store saw it, for the incident detail view."""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping, Sequence

from console.state.history import StatusChange


class IncidentTimelines:
    """Per incident, a capped list of ``(timestamp, status)`` status changes.

    The first entry is the incident as first seen: ``(reported_at, "new")`` for a new
    incident, else ``(updated_at, status)``. A later version adds ``(updated_at, status)``
    only when the status differs from the last entry. The oldest entries fall off past
    ``cap``. Only what this store has seen is known, and what it was given back at start
    (:meth:`restore`: the versions the local cache's journal kept); without that, a picture
    loaded from the cache starts each timeline at the cached status.
    """

    def __init__(self, *, cap: int = 50) -> None:
        if cap < 1:
            raise ValueError("a timeline keeps at least one entry")
        self._cap = cap
        self._entries: dict[str, deque[tuple[str, str]]] = {}

    def record(self, incident: StatusChange) -> bool:
        """Note a version of the incident; True if its timeline gained an entry."""
        entries = self._entries.get(incident.id)
        if entries is None:
            first_ts = incident.reported_at if incident.status == "new" else incident.updated_at
            self._entries[incident.id] = deque([(first_ts, incident.status)], maxlen=self._cap)
            return True
        if entries[-1][1] == incident.status:
            return False
        entries.append((incident.updated_at, incident.status))
        return True

    def restore(self, changes: Mapping[str, Sequence[StatusChange]]) -> None:
        """Rebuild the timelines of these incidents from their versions, oldest first, by
        the same rule as :meth:`record` (other incidents' timelines are kept)."""
        for incident_id, versions in changes.items():
            self._entries.pop(incident_id, None)
            for version in versions:
                self.record(version)

    def drop(self, incident_id: str) -> None:
        self._entries.pop(incident_id, None)

    def timeline(self, incident_id: str) -> list[tuple[str, str]]:
        """Oldest first; empty for an unknown incident."""
        return list(self._entries.get(incident_id, ()))
