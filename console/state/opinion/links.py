"""Incidents an alert may be about: same district, near in space and in time.

Posts about smoke at a street corner a few minutes after a fire was reported there are
most likely about that fire. :func:`suggest_incidents` ranks the candidates for
one-click linking: nearest first, then closest in time.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from console.state.geo import haversine_m
from console.state.opinion.policy import OpinionPolicy
from console.state.timestamps import ts_seconds
from services.protocol.entities import Alert, Incident


@dataclass(frozen=True, slots=True)
class LinkSuggestion:
    incident_id: str
    #: metres between the alert and the incident (None: the alert has no location)
    distance_m: float | None
    #: minutes between the incident's report and the alert's first post (absolute)
    minutes_apart: float


def suggest_incidents(
    alert: Alert, incidents: Iterable[Incident], policy: OpinionPolicy, *, limit: int = 5
) -> list[LinkSuggestion]:
    """Open (not closed) incidents in the alert's district, reported within
    ``link_minutes`` of the alert and — if the alert has a location — within ``link_km``
    of it; not the incident it is already linked to."""
    alert_at = ts_seconds(alert.ts)
    if alert_at is None or (not alert.district and alert.location is None):
        return []  # nowhere to look: the whole city is no suggestion
    found = []
    for incident in incidents:
        if incident.status == "closed" or incident.id == alert.incident:
            continue
        if alert.district and incident.district != alert.district:
            continue
        reported = ts_seconds(incident.reported_at)
        if reported is None:
            continue
        minutes = abs(alert_at - reported) / 60.0
        if minutes > policy.link_minutes:
            continue
        distance = None
        if alert.location is not None:
            distance = haversine_m(
                alert.location.lat,
                alert.location.lon,
                incident.location.lat,
                incident.location.lon,
            )
            if distance > policy.link_km * 1000.0:
                continue
        found.append(LinkSuggestion(incident.id, distance, minutes))
    found.sort(key=lambda s: (s.distance_m if s.distance_m is not None else 0.0, s.minutes_apart))
    return found[:limit]
