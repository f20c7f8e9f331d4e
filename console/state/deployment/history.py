"""Incidents for the heat model, from the store and from recorded frames.

The store holds the incidents open now (and recently closed ones); the local cache's
journal holds the frames received over its retention (a week by default): every
incident ever reported in them — however it ended — is history for the heat. Frames
are decoded with the protocol's own decoder; a frame that no longer decodes is counted
and skipped.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from console.state.timestamps import ts_seconds
from services.protocol.codec import (
    ProtocolError,
    decode_entity,
    decode_event_entity,
    decode_server_frame,
)
from services.protocol.entities import Incident
from services.protocol.messages import Batch, Event, Snapshot


@dataclass(frozen=True)
class PastIncident:
    """What the heat needs of an incident."""

    id: str
    reported_ts: float
    lat: float
    lon: float
    category: str


def past_incident(incident: Incident) -> PastIncident | None:
    """The heat's view of an incident (``None`` when its report time is unreadable)."""
    reported = ts_seconds(incident.reported_at)
    if reported is None:
        return None
    location = incident.location
    return PastIncident(incident.id, reported, location.lat, location.lon, incident.category)


@dataclass
class FrameHistory:
    incidents: list[PastIncident]
    frames: int = 0
    unreadable: int = 0


def incidents_in_frames(frames: Iterable[bytes]) -> FrameHistory:
    """Every incident version found in recorded server frames (events, batches and
    snapshots of the ``incidents`` topic), in frame order."""
    history = FrameHistory([])
    for frame in frames:
        history.frames += 1
        try:
            message = decode_server_frame(frame)
            for incident in _incidents(message):
                found = past_incident(incident)
                if found is not None:
                    history.incidents.append(found)
        except ProtocolError:
            history.unreadable += 1
    return history


def _incidents(message: object) -> list[Incident]:
    if isinstance(message, Snapshot):
        if message.topic != "incidents":
            return []
        items = [decode_entity("incidents", raw) for raw in message.items]
        return [item for item in items if isinstance(item, Incident)]
    events = message.events if isinstance(message, Batch) else [message]
    found = []
    for event in events:
        if isinstance(event, Event) and event.topic == "incidents":
            entity = decode_event_entity(event)
            if isinstance(entity, Incident):
                found.append(entity)
    return found
