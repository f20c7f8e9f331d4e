"""The thresholds that turn raw state into "stale", "escalated", "fatigued" and SLA states."""

from __future__ import annotations

from dataclasses import dataclass, field

from console.state.sla import SlaPolicy


@dataclass(frozen=True, slots=True)
class DispatchSafety:
    """When a dispatch needs the operator's confirmation and a reason (the ``[dispatch]``
    table of the configuration).

    A unit is *far* when its estimated arrival is more than ``far_ratio`` × the best
    available unit's *and* more than ``far_extra_s`` later, or its distance more than
    ``far_ratio`` × the best's *and* more than ``far_extra_m`` further. More than
    ``max_units_unconfirmed`` units in one order also need confirming.
    """

    far_ratio: float = 2.0
    far_extra_s: float = 300.0
    far_extra_m: float = 3000.0
    max_units_unconfirmed: int = 1


@dataclass(frozen=True, slots=True)
class StatePolicy:
    """Thresholds of the situation store, in seconds unless named otherwise.

    * ``fix_stale_s`` — an AVL position fix older than this is stale (greyed, flagged).
    * ``layer_quiet_s`` — a layer whose service is live but from which nothing (no event,
      snapshot or ``heads`` frame) has been heard for this long is stale.
    * ``ack_escalation_s`` — a dispatch order unacknowledged for longer is escalated.
    * ``fatigue_after_s`` — on duty (since ``shift_started_at``) longer than this: fatigued.
    * ``timeline_cap`` — status changes kept per incident.
    * ``command_history_cap`` — answered commands kept (unanswered ones are never dropped).
    * ``dispatch`` — when a dispatch must be confirmed with a reason (:class:`DispatchSafety`).
    """

    fix_stale_s: float = 60.0
    layer_quiet_s: float = 30.0
    ack_escalation_s: float = 60.0
    fatigue_after_s: float = 10 * 3600.0
    timeline_cap: int = 50
    command_history_cap: int = 200
    sla: SlaPolicy = field(default_factory=SlaPolicy)
    dispatch: DispatchSafety = field(default_factory=DispatchSafety)
