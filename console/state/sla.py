"""Service-level clocks of an incident: time to dispatch, then time to arrive on scene.

Both clocks run from ``reported_at``. While an incident is ``new`` the dispatch target
applies; once dispatched (or en route) the on-scene target; from ``on_scene`` on the
clock is done. A clock is ``warning`` from ``warning_fraction`` of its target and
``breach`` once the elapsed time is past the target.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

from console.state.timestamps import ts_seconds
from services.protocol.entities import Incident

SlaPhase = Literal["dispatch", "arrival", "done"]
SlaState = Literal["ok", "warning", "breach", "done"]


@dataclass(frozen=True, slots=True)
class SlaTargets:
    """One priority's targets, in seconds from the report."""

    dispatch_s: float
    on_scene_s: float


DEFAULT_SLA_TARGETS: Mapping[int, SlaTargets] = MappingProxyType(
    {
        1: SlaTargets(dispatch_s=60.0, on_scene_s=8 * 60.0),
        2: SlaTargets(dispatch_s=120.0, on_scene_s=15 * 60.0),
        3: SlaTargets(dispatch_s=300.0, on_scene_s=30 * 60.0),
        4: SlaTargets(dispatch_s=900.0, on_scene_s=60 * 60.0),
    }
)

_PHASE_OF_STATUS: Mapping[str, SlaPhase] = MappingProxyType(
    {
        "new": "dispatch",
        "dispatched": "arrival",
        "en_route": "arrival",
        "on_scene": "done",
        "resolved": "done",
        "closed": "done",
    }
)


@dataclass(frozen=True, slots=True)
class SlaPolicy:
    """Targets per priority (1 highest) and the fraction of a target that warns."""

    targets: Mapping[int, SlaTargets] = field(default_factory=lambda: DEFAULT_SLA_TARGETS)
    warning_fraction: float = 0.75

    def __post_init__(self) -> None:
        if not self.targets:
            raise ValueError("an SLA policy needs targets for at least one priority")
        if not 0.0 < self.warning_fraction <= 1.0:
            raise ValueError(f"warning_fraction must be in (0, 1], not {self.warning_fraction}")

    def targets_for(self, priority: int) -> SlaTargets:
        """The priority's targets; a priority without its own uses the least urgent one's."""
        found = self.targets.get(priority)
        if found is not None:
            return found
        return self.targets[max(self.targets)]


@dataclass(frozen=True, slots=True)
class SlaClock:
    """An incident's running SLA clock at one instant.

    ``target_s`` and ``remaining_s`` are ``None`` once the clock is done; ``remaining_s``
    goes negative in breach (by how much the target was missed).
    """

    incident_id: str
    priority: int
    phase: SlaPhase
    elapsed_s: float
    target_s: float | None
    remaining_s: float | None
    state: SlaState


def sla_clock(incident: Incident, now: float, policy: SlaPolicy | None = None) -> SlaClock:
    """The incident's SLA clock at ``now`` (wall-clock seconds)."""
    policy = policy or SlaPolicy()
    reported = ts_seconds(incident.reported_at)
    elapsed = 0.0 if reported is None else max(0.0, now - reported)
    phase = _PHASE_OF_STATUS.get(incident.status, "done")
    if phase == "done":
        return SlaClock(incident.id, incident.priority, phase, elapsed, None, None, "done")
    targets = policy.targets_for(incident.priority)
    target = targets.dispatch_s if phase == "dispatch" else targets.on_scene_s
    remaining = target - elapsed
    state: SlaState
    if elapsed > target:
        state = "breach"
    elif elapsed >= policy.warning_fraction * target:
        state = "warning"
    else:
        state = "ok"
    return SlaClock(incident.id, incident.priority, phase, elapsed, target, remaining, state)
