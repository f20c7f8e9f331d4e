"""What the unit board sorts, groups, filters and counts by, kept per unit."""

from __future__ import annotations

from collections import Counter
from typing import NamedTuple

from services.protocol.entities import Unit
from widgets.common import labels

SortKey = tuple[str, str, str]


class UnitFacts(NamedTuple):
    id: str
    status: str
    station: str
    kind: str
    callsign: str
    incident: str | None
    search: str  # case-folded words the search box matches

    @property
    def sort_key(self) -> SortKey:
        """Group (station), then callsign, then id."""
        return (self.station.casefold(), self.callsign.casefold(), self.id)


def facts_of(key: str, unit: Unit) -> UnitFacts:
    """The facts of ``unit``, stored under ``key`` (its id)."""
    words = (
        unit.callsign,
        key,
        unit.station,
        unit.kind,
        labels.unit_kind(unit.kind),
        labels.unit_status(unit.status),
        unit.incident or "",
    )
    return UnitFacts(
        id=key,
        status=unit.status,
        station=unit.station,
        kind=unit.kind,
        callsign=unit.callsign,
        incident=unit.incident,
        search=" ".join(words).casefold(),
    )


class FacetCounts:
    """Units per status, and which stations and kinds are present."""

    def __init__(self) -> None:
        self.statuses: Counter[str] = Counter()
        self.stations: Counter[str] = Counter()
        self.kinds: Counter[str] = Counter()

    def add(self, facts: UnitFacts) -> bool:
        """Count ``facts`` in; True if a station or kind appeared."""
        self.statuses[facts.status] += 1
        new = facts.station not in self.stations or facts.kind not in self.kinds
        self.stations[facts.station] += 1
        self.kinds[facts.kind] += 1
        return new

    def remove(self, facts: UnitFacts) -> bool:
        """Count ``facts`` out; True if a station or kind vanished."""
        self.statuses[facts.status] -= 1
        if self.statuses[facts.status] <= 0:
            del self.statuses[facts.status]
        gone = False
        for counter, value in ((self.stations, facts.station), (self.kinds, facts.kind)):
            counter[value] -= 1
            if counter[value] <= 0:
                del counter[value]
                gone = True
        return gone
