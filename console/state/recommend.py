"""Which units to send: available units ranked by estimated travel time to the incident.

The estimate is deliberately simple and explainable: great-circle distance × a road
factor, over the unit kind's typical speed. A unit whose last fix is stale may be far
from where the map shows it, so its estimate gets a fixed penalty and is flagged.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING

from console.state.geo import haversine_m
from console.state.orders import fatigued

if TYPE_CHECKING:
    from console.state.store import SituationStore
    from console.state.views import UnitView

ROAD_FACTOR = 1.3
#: Typical speeds in metres per second; kinds not listed use ``DEFAULT_SPEED_MPS``.
KIND_SPEEDS_MPS: Mapping[str, float] = MappingProxyType(
    {"patrol_car": 11.0, "motorbike": 10.0, "foot": 1.4, "community": 1.2, "drone": 14.0}
)
DEFAULT_SPEED_MPS = 8.0
STALE_FIX_PENALTY_S = 120.0


@dataclass(frozen=True, slots=True)
class Recommendation:
    """One candidate unit and why it ranks where it does.

    ``eta_s`` is the travel estimate; ``score_s`` (what the ranking sorts by) adds
    ``penalty_s`` for a stale fix. ``fatigued`` is shown, not penalised.
    """

    unit_id: str
    callsign: str
    kind: str
    distance_m: float
    road_factor: float
    speed_mps: float
    eta_s: float
    fix_age_s: float | None
    stale_fix: bool
    penalty_s: float
    score_s: float
    fatigued: bool


def speed_of(kind: str, speeds: Mapping[str, float] = KIND_SPEEDS_MPS) -> float:
    return speeds.get(kind, DEFAULT_SPEED_MPS)


def estimate(
    store: SituationStore,
    incident_id: str,
    view: UnitView,
    *,
    speeds: Mapping[str, float] = KIND_SPEEDS_MPS,
    road_factor: float = ROAD_FACTOR,
) -> tuple[float, float] | None:
    """``(distance_m, eta_s)`` of any unit (available or not) to the incident, by the same
    rule as :func:`rank_units`; ``None`` without a position or an incident."""
    incident = store.incidents.get(incident_id)
    if incident is None or view.position is None:
        return None
    target = incident.location
    distance = haversine_m(view.position.lat, view.position.lon, target.lat, target.lon)
    return distance, distance * road_factor / speed_of(view.unit.kind, speeds)


def rank_units(
    store: SituationStore,
    incident_id: str,
    now: float,
    *,
    limit: int = 10,
    speeds: Mapping[str, float] = KIND_SPEEDS_MPS,
    road_factor: float = ROAD_FACTOR,
    stale_fix_penalty_s: float = STALE_FIX_PENALTY_S,
) -> list[Recommendation]:
    """Up to ``limit`` available units with a position, fastest estimated arrival first.

    Units that are busy, off duty or already assigned (any status but ``available``) and
    units without a position are left out. An unknown incident gives an empty list.
    """
    incident = store.incidents.get(incident_id)
    if incident is None or limit <= 0:
        return []
    target = incident.location
    fatigue_limit_s = store.policy.fatigue_after_s
    ranked: list[Recommendation] = []
    for view in store.unit_views():
        position = view.position
        if view.unit.status != "available" or position is None:
            continue
        distance = haversine_m(position.lat, position.lon, target.lat, target.lon)
        speed = speed_of(view.unit.kind, speeds)
        eta = distance * road_factor / speed
        stale = view.fix_stale(now)
        penalty = stale_fix_penalty_s if stale else 0.0
        ranked.append(
            Recommendation(
                unit_id=view.unit.id,
                callsign=view.unit.callsign,
                kind=view.unit.kind,
                distance_m=distance,
                road_factor=road_factor,
                speed_mps=speed,
                eta_s=eta,
                fix_age_s=view.fix_age(now),
                stale_fix=stale,
                penalty_s=penalty,
                score_s=eta + penalty,
                fatigued=fatigued(view, now, limit_s=fatigue_limit_s),
            )
        )
    ranked.sort(key=lambda r: (r.score_s, r.distance_m, r.unit_id))
    return ranked[:limit]
