"""Opinion early warning in one object: volumes, samples, spikes, warnings, coverage.

:class:`OpinionWatch` is told about alert changes (:meth:`note`) and samples the volumes
at a steady pace (:meth:`sample`, when :meth:`sample_due`); each sample goes to the spike
detector, the warning book and the trend history. Every method takes the time it
happens at; nothing here reads a clock, so it is driven the same way live (wall clock),
in replay (the replay clock) and in tests.
"""

from __future__ import annotations

from collections.abc import Iterable

from console.state.opinion.coverage import PlatformCoverage, SourceCoverage
from console.state.opinion.detector import SpikeDetector
from console.state.opinion.policy import OpinionPolicy
from console.state.opinion.volumes import AlertVolumes, VolumeHistory, VolumeSample
from console.state.opinion.warnings import SpikeWarning, WarningBook
from console.state.timestamps import ts_seconds
from services.protocol.entities import Alert


class OpinionWatch:
    def __init__(self, policy: OpinionPolicy, *, started_at: float) -> None:
        self.policy = policy
        self.volumes = AlertVolumes()
        self.coverage = SourceCoverage(policy, started_at)
        self.detector = SpikeDetector(policy)
        self.warnings = WarningBook(policy)
        self.history = VolumeHistory(policy.trend_s)
        #: ids of the warnings changed by the latest sample (raised, followed or ended)
        self.changed: set[str] = set()

    # ------------------------------------------------------------------ alerts
    def note(self, upserted: Iterable[Alert], removed: Iterable[str], at: float) -> bool:
        """Alerts added or changed, and ids removed, at ``at``; True if any volume,
        excerpt or sentiment changed (the trends' current point moved).

        A platform posted when one of its alerts is new (at its first post ``ts`` if
        that is earlier — an alert loaded from the cache was not posted just now) or
        when an alert's posts changed.
        """
        moved = False
        for alert in upserted:
            activity = self.volumes.upsert(alert)
            if activity is None:
                continue
            moved = True
            seen = at
            if activity == "new":
                first_post = ts_seconds(alert.ts)
                if first_post is not None:
                    seen = min(at, first_post)
            self.coverage.note(alert.platform, seen)
        for alert_id in removed:
            moved = self.volumes.remove(alert_id) or moved
        return moved

    # ------------------------------------------------------------------ sampling
    def sample_due(self, at: float) -> bool:
        last = self.detector.last_at
        return last is None or at - last >= self.policy.sample_s

    def sample(self, at: float) -> list[SpikeWarning]:
        """Sample the volumes at ``at``; returns the warnings raised (new spikes).

        :attr:`changed` then names every warning the sample raised, followed or ended.
        A time before the previous sample (a replay seeking backwards) starts the
        baselines and the history afresh; the warnings stay.
        """
        last = self.detector.last_at
        if last is not None and at <= last:
            if at == last:
                self.changed = set()
                return []
            self.detector = SpikeDetector(self.policy)
            self.history.clear()
        detection = self.detector.observe(at, self.volumes.by_key)
        raised, self.changed = self.warnings.apply(detection)
        self.history.add(VolumeSample(at, self.volumes.topic_moods(), self.volumes.city_mood()))
        return raised

    # ------------------------------------------------------------------ the operator
    def acknowledge(self, warning_id: str, at: float) -> bool:
        return self.warnings.acknowledge(warning_id, at)

    def escalated(self, now: float) -> list[SpikeWarning]:
        return self.warnings.escalated(now)

    def quiet_platforms(self, now: float) -> list[PlatformCoverage]:
        return self.coverage.quiet(now)
