"""Units at other stations or with other callsigns than the store builders give."""

from __future__ import annotations

from typing import Any

from services.protocol.entities import Unit
from tests.console.state.builders import unit


def stationed(unit_id: str, station: str, *, callsign: str | None = None, **fields: Any) -> Unit:
    """:func:`tests.console.state.builders.unit`, at ``station`` (and with ``callsign``)."""
    base = unit(unit_id, **fields)
    data = {name: getattr(base, name) for name in base.__struct_fields__}
    data["station"] = station
    if callsign is not None:
        data["callsign"] = callsign
    return Unit(**data)
