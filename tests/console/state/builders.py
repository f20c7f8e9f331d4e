"""Hand-built entities, batches and a fake clock for the situation-store tests.

Entities go through the protocol decoder, so every test works on structs exactly as the
feed client hands them over.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any, cast

import msgspec

from services.client.batch import (
    AckResult,
    IngestBatch,
    JournalEntry,
    ServiceStatus,
    TopicReset,
)
from services.protocol.codec import decode_entity
from services.protocol.entities import TOPIC_KEY, Alert, Camera, Incident, Position, Unit
from services.protocol.times import format_ts, parse_ts

#: 2026-11-28 20:30:00 UTC: every test's time zero.
T0 = parse_ts("2026-11-28T20:30:00.000Z").timestamp()

# The incident scene and points around it (S city, roughly).
SCENE = (31.3000, 120.6000)


def ts(offset_s: float) -> str:
    """The protocol timestamp ``offset_s`` seconds after T0."""
    return format_ts(datetime.fromtimestamp(T0 + offset_s, UTC))


class FakeClock:
    """An injected wall clock that only moves when told."""

    def __init__(self, offset_s: float = 0.0) -> None:
        self.now = T0 + offset_s

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> float:
        self.now += seconds
        return self.now

    def at(self, offset_s: float) -> float:
        self.now = T0 + offset_s
        return self.now


def _decode(topic: str, data: dict[str, Any]) -> Any:
    return decode_entity(topic, msgspec.json.encode(data))


def incident(
    incident_id: str = "I-1",
    *,
    version: int = 1,
    status: str = "new",
    priority: int = 2,
    reported_s: float = 0.0,
    updated_s: float | None = None,
    lat: float = SCENE[0],
    lon: float = SCENE[1],
    summary: str = "Theft reported",
    units: Iterable[str] = (),
) -> Incident:
    data = {
        "id": incident_id,
        "category": "theft",
        "priority": priority,
        "status": status,
        "summary": summary,
        "location": {"lat": lat, "lon": lon},
        "reported_at": ts(reported_s),
        "updated_at": ts(reported_s if updated_s is None else updated_s),
        "units": list(units),
        "version": version,
    }
    return cast(Incident, _decode("incidents", data))


def unit(
    unit_id: str = "U-1",
    *,
    version: int = 1,
    status: str = "available",
    kind: str = "patrol_car",
    incident_id: str | None = None,
    dispatched_s: float | None = None,
    ack_s: float | None = None,
    ack_via: str | None = None,
    shift_started_s: float | None = None,
) -> Unit:
    data = {
        "id": unit_id,
        "callsign": f"Call-{unit_id}",
        "kind": kind,
        "station": "Gusu",
        "status": status,
        "incident": incident_id,
        "dispatched_at": None if dispatched_s is None else ts(dispatched_s),
        "ack_at": None if ack_s is None else ts(ack_s),
        "ack_via": ack_via,
        "shift_started_at": None if shift_started_s is None else ts(shift_started_s),
        "version": version,
    }
    return cast(Unit, _decode("units", data))


def position(
    unit_id: str = "U-1",
    *,
    lat: float = SCENE[0],
    lon: float = SCENE[1],
    fix_s: float = 0.0,
    speed: float = 0.0,
    version: int = 0,
) -> Position:
    data = {
        "unit": unit_id,
        "lat": lat,
        "lon": lon,
        "heading": 0.0,
        "speed": speed,
        "fix_at": ts(fix_s),
        "version": version,
    }
    return cast(Position, _decode("positions", data))


def camera(camera_id: str = "C-1", *, version: int = 1, status: str = "online") -> Camera:
    data = {
        "id": camera_id,
        "name": f"Camera {camera_id}",
        "location": {"lat": SCENE[0], "lon": SCENE[1]},
        "status": status,
        "stream": {"kind": "ws-jpeg"},
        "version": version,
    }
    return cast(Camera, _decode("cameras", data))


def alert(alert_id: str = "A-1", *, version: int = 1, severity: str = "watch") -> Alert:
    data = {
        "id": alert_id,
        "ts": ts(0.0),
        "platform": "weibo",
        "topic": "crowd",
        "excerpt": "Many people at the station",
        "sentiment": -0.4,
        "volume": 12,
        "severity": severity,
        "version": version,
    }
    return cast(Alert, _decode("alerts", data))


def topic_of(entity: Any) -> str:
    return {
        Incident: "incidents",
        Unit: "units",
        Position: "positions",
        Camera: "cameras",
        Alert: "alerts",
    }[type(entity)]


def key_of(entity: Any) -> str:
    return cast(str, getattr(entity, TOPIC_KEY[topic_of(entity)]))


def status(service: str, state: str = "live", *, since_s: float = 0.0) -> ServiceStatus:
    return ServiceStatus(service=service, state=state, since=T0 + since_s)


def ack(
    command_id: str, *, ok: bool = True, code: str | None = None, at_s: float = 0.0
) -> AckResult:
    return AckResult(
        command_id=command_id,
        ok=ok,
        result={"version": 2} if ok else None,
        error_code=code,
        error_message=None if ok else f"{code}: the incident changed meanwhile",
        received_at=T0 + at_s,
    )


def heads(service: str, at_s: float) -> JournalEntry:
    return JournalEntry(service=service, received_at=T0 + at_s, frame=b"{}", kind="heads")


def batch(
    *upserts: Any,
    resets: dict[str, Iterable[Any]] | None = None,
    removals: dict[str, Iterable[str]] | None = None,
    received: dict[str, float] | None = None,
    statuses: Iterable[ServiceStatus] = (),
    acks: Iterable[AckResult] = (),
    journal: Iterable[JournalEntry] = (),
) -> IngestBatch:
    """A batch: ``resets`` first, then the ``upserts`` entities, then ``removals``.

    ``received`` gives per-topic receive times as offsets from T0.
    """
    result = IngestBatch()
    for topic, items in (resets or {}).items():
        by_key = {key_of(item): item for item in items}
        result.reset(
            TopicReset(
                topic=topic,
                epoch="e-1",
                seq=len(by_key),
                items=by_key,
                raw={key: msgspec.json.encode(item) for key, item in by_key.items()},
            )
        )
    for entity in upserts:
        result.upsert(topic_of(entity), key_of(entity), entity, msgspec.json.encode(entity))
        result.events += 1
    for topic, keys in (removals or {}).items():
        for key in keys:
            result.remove(topic, key)
            result.events += 1
    result.received = {topic: T0 + offset for topic, offset in (received or {}).items()}
    result.statuses = {s.service: s for s in statuses}
    result.acks = list(acks)
    result.journal = list(journal)
    return result


def live(*services: str) -> IngestBatch:
    """A batch that only says these services are live."""
    return batch(statuses=[status(service) for service in services])
