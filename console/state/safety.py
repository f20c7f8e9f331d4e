"""Safe dispatch: which orders need the operator's confirmation, and why.

An order needs confirming (with an override reason that travels with the command into
the incident's notes) when it sends more than one unit, a unit far above the best
available estimate, or a fatigued crew (:class:`~console.state.policy.DispatchSafety`).
Plain Python: the dispatch panel turns :class:`DispatchCheck` into a dialog.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from console.state.orders import hours_on_duty
from console.state.policy import DispatchSafety
from console.state.recommend import Recommendation, estimate, rank_units

if TYPE_CHECKING:
    from console.state.store import SituationStore

ConcernKind = Literal["far", "fatigued", "no_position"]


@dataclass(frozen=True, slots=True)
class UnitConcern:
    """Why one unit of an order needs confirming.

    ``far``: ``distance_m``/``eta_s`` against the best available unit's (``best_*``);
    ``fatigued``: ``hours_on_duty`` against ``limit_hours``; ``no_position``: the unit has
    no known position, so nothing says it is near.
    """

    unit_id: str
    callsign: str
    kind: ConcernKind
    distance_m: float = 0.0
    eta_s: float = 0.0
    best_callsign: str = ""
    best_distance_m: float = 0.0
    best_eta_s: float = 0.0
    hours_on_duty: float = 0.0
    limit_hours: float = 0.0


@dataclass(frozen=True, slots=True)
class DispatchCheck:
    """What an order to ``incident_id`` of ``unit_ids`` would need confirmed."""

    incident_id: str
    unit_ids: tuple[str, ...]
    several: bool
    concerns: tuple[UnitConcern, ...]

    @property
    def needs_confirmation(self) -> bool:
        return self.several or bool(self.concerns)


def check_dispatch(
    store: SituationStore, incident_id: str, unit_ids: list[str], now: float
) -> DispatchCheck:
    """Judge an order before it is sent (see the module docstring)."""
    safety = store.policy.dispatch
    limit_s = store.policy.fatigue_after_s
    ranked = rank_units(store, incident_id, now, limit=len(store.units) or 1)
    best = _best(ranked) or (ranked[0] if ranked else None)
    concerns: list[UnitConcern] = []
    for unit_id in dict.fromkeys(unit_ids):
        view = store.unit_view(unit_id)
        if view is None:
            continue
        callsign = view.unit.callsign or unit_id
        guess = estimate(store, incident_id, view)
        if guess is None:
            concerns.append(UnitConcern(unit_id, callsign, "no_position"))
        elif best is not None and best.unit_id != unit_id and _far(guess, best, safety):
            distance, eta = guess
            concerns.append(
                UnitConcern(
                    unit_id,
                    callsign,
                    "far",
                    distance_m=distance,
                    eta_s=eta,
                    best_callsign=best.callsign or best.unit_id,
                    best_distance_m=best.distance_m,
                    best_eta_s=best.eta_s,
                )
            )
        hours = hours_on_duty(view, now)
        if hours is not None and hours * 3600.0 > limit_s:
            concerns.append(
                UnitConcern(
                    unit_id,
                    callsign,
                    "fatigued",
                    hours_on_duty=hours,
                    limit_hours=limit_s / 3600.0,
                )
            )
    unique = tuple(dict.fromkeys(unit_ids))
    return DispatchCheck(
        incident_id,
        unique,
        several=len(unique) > safety.max_units_unconfirmed,
        concerns=tuple(concerns),
    )


def _best(ranked: list[Recommendation]) -> Recommendation | None:
    """The fastest available unit that is not fatigued, chosen or not (the one a careful
    dispatcher would compare against); ``None`` if every candidate is fatigued."""
    return next((rec for rec in ranked if not rec.fatigued), None)


def _far(guess: tuple[float, float], best: Recommendation, safety: DispatchSafety) -> bool:
    distance, eta = guess
    late = eta > safety.far_ratio * best.eta_s and eta - best.eta_s > safety.far_extra_s
    further = (
        distance > safety.far_ratio * best.distance_m
        and distance - best.distance_m > safety.far_extra_m
    )
    return late or further
