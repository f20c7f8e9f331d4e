"""Which units to send: available units ranked by estimated travel time to the incident.

The estimate is deliberately simple and explainable: great-circle distance × a road
factor, over the unit kind's typical speed. A unit whose last fix is stale may be far
from where the map shows it, so its estimate gets a fixed penalty and is flagged.

Ranking thousands of units stays cheap: a vectorised pass over the available units'
positions gives each a lower bound of its score (its travel estimate, before any penalty);
only the units whose bound can still beat the ``limit``-th best exact score are estimated
in full. The result is the same as estimating every unit (tests compare with a full scan).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING

from console.state.geo import EARTH_RADIUS_M, haversine_m
from console.state.orders import fatigued
from console.state.views import UnitView

if TYPE_CHECKING:
    from console.state.store import SituationStore
    from services.protocol.entities import Position, Unit

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
    """Up to ``limit`` available units with a position, fastest estimated arrival first
    (ties: the nearer, then the lower unit id).

    Units that are busy, off duty or already assigned (any status but ``available``) and
    units without a position are left out. An unknown incident gives an empty list.
    """
    incident = store.incidents.get(incident_id)
    if incident is None or limit <= 0:
        return []
    target = incident.location
    positions = store.positions
    candidates: list[tuple[Unit, Position]] = []
    for key, unit in store.units.items():
        if unit.status == "available" and (position := positions.get(key)) is not None:
            candidates.append((unit, position))
    stale_s = store.policy.fix_stale_s
    if len(candidates) > limit:

        def penalty_of(unit: Unit, position: Position) -> float:
            stale = UnitView(unit, position, stale_s).fix_stale(now)
            return stale_fix_penalty_s if stale else 0.0

        candidates = _could_rank(
            candidates, target.lat, target.lon, limit, speeds, road_factor, penalty_of
        )

    fatigue_limit_s = store.policy.fatigue_after_s
    ranked: list[Recommendation] = []
    for unit, position in candidates:
        view = UnitView(unit, position, stale_s)
        distance = haversine_m(position.lat, position.lon, target.lat, target.lon)
        speed = speed_of(unit.kind, speeds)
        eta = distance * road_factor / speed
        stale = view.fix_stale(now)
        penalty = stale_fix_penalty_s if stale else 0.0
        ranked.append(
            Recommendation(
                unit_id=unit.id,
                callsign=unit.callsign,
                kind=unit.kind,
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


def _could_rank(  # noqa: PLR0917 (private; one call site)
    candidates: list[tuple[Unit, Position]],
    lat: float,
    lon: float,
    limit: int,
    speeds: Mapping[str, float],
    road_factor: float,
    penalty_of: Callable[[Unit, Position], float],
) -> list[tuple[Unit, Position]]:
    """The candidates that can be among the ``limit`` best: a superset of them.

    A unit's score is its travel estimate plus a penalty that is never negative, so the
    estimate is a lower bound of the score. The ``limit`` units of the lowest estimates
    score at most ``bound`` (the worst of their scores), so at least ``limit`` units score
    ``bound`` or better: a unit whose estimate is above it cannot be among the best. The
    estimates here are vectorised (numpy's trigonometry may differ from ``math``'s in the
    last bits: a relative margin of 1e-9 covers that). numpy is imported here, at the first
    ranking, not with the desk's modules: it is not needed to show the desk.
    """
    import numpy as np  # noqa: PLC0415 (deferred: keeps the console's start fast)

    lats = np.radians(np.fromiter((p.lat for _, p in candidates), float, len(candidates)))
    lons = np.radians(np.fromiter((p.lon for _, p in candidates), float, len(candidates)))
    unit_speeds = np.fromiter(
        (speed_of(u.kind, speeds) for u, _ in candidates), float, len(candidates)
    )
    phi = np.radians(lat)
    a = (
        np.sin((phi - lats) / 2.0) ** 2
        + np.cos(lats) * np.cos(phi) * np.sin((np.radians(lon) - lons) / 2.0) ** 2
    )
    distances = 2.0 * EARTH_RADIUS_M * np.arcsin(np.minimum(1.0, np.sqrt(a)))
    etas = distances * road_factor / unit_speeds
    nearest = np.argpartition(etas, limit - 1)[:limit]
    bound = max(float(etas[i]) + penalty_of(*candidates[i]) for i in nearest)
    bound += 1e-9 * bound + 1e-9
    return [candidates[i] for i in np.flatnonzero(etas <= bound)]
