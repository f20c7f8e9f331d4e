"""Dispatch orders tracked to the field terminal's acknowledgement, and crew fatigue.

An order is derived from a CAD unit: ``dispatched_at`` set means an order went out;
``ack_at`` set means the unit's terminal (or a phone call, ``ack_via``) confirmed it. An
order still unacknowledged past the threshold is *escalated*: the order probably did not
arrive and the operator must reach the unit another way.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from console.state.timestamps import age_s, ts_seconds
from console.state.views import UnitView
from services.protocol.entities import Unit


@dataclass(frozen=True, slots=True)
class Order:
    """One dispatch order. ``waited_s`` is the wait so far, or until the acknowledgement."""

    unit_id: str
    callsign: str
    incident_id: str | None
    dispatched_at: str
    waited_s: float
    acknowledged: bool
    ack_at: str | None
    ack_via: str | None
    escalated: bool


def order_of(unit: Unit, now: float, *, escalate_after_s: float) -> Order | None:
    """The unit's current order at ``now``, or ``None`` if it was not dispatched."""
    if unit.dispatched_at is None:
        return None
    dispatched = ts_seconds(unit.dispatched_at)
    acknowledged = unit.ack_at is not None
    end = ts_seconds(unit.ack_at) if acknowledged else now
    waited = 0.0 if dispatched is None or end is None else max(0.0, end - dispatched)
    return Order(
        unit_id=unit.id,
        callsign=unit.callsign,
        incident_id=unit.incident,
        dispatched_at=unit.dispatched_at,
        waited_s=waited,
        acknowledged=acknowledged,
        ack_at=unit.ack_at,
        ack_via=unit.ack_via,
        escalated=not acknowledged and waited > escalate_after_s,
    )


def build_orders(units: Iterable[Unit], now: float, *, escalate_after_s: float) -> list[Order]:
    """Orders of the dispatched ``units``: escalated first, then the other unacknowledged,
    then acknowledged ones; within each group the longest wait first."""
    found = [
        order
        for unit in units
        if (order := order_of(unit, now, escalate_after_s=escalate_after_s)) is not None
    ]
    found.sort(key=lambda o: (not o.escalated, o.acknowledged, -o.waited_s, o.unit_id))
    return found


def hours_on_duty(view: UnitView, now: float) -> float | None:
    """Hours since ``shift_started_at``; ``None`` off duty or without a shift start."""
    if not view.on_duty:
        return None
    seconds = age_s(view.unit.shift_started_at, now)
    return None if seconds is None else seconds / 3600.0


def fatigued(view: UnitView, now: float, *, limit_s: float = 10 * 3600.0) -> bool:
    """On duty for longer than ``limit_s`` (a unit off duty is never fatigued)."""
    hours = hours_on_duty(view, now)
    return hours is not None and hours * 3600.0 > limit_s
