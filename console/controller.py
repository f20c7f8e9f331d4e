"""Operator actions → commands: tracked in the store, committed to the outbox, then sent.

Every action returns the command id at once and never waits for the disk: the operator
sees it "queuing" immediately, "queued" once the feed's cache writer confirms the outbox
row is committed (or "NOT queued" with the reason if the cache could not store it: it
is then sent from memory while the console runs), "sent" when it went on the wire, then
"accepted" or "refused" (a ``conflict`` is shown to the operator and never retried
automatically). Plain Python: callable from any Qt slot.
"""

from __future__ import annotations

from typing import Any, Protocol

from console.state import SituationStore


class CommandSink(Protocol):
    def submit_command(
        self, service: str, command_type: str, data: dict[str, Any], *, target: str = ""
    ) -> str: ...


class CommandController:
    def __init__(self, feed: CommandSink, store: SituationStore) -> None:
        self._feed = feed
        self._store = store

    def _issue(
        self, service: str, kind: str, data: dict[str, Any], target: str, summary: str
    ) -> str:
        command_id = self._feed.submit_command(service, kind, data, target=target)
        self._store.track_command(command_id, kind, summary, data)
        return command_id

    def _version(self, collection: str, key: str) -> int | None:
        entity = getattr(self._store, collection).get(key)
        return None if entity is None else int(entity.version)

    def dispatch(self, incident_id: str, unit_ids: list[str], reason: str = "") -> str:
        """Send units; an override ``reason`` (confirmed several, far or fatigued units)
        travels in the payload: the hub notes it on the incident, the outbox's audit row
        keeps it."""
        data: dict[str, Any] = {"incident": incident_id, "units": list(unit_ids)}
        version = self._version("incidents", incident_id)
        if version is not None:
            data["expected_version"] = version
        summary = f"{incident_id} ← {', '.join(unit_ids)}"
        if reason.strip():
            data["reason"] = reason.strip()
            summary += f" ({data['reason']})"
        return self._issue("cad", "incident.dispatch", data, incident_id, summary)

    def recall(self, incident_id: str, unit_ids: list[str], reason: str) -> str:
        """Take units off an incident (they become available); ``reason`` is required."""
        if not reason.strip():
            raise ValueError("a recall needs a reason")
        data: dict[str, Any] = {
            "incident": incident_id,
            "units": list(unit_ids),
            "reason": reason.strip(),
        }
        return self._issue(
            "cad",
            "incident.recall",
            data,
            incident_id,
            f"{incident_id} ✕ {', '.join(unit_ids)} ({data['reason']})",
        )

    def reassign(self, unit_id: str, incident_id: str, reason: str) -> str:
        """Move a unit to another incident: one ``incident.dispatch`` with a reason (the
        backend takes it off its current incident in the same change and notes both)."""
        if not reason.strip():
            raise ValueError("a reassignment needs a reason")
        return self.dispatch(incident_id, [unit_id], reason)

    def update_incident(self, incident_id: str, **changes: Any) -> str:
        allowed = {"priority", "category", "summary", "address", "note"}
        unknown = set(changes) - allowed
        if unknown:
            raise ValueError(f"cannot change {', '.join(sorted(unknown))} of an incident")
        data: dict[str, Any] = {"incident": incident_id, **changes}
        version = self._version("incidents", incident_id)
        if version is not None:
            data["expected_version"] = version
        return self._issue(
            "cad",
            "incident.update",
            data,
            incident_id,
            f"{incident_id}: {', '.join(sorted(changes))}",
        )

    def create_incident(
        self,
        *,
        category: str,
        priority: int,
        summary: str,
        lat: float,
        lon: float,
        address: str = "",
        district: str = "",
    ) -> str:
        data = {
            "category": category,
            "priority": priority,
            "summary": summary,
            "location": {"lat": lat, "lon": lon},
            "address": address,
            "district": district,
            "source": "call",
        }
        return self._issue("cad", "incident.create", data, "", f"{category} P{priority}")

    def close_incident(self, incident_id: str, resolution: str = "") -> str:
        data: dict[str, Any] = {"incident": incident_id, "resolution": resolution}
        version = self._version("incidents", incident_id)
        if version is not None:
            data["expected_version"] = version
        return self._issue("cad", "incident.close", data, incident_id, incident_id)

    def set_unit_status(self, unit_id: str, status: str, reason: str = "") -> str:
        """Set a unit's status; ``busy`` and ``off_duty`` need a ``reason`` (the hub refuses
        them without one, ``bad_request``)."""
        data: dict[str, Any] = {"unit": unit_id, "status": status}
        version = self._version("units", unit_id)
        if version is not None:
            data["expected_version"] = version
        summary = f"{unit_id} → {status}"
        if reason.strip():
            data["reason"] = reason.strip()
            summary += f" ({data['reason']})"
        return self._issue("cad", "unit.set_status", data, unit_id, summary)

    def acknowledge_alert(self, alert_id: str) -> str:
        return self._issue("opinion", "alert.acknowledge", {"alert": alert_id}, alert_id, alert_id)

    def link_alert(self, alert_id: str, incident_id: str) -> str:
        return self._issue(
            "opinion",
            "alert.link_incident",
            {"alert": alert_id, "incident": incident_id},
            alert_id,
            f"{alert_id} → {incident_id}",
        )
