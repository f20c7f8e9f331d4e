"""What a recording holds over time: incidents, operator actions, warnings, density.

Built once per recording (on a worker thread: a long recording takes a while) from the
incident and alert frames of the journal and the audit table. The replay controls jump
to the next incident with it; the timeline draws it; the report reads its incidents.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import func, select

from console.replay.recording import Recording
from services.cache.frames import expand_frame
from services.cache.schema import journal
from services.protocol.codec import ProtocolError, decode_entity, decode_server_frame
from services.protocol.entities import Alert, Incident
from services.protocol.messages import Batch, Event, Snapshot

INDEXED_TOPICS = ("incidents", "alerts")
DENSITY_BUCKETS = 400


@dataclass(frozen=True, slots=True)
class Marker:
    ts: float
    kind: str  # "incident" (first seen) | "action" (operator audit) | "warning" (alert)
    key: str
    priority: int  # incidents 1 (highest) … 4; warnings 1 critical, 2 warning; actions 0
    label: str


@dataclass
class RecordingIndex:
    start: float
    end: float
    incidents: list[Marker] = field(default_factory=list)
    actions: list[Marker] = field(default_factory=list)
    warnings: list[Marker] = field(default_factory=list)
    #: (bucket start, frames) over the recording
    density: list[tuple[float, int]] = field(default_factory=list)

    def next_incident(self, after: float) -> Marker | None:
        """The first incident first seen after ``after`` (jump to next incident)."""
        times = [m.ts for m in self.incidents]
        at = bisect.bisect_right(times, after)
        return self.incidents[at] if at < len(self.incidents) else None


def _entities(raw: bytes) -> list[tuple[str, object]]:
    """(topic, entity) of every incident/alert an events or snapshot frame carries."""
    try:
        message = decode_server_frame(raw)
    except ProtocolError:
        return []
    found: list[tuple[str, object]] = []
    events = [message] if isinstance(message, Event) else []
    if isinstance(message, Batch):
        events = list(message.events)
    for event in events:
        if event.topic in INDEXED_TOPICS and not event.type.endswith(".removed"):
            try:
                found.append((event.topic, decode_entity(event.topic, bytes(event.data))))
            except ProtocolError:
                continue
    if isinstance(message, Snapshot) and message.topic in INDEXED_TOPICS:
        for item in message.items:
            try:
                found.append((message.topic, decode_entity(message.topic, bytes(item))))
            except ProtocolError:
                continue
    return found


def build_index(
    recording: Recording,
    progress: Callable[[float], None] | None = None,
    *,
    buckets: int = DENSITY_BUCKETS,
) -> RecordingIndex:
    index = RecordingIndex(recording.start, recording.end)
    index.density = recording.density(buckets)
    seen: set[tuple[str, str]] = set()
    query = (
        select(journal.c.received, journal.c.frame)
        .where(journal.c.topic.in_(INDEXED_TOPICS) | journal.c.topic.is_(None))
        .where(journal.c.kind.in_(("event", "batch", "snapshot")))
        .order_by(journal.c.id)
    )
    span = max(recording.end - recording.start, 1e-6)
    with recording.engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(journal)).scalar() or 0
        for number, (received, raw) in enumerate(conn.execute(query)):
            for topic, entity in _entities(expand_frame(raw)):
                key = (topic, entity.id)  # type: ignore[attr-defined]
                if key in seen:
                    continue
                if isinstance(entity, Incident):
                    seen.add(key)
                    label = f"{entity.id} P{entity.priority} {entity.category}"
                    index.incidents.append(
                        Marker(received, "incident", entity.id, entity.priority, label)
                    )
                elif isinstance(entity, Alert) and entity.severity in ("warning", "critical"):
                    seen.add(key)  # an alert counts when it first reaches warning
                    level = 1 if entity.severity == "critical" else 2
                    index.warnings.append(
                        Marker(received, "warning", entity.id, level, entity.topic)
                    )
            if progress is not None and total and number % 500 == 0:
                progress(min(1.0, (received - recording.start) / span))
    for row in recording.audit_rows(recording.start, recording.end):
        index.actions.append(
            Marker(row["ts"], "action", row["target"], 0, f"{row['action']} {row['target']}")
        )
    if progress is not None:
        progress(1.0)
    return index
