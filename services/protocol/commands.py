"""Command payloads (docs/protocol.md, "Commands") and which service and roles accept them."""

from __future__ import annotations

from typing import Annotated

from msgspec import Meta, Struct

from services.protocol.entities import Location, UnitStatus
from services.protocol.limits import (
    MAX_DISPATCH_UNITS,
    NAME_CHARS,
    REASON_CHARS,
    Address,
    Identifier,
    Name,
    NoteText,
    Text,
)

Category = Annotated[str, Meta(min_length=1, max_length=NAME_CHARS)]
#: Why an operator overrode a warning, recalled a unit or took it out of service. Half a
#: note, so the note that quotes it (with the units it names) stays within one note.
Reason = Annotated[str, Meta(min_length=1, max_length=REASON_CHARS)]
DispatchUnits = Annotated[list[Identifier], Meta(min_length=1, max_length=MAX_DISPATCH_UNITS)]

#: Statuses that take a unit out of service: ``unit.set_status`` to one of them needs a reason.
OUT_OF_SERVICE: tuple[str, ...] = ("busy", "off_duty")


class IncidentCreate(Struct, kw_only=True, forbid_unknown_fields=True):
    category: Category
    priority: Annotated[int, Meta(ge=1, le=4)]
    summary: Text = ""
    location: Location
    address: Address = ""
    district: Name = ""
    source: Name = "call"


class IncidentUpdate(Struct, kw_only=True, forbid_unknown_fields=True):
    incident: Identifier
    expected_version: int | None = None
    priority: Annotated[int, Meta(ge=1, le=4)] | None = None
    category: Category | None = None
    summary: Text | None = None
    address: Address | None = None
    note: NoteText | None = None  # appended to the incident's notes (at most MAX_NOTES)


class IncidentDispatch(Struct, kw_only=True, forbid_unknown_fields=True):
    incident: Identifier
    units: DispatchUnits
    expected_version: int | None = None
    #: the operator's override reason (several units, a far or fatigued unit, a reassignment):
    #: written to the incident's notes by the same change
    reason: Reason | None = None


class IncidentRecall(Struct, kw_only=True, forbid_unknown_fields=True):
    """Take units off an incident: they become available; the reason goes to its notes."""

    incident: Identifier
    units: DispatchUnits
    reason: Reason
    expected_version: int | None = None


class IncidentClose(Struct, kw_only=True, forbid_unknown_fields=True):
    incident: Identifier
    expected_version: int | None = None
    resolution: Text = ""


class UnitSetStatus(Struct, kw_only=True, forbid_unknown_fields=True):
    unit: Identifier
    status: UnitStatus
    expected_version: int | None = None
    #: required for :data:`OUT_OF_SERVICE` statuses; shown as the unit's ``status_reason``
    reason: Reason | None = None


class AlertAcknowledge(Struct, kw_only=True, forbid_unknown_fields=True):
    alert: Identifier
    expected_version: int | None = None


class AlertLinkIncident(Struct, kw_only=True, forbid_unknown_fields=True):
    alert: Identifier
    incident: Identifier
    expected_version: int | None = None


CommandData = (
    IncidentCreate
    | IncidentUpdate
    | IncidentDispatch
    | IncidentRecall
    | IncidentClose
    | UnitSetStatus
    | AlertAcknowledge
    | AlertLinkIncident
)

#: command type -> (service that accepts it, payload type)
COMMANDS: dict[str, tuple[str, type[Struct]]] = {
    "incident.create": ("cad", IncidentCreate),
    "incident.update": ("cad", IncidentUpdate),
    "incident.dispatch": ("cad", IncidentDispatch),
    "incident.recall": ("cad", IncidentRecall),
    "incident.close": ("cad", IncidentClose),
    "unit.set_status": ("cad", UnitSetStatus),
    "alert.acknowledge": ("opinion", AlertAcknowledge),
    "alert.link_incident": ("opinion", AlertLinkIncident),
}

ROLES: tuple[str, ...] = ("commander", "dispatcher", "wall", "trainee", "viewer")


def role_may(role: str, command_type: str, *, training_backend: bool) -> bool:
    """Whether ``role`` may issue ``command_type`` (docs/protocol.md, "Roles")."""
    if role == "commander":
        return True
    if role == "dispatcher":
        return command_type.startswith(("incident.", "unit."))
    if role == "trainee":
        return training_backend
    return False
