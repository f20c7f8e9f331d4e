"""Spike detection on volume series: a moving (EWMA) baseline, a z-score, hysteresis.

Each key — a (topic, district) pair — has a baseline: an exponentially weighted moving
mean and variance of its volume, with time constant ``baseline_minutes`` (irregular
sample spacing is handled: the weight of a sample grows with the time since the last).
At each observation the volume ``x`` is compared with the baseline *before* it learns
from ``x``::

    σ = max(sqrt(variance), sqrt(max(mean, 1)))      # never below the noise of a count
    z = (x - mean) / σ

* Armed, ``z >= z_threshold`` and ``x >= min_volume``: a spike **starts**; the baseline
  freezes (a spike must not teach the baseline that it is normal).
* Spiking, ``x >= mean + rearm_z · σ``: the spike **goes on** (no new start).
* Spiking, ``x < mean + rearm_z · σ``: the spike **ends**, the key re-arms and the
  baseline learns again.

The first observation primes every key it holds (their baselines start at their
volume: a console starting mid-spike does not call the whole city a spike); a key first
seen later starts from a baseline of 0 (nobody was posting about it). A key whose volume
and baseline are back to nothing is forgotten.

Plain Python: observations carry their own timestamps; nothing here reads a clock.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from console.state.opinion.policy import OpinionPolicy

#: (topic, district)
Key = tuple[str, str]


@dataclass(frozen=True, slots=True)
class SpikeReading:
    """One key's volume against its baseline at one observation."""

    key: Key
    at: float
    volume: int
    baseline: float
    sigma: float
    z: float


@dataclass(slots=True)
class Detection:
    """What one observation changed: spikes started, still going on, and ended."""

    started: list[SpikeReading] = field(default_factory=list)
    ongoing: list[SpikeReading] = field(default_factory=list)
    ended: list[SpikeReading] = field(default_factory=list)


@dataclass(slots=True)
class _Baseline:
    mean: float
    var: float
    at: float  # when it last learned (or last looked, while frozen)
    spiking: bool = False


class SpikeDetector:
    """Per-key baselines; :meth:`observe` returns the spikes that started, go on, ended."""

    def __init__(self, policy: OpinionPolicy) -> None:
        self._policy = policy
        self._baselines: dict[Key, _Baseline] = {}
        self.last_at: float | None = None

    def __len__(self) -> int:
        """Keys with a baseline."""
        return len(self._baselines)

    def baseline(self, key: Key) -> tuple[float, float] | None:
        """``(mean, σ)`` of a key, or None if it has none."""
        state = self._baselines.get(key)
        return None if state is None else (state.mean, self._sigma(state))

    def spiking(self, key: Key) -> bool:
        state = self._baselines.get(key)
        return state is not None and state.spiking

    def observe(self, at: float, volumes: Mapping[Key, int]) -> Detection:
        """Volumes of every key at ``at`` (a key left out has volume 0).

        ``at`` must be later than the previous observation (ValueError otherwise).
        """
        if self.last_at is not None and at <= self.last_at:
            raise ValueError(f"observation at {at} is not after the previous one ({self.last_at})")
        detection = Detection()
        previous, self.last_at = self.last_at, at
        if previous is None:
            for key, volume in volumes.items():
                self._baselines[key] = _Baseline(float(volume), 0.0, at)
            return detection
        for key in list(self._baselines.keys() | volumes.keys()):
            self._observe_key(key, int(volumes.get(key, 0)), at, previous, detection)
        return detection

    def _observe_key(
        self, key: Key, volume: int, at: float, previous: float, detection: Detection
    ) -> None:
        policy = self._policy
        state = self._baselines.get(key)
        if state is None:
            if volume == 0:
                return
            state = self._baselines[key] = _Baseline(0.0, 0.0, previous)
        sigma = self._sigma(state)
        reading = SpikeReading(key, at, volume, state.mean, sigma, (volume - state.mean) / sigma)
        if state.spiking:
            if volume >= state.mean + policy.rearm_z * sigma:
                state.at = at  # frozen: it learns again only once the spike is over
                detection.ongoing.append(reading)
                return
            state.spiking = False
            detection.ended.append(reading)
        elif reading.z >= policy.z_threshold and volume >= policy.min_volume:
            state.spiking = True
            state.at = at
            detection.started.append(reading)
            return
        self._learn(state, volume, at)
        if volume == 0 and state.mean < 0.5:
            del self._baselines[key]

    def _learn(self, state: _Baseline, volume: int, at: float) -> None:
        weight = 1.0 - math.exp(-max(0.0, at - state.at) / self._policy.baseline_s)
        difference = volume - state.mean
        state.mean += weight * difference
        state.var = (1.0 - weight) * (state.var + weight * difference * difference)
        state.at = at

    @staticmethod
    def _sigma(state: _Baseline) -> float:
        return max(math.sqrt(state.var), math.sqrt(max(state.mean, 1.0)))
