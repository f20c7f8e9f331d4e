"""Early warnings raised from spikes: one per spike, acknowledged by the operator.

A warning is raised when a spike starts and follows it while it goes on (its peak
volume and z; it becomes *critical* once they reach ``critical_volume`` and
``critical_z``) until it ends. It is
never raised again for the same spike. An unacknowledged critical warning *escalates*
``escalate_after_s`` after it became critical — like a dispatch order that the field
terminal never acknowledged — and stays escalated until an operator acknowledges it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from console.state.opinion.detector import Detection, Key, SpikeReading
from console.state.opinion.policy import OpinionPolicy

WarningSeverity = Literal["warning", "critical"]


@dataclass(frozen=True, slots=True)
class SpikeWarning:
    """One spike of posts about a topic in a district. Times are seconds since the epoch.

    ``volume``, ``baseline``, ``sigma`` and ``z`` are the figures when it was raised (its
    reason); ``peak_*`` the highest seen while it lasted.
    """

    id: str
    topic: str
    district: str
    raised_at: float
    volume: int
    baseline: float
    sigma: float
    z: float
    severity: WarningSeverity
    peak_volume: int
    peak_z: float
    critical_since: float | None = None
    ended_at: float | None = None
    acknowledged_at: float | None = None

    @property
    def key(self) -> Key:
        return (self.topic, self.district)

    @property
    def active(self) -> bool:
        """The spike is still going on."""
        return self.ended_at is None

    @property
    def acknowledged(self) -> bool:
        return self.acknowledged_at is not None


class WarningBook:
    """Every warning raised, newest first; a capped history that never drops an
    unacknowledged or active warning."""

    def __init__(self, policy: OpinionPolicy, *, cap: int = 500) -> None:
        self._policy = policy
        self._cap = cap
        self._warnings: dict[str, SpikeWarning] = {}  # insertion order = raise order
        self._open: dict[Key, str] = {}  # key -> id of its active warning
        self._count = 0

    def __len__(self) -> int:
        return len(self._warnings)

    def get(self, warning_id: str) -> SpikeWarning | None:
        return self._warnings.get(warning_id)

    def warnings(self) -> list[SpikeWarning]:
        """Newest first."""
        return list(reversed(self._warnings.values()))

    def active_for(self, key: Key) -> SpikeWarning | None:
        warning_id = self._open.get(key)
        return None if warning_id is None else self._warnings[warning_id]

    # ------------------------------------------------------------------ detection
    def apply(self, detection: Detection) -> tuple[list[SpikeWarning], set[str]]:
        """Raise, follow and end warnings; returns (raised, ids of every warning changed)."""
        raised: list[SpikeWarning] = []
        changed: set[str] = set()
        for reading in detection.started:
            warning = self._raise(reading)
            raised.append(warning)
            changed.add(warning.id)
        for reading in detection.ongoing:
            if self._follow(reading):
                changed.add(self._open[reading.key])
        for reading in detection.ended:
            warning_id = self._open.pop(reading.key, None)
            if warning_id is not None:
                self._warnings[warning_id] = replace(
                    self._warnings[warning_id], ended_at=reading.at
                )
                changed.add(warning_id)
        if raised:
            self._trim()
        return raised, changed

    def _raise(self, reading: SpikeReading) -> SpikeWarning:
        self._count += 1
        critical = self._critical(reading.volume, reading.z)
        warning = SpikeWarning(
            id=f"W-{self._count}",
            topic=reading.key[0],
            district=reading.key[1],
            raised_at=reading.at,
            volume=reading.volume,
            baseline=reading.baseline,
            sigma=reading.sigma,
            z=reading.z,
            severity="critical" if critical else "warning",
            peak_volume=reading.volume,
            peak_z=reading.z,
            critical_since=reading.at if critical else None,
        )
        self._warnings[warning.id] = warning
        self._open[reading.key] = warning.id
        return warning

    def _follow(self, reading: SpikeReading) -> bool:
        warning_id = self._open.get(reading.key)
        if warning_id is None:
            return False
        warning = self._warnings[warning_id]
        if reading.volume <= warning.peak_volume and reading.z <= warning.peak_z:
            return False
        updated = replace(
            warning,
            peak_volume=max(warning.peak_volume, reading.volume),
            peak_z=max(warning.peak_z, reading.z),
        )
        if updated.severity != "critical" and self._critical(updated.peak_volume, updated.peak_z):
            updated = replace(updated, severity="critical", critical_since=reading.at)
        self._warnings[warning_id] = updated
        return updated != warning

    def _critical(self, volume: int, z: float) -> bool:
        return volume >= self._policy.critical_volume and z >= self._policy.critical_z

    def _trim(self) -> None:
        excess = len(self._warnings) - self._cap
        if excess <= 0:
            return
        done = [w.id for w in self._warnings.values() if w.acknowledged and not w.active]
        for warning_id in done[:excess]:
            del self._warnings[warning_id]

    # ------------------------------------------------------------------ the operator
    def acknowledge(self, warning_id: str, at: float) -> bool:
        """The operator saw it; True if that changed anything (unknown ids: False)."""
        warning = self._warnings.get(warning_id)
        if warning is None or warning.acknowledged:
            return False
        self._warnings[warning_id] = replace(warning, acknowledged_at=at)
        return True

    def unacknowledged(self) -> list[SpikeWarning]:
        """Newest first."""
        return [w for w in self.warnings() if not w.acknowledged]

    def escalated(self, now: float) -> list[SpikeWarning]:
        """Critical warnings unacknowledged for longer than ``escalate_after_s`` since
        they became critical, longest first."""
        limit = self._policy.escalate_after_s
        found = [
            w
            for w in self._warnings.values()
            if not w.acknowledged
            and w.critical_since is not None
            and now - w.critical_since > limit
        ]
        return sorted(found, key=lambda w: (w.critical_since, w.id))
