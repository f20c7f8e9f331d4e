"""Posts per topic and district, kept current from alerts, and their history for trends.

An alert's ``volume`` is the number of posts about its topic in its district over the
last 10 minutes; ``sentiment`` is their mean mood (-1 … 1). :class:`AlertVolumes`
adds the alerts up per (topic, district) and per topic, incrementally — O(1) per alert
change — together with volume-weighted sentiment sums, so a sample costs O(keys) and not
O(alerts). :class:`VolumeHistory` keeps the samples of the last hours.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

from console.state.opinion.detector import Key
from services.protocol.entities import Alert

Activity = Literal["new", "changed"]


@dataclass(frozen=True, slots=True)
class _Contribution:
    key: Key
    platform: str
    volume: int
    sentiment: float
    excerpt: str


@dataclass(frozen=True, slots=True)
class Mood:
    """Volume-weighted sentiment of a set of posts: mean and standard deviation."""

    volume: int
    mean: float
    spread: float

    @classmethod
    def of(cls, volume: int, weighted: float, weighted_squares: float) -> Mood:
        if volume <= 0:
            return cls(0, 0.0, 0.0)
        mean = weighted / volume
        return cls(volume, mean, math.sqrt(max(0.0, weighted_squares / volume - mean * mean)))


class _Sums:
    __slots__ = ("squares", "volume", "weighted")

    def __init__(self) -> None:
        self.volume = 0
        self.weighted = 0.0
        self.squares = 0.0

    def add(self, volume: int, sentiment: float, sign: int) -> None:
        self.volume += sign * volume
        self.weighted += sign * volume * sentiment
        self.squares += sign * volume * sentiment * sentiment

    def mood(self) -> Mood:
        return Mood.of(self.volume, self.weighted, self.squares)


class AlertVolumes:
    """Current totals of the alerts it was told about."""

    def __init__(self) -> None:
        self._alerts: dict[str, _Contribution] = {}
        self._by_key: dict[Key, int] = {}
        self._topics: dict[str, _Sums] = {}
        self._city = _Sums()
        self.by_key: Mapping[Key, int] = MappingProxyType(self._by_key)

    def __len__(self) -> int:
        return len(self._alerts)

    def upsert(self, alert: Alert) -> Activity | None:
        """Count a new or changed alert. ``"new"``, ``"changed"`` when its posts changed
        (volume, excerpt or sentiment: the platform posted), None otherwise (e.g. only
        acknowledged or linked by an operator)."""
        now = _Contribution(
            (alert.topic, alert.district),
            alert.platform,
            alert.volume,
            alert.sentiment,
            alert.excerpt,
        )
        before = self._alerts.get(alert.id)
        if before == now:
            return None
        if before is not None:
            self._count(before, -1)
        self._alerts[alert.id] = now
        self._count(now, +1)
        if before is None:
            return "new"
        posted = (before.volume, before.sentiment, before.excerpt) != (
            now.volume,
            now.sentiment,
            now.excerpt,
        )
        return "changed" if posted else None

    def remove(self, alert_id: str) -> bool:
        before = self._alerts.pop(alert_id, None)
        if before is None:
            return False
        self._count(before, -1)
        return True

    def _count(self, part: _Contribution, sign: int) -> None:
        total = self._by_key.get(part.key, 0) + sign * part.volume
        if total:
            self._by_key[part.key] = total
        else:
            self._by_key.pop(part.key, None)
        topic = part.key[0]
        sums = self._topics.get(topic)
        if sums is None:
            sums = self._topics[topic] = _Sums()
        sums.add(part.volume, part.sentiment, sign)
        if sums.volume == 0:  # nothing posted on it now (its float sums start afresh)
            del self._topics[topic]
        self._city.add(part.volume, part.sentiment, sign)

    def topic_volume(self, topic: str) -> int:
        sums = self._topics.get(topic)
        return 0 if sums is None else sums.volume

    def topic_moods(self) -> dict[str, Mood]:
        """Per topic with posts: its volume and mood."""
        return {topic: sums.mood() for topic, sums in self._topics.items() if sums.volume}

    def city_mood(self) -> Mood:
        return self._city.mood()


@dataclass(frozen=True, slots=True)
class VolumeSample:
    """Volumes and moods per topic, and the city's mood, at one moment."""

    at: float
    topics: Mapping[str, Mood]
    city: Mood


class VolumeHistory:
    """Samples of the last ``retention_s`` seconds, oldest first."""

    def __init__(self, retention_s: float) -> None:
        self._retention_s = retention_s
        self._samples: deque[VolumeSample] = deque()

    def __len__(self) -> int:
        return len(self._samples)

    def __iter__(self) -> Iterator[VolumeSample]:
        return iter(self._samples)

    def add(self, sample: VolumeSample) -> None:
        if self._samples and sample.at <= self._samples[-1].at:
            raise ValueError("samples must move forward in time")
        self._samples.append(sample)
        horizon = sample.at - self._retention_s
        while self._samples and self._samples[0].at < horizon:
            self._samples.popleft()

    def clear(self) -> None:
        self._samples.clear()

    def since(self, start: float) -> list[VolumeSample]:
        return [s for s in self._samples if s.at >= start]

    def series(self, topic: str, start: float) -> tuple[list[float], list[int]]:
        """``(times, volumes)`` of one topic from ``start`` (0 where it had no posts)."""
        times, volumes = [], []
        for sample in self._samples:
            if sample.at >= start:
                mood = sample.topics.get(topic)
                times.append(sample.at)
                volumes.append(0 if mood is None else mood.volume)
        return times, volumes
