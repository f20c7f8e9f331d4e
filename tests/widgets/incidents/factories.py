"""Incidents with every field the panels show, built on the store tests' builders."""

from __future__ import annotations

from collections.abc import Iterable

import msgspec

from services.protocol.entities import Incident, Note
from tests.console.state.builders import incident, ts


def full_incident(
    incident_id: str = "I-1",
    *,
    version: int = 1,
    status: str = "new",
    priority: int = 2,
    reported_s: float = 0.0,
    updated_s: float | None = None,
    category: str = "theft",
    district: str = "Gusu",
    address: str = "1 Renmin Road",
    summary: str = "Theft reported",
    summary_en: str | None = None,
    source: str = "call",
    units: Iterable[str] = (),
    notes: Iterable[tuple[float, str]] = (),
) -> Incident:
    """An incident as the feed client hands it over, with the optional fields filled in."""
    base = incident(
        incident_id,
        version=version,
        status=status,
        priority=priority,
        reported_s=reported_s,
        updated_s=updated_s,
        summary=summary,
        units=units,
    )
    return msgspec.structs.replace(
        base,
        category=category,
        district=district,
        address=address,
        summary_en=summary_en,
        source=source,
        notes=[Note(ts=ts(offset), text=text) for offset, text in notes],
    )
