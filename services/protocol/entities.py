"""Entity schemas of protocol v1 (docs/protocol.md, "Services, topics and entities").

These are the *minimum* fields; services may add more and decoders ignore what they do not
know. Status fields that drive console logic are closed sets; kinds and categories are
open strings, because a real city's CAD will have its own.
"""

from __future__ import annotations

from typing import Annotated, Literal

import msgspec
from msgspec import Meta, Struct

from services.protocol.limits import (
    MAX_INCIDENT_UNITS,
    MAX_NOTES,
    Address,
    Identifier,
    Label,
    Name,
    NoteText,
    Text,
    Url,
)

Timestamp = Annotated[
    str, Meta(max_length=32, pattern=r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,6})?Z$")
]
Latitude = Annotated[float, Meta(ge=-90.0, le=90.0)]
Longitude = Annotated[float, Meta(ge=-180.0, le=180.0)]
Version = Annotated[int, Meta(ge=0)]

IncidentStatus = Literal["new", "dispatched", "en_route", "on_scene", "resolved", "closed"]
UnitStatus = Literal["available", "dispatched", "en_route", "on_scene", "busy", "off_duty"]
CameraStatus = Literal["online", "offline"]
Severity = Literal["info", "watch", "warning", "critical"]

INCIDENT_STATUSES: tuple[str, ...] = IncidentStatus.__args__  # type: ignore[attr-defined]
UNIT_STATUSES: tuple[str, ...] = UnitStatus.__args__  # type: ignore[attr-defined]
SEVERITIES: tuple[str, ...] = Severity.__args__  # type: ignore[attr-defined]


class Location(Struct, frozen=True):
    lat: Latitude
    lon: Longitude


class Note(Struct, frozen=True):
    ts: Timestamp
    text: NoteText


# Optional fields after ``version`` are additions of the reference backend (docs/protocol.md,
# "Entity fields added by the S-city simulator"); other services may leave them out.


class Incident(Struct, kw_only=True):
    id: Identifier
    category: Name
    priority: Annotated[int, Meta(ge=1, le=4)]
    status: IncidentStatus
    summary: Text
    location: Location
    address: Address = ""
    district: Name = ""
    reported_at: Timestamp
    updated_at: Timestamp
    units: Annotated[list[Identifier], Meta(max_length=MAX_INCIDENT_UNITS)] = msgspec.field(
        default_factory=list
    )
    source: Name = "call"
    version: Version
    summary_en: Text | None = None
    lang: Name | None = None
    notes: Annotated[list[Note], Meta(max_length=MAX_NOTES)] = msgspec.field(default_factory=list)


class Unit(Struct, kw_only=True):
    id: Identifier
    callsign: Label
    kind: Name
    station: Label
    status: UnitStatus
    incident: Identifier | None = None
    dispatched_at: Timestamp | None = None
    ack_at: Timestamp | None = None
    shift_started_at: Timestamp | None = None
    version: Version
    ack_via: Name | None = None
    #: why the unit is in its current status (given with ``unit.set_status``)
    status_reason: NoteText | None = None
    #: the client (hello ``client``) whose command dispatched the unit's current order
    dispatched_by: Label | None = None


class Position(Struct, kw_only=True):
    unit: Identifier
    lat: Latitude
    lon: Longitude
    heading: Annotated[float, Meta(ge=0.0, le=360.0)] = 0.0
    speed: Annotated[float, Meta(ge=0.0)] = 0.0
    fix_at: Timestamp
    version: Version = 0


class WsJpegStream(Struct, tag_field="kind", tag="ws-jpeg", frozen=True):
    pass


class UrlStream(Struct, tag_field="kind", tag="url", frozen=True):
    url: Url


class Camera(Struct, kw_only=True):
    id: Identifier
    name: Label
    location: Location
    district: Name = ""
    kind: Name = "fixed"
    status: CameraStatus
    stream: WsJpegStream | UrlStream
    version: Version
    name_en: Label | None = None


class Alert(Struct, kw_only=True):
    id: Identifier
    ts: Timestamp
    platform: Name
    topic: Label
    excerpt: Text
    sentiment: Annotated[float, Meta(ge=-1.0, le=1.0)]
    volume: Annotated[int, Meta(ge=0)]
    location: Location | None = None
    district: Name = ""
    severity: Severity
    incident: Identifier | None = None
    version: Version
    acknowledged: bool = False
    acknowledged_at: Timestamp | None = None


Entity = Incident | Unit | Position | Camera | Alert

#: The entity type of every topic.
TOPIC_ENTITY: dict[str, type[Struct]] = {
    "incidents": Incident,
    "units": Unit,
    "positions": Position,
    "cameras": Camera,
    "alerts": Alert,
}

#: The field that keys each topic's entities (positions are keyed by their unit).
TOPIC_KEY: dict[str, str] = dict.fromkeys(TOPIC_ENTITY, "id") | {"positions": "unit"}

#: The topics each service publishes.
SERVICE_TOPICS: dict[str, tuple[str, ...]] = {
    "cad": ("incidents", "units"),
    "avl": ("positions",),
    "video": ("cameras",),
    "opinion": ("alerts",),
}

SERVICES: tuple[str, ...] = tuple(SERVICE_TOPICS)
TOPIC_SERVICE: dict[str, str] = {
    topic: service for service, topics in SERVICE_TOPICS.items() for topic in topics
}
